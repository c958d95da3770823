package dev.baton.delivery;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.delivery.DeliveryRows.Delivery;
import dev.baton.delivery.DeliveryRows.Filter;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Page;
import dev.baton.platform.Validation;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deliveries as operators see them: listed with their attempts, replayed one by one, in bulk or for
 * a whole event, and discarded. Every change is audited and wakes the dispatcher after commit.
 */
@Service
public class Deliveries {

  private final DeliveryRows rows;
  private final PlanDeliveries planner;
  private final DispatchSignal signal;
  private final AuditLog audit;
  private final JsonMapper json;
  private final Clock clock;

  Deliveries(
      DeliveryRows rows,
      PlanDeliveries planner,
      DispatchSignal signal,
      AuditLog audit,
      JsonMapper json,
      Clock clock) {
    this.rows = rows;
    this.planner = planner;
    this.signal = signal;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
  }

  /** How many dead letters wait for a replay or a discard. */
  @Transactional(readOnly = true)
  public long deadLetters(String tenantId) {
    return rows.countDead(tenantId);
  }

  /** Deliveries delivered since {@code since}, counted per hour (the hour's start). */
  @Transactional(readOnly = true)
  public Map<java.time.Instant, Long> deliveredPerHour(String tenantId, java.time.Instant since) {
    return rows.deliveredPerHour(tenantId, since);
  }

  /**
   * Newest first, with their attempts. Rows and attempts are read in two statements; repeatable
   * read gives both one snapshot, so a delivery is never shown with an attempt its row does not
   * count yet (read committed let a dispatcher's record land between them).
   */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public Page<DeliveryView> list(
      String tenantId, DeliveryRequests.Filter filter, @Nullable String cursor, int limit) {
    Filter parsed = parse(filter, false);
    String after = Page.decode(cursor);
    UUID before =
        after == null
            ? null
            : uuid(after)
                .orElseThrow(
                    () -> new BatonException.BadRequest("parameter 'cursor' is not a cursor"));
    List<Delivery> page = rows.list(tenantId, parsed, before, limit + 1);
    return Page.of(views(tenantId, page), limit, d -> d.id().toString());
  }

  /** One delivery with its attempts, from one snapshot (see {@link #list}). */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public DeliveryView get(String tenantId, String id) {
    return views(tenantId, List.of(delivery(tenantId, id))).get(0);
  }

  /** A dead, discarded, delivered or skipped delivery becomes pending, due now; audited. */
  @Transactional
  public DeliveryView replay(String tenantId, String id, Actor actor, String source) {
    Delivery before = delivery(tenantId, id);
    if (rows.replay(tenantId, none(), before.id(), now()).isEmpty()) {
      throw new BatonException.Conflict(
          "delivery '" + id + "' is pending; only a finished delivery is replayed",
          Map.of("deliveryStatus", before.status()));
    }
    audit(tenantId, actor, source, before.id().toString(), "delivery.replayed", before.status());
    signal.wakeAfterCommit();
    return get(tenantId, id);
  }

  /** A pending or dead delivery is discarded: it is not sent (again); audited. */
  @Transactional
  public DeliveryView discard(String tenantId, String id, Actor actor, String source) {
    Delivery before = delivery(tenantId, id);
    if (rows.discard(tenantId, none(), before.id()).isEmpty()) {
      throw new BatonException.Conflict(
          "delivery '"
              + id
              + "' is "
              + before.status()
              + "; only a pending or dead delivery is discarded",
          Map.of("deliveryStatus", before.status()));
    }
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "delivery",
            before.id().toString(),
            "delivery.discarded",
            null,
            Map.of("status", before.status()),
            Map.of("status", DeliveryRows.DISCARDED)));
    return get(tenantId, id);
  }

  /** Replays every finished delivery the filter matches; audited as one entry. */
  @Transactional
  public DeliveryRequests.Replayed replay(
      String tenantId, DeliveryRequests.Filter filter, Actor actor, String source) {
    Filter parsed = parse(filter, true);
    List<UUID> replayed = rows.replay(tenantId, parsed, null, now());
    bulkAudit(tenantId, actor, source, "deliveries.replayed", filter, replayed);
    signal.wakeAfterCommit();
    return new DeliveryRequests.Replayed(replayed.size());
  }

  /** Discards every pending or dead delivery the filter matches; audited as one entry. */
  @Transactional
  public DeliveryRequests.Discarded discard(
      String tenantId, DeliveryRequests.Filter filter, Actor actor, String source) {
    Filter parsed = parse(filter, true);
    List<UUID> discarded = rows.discard(tenantId, parsed, null);
    bulkAudit(tenantId, actor, source, "deliveries.discarded", filter, discarded);
    return new DeliveryRequests.Discarded(discarded.size());
  }

  /**
   * Re-plans an event's deliveries, for one destination or all: a destination the event has no
   * delivery to (a connector or subscription added since) gets a new one; a finished delivery is
   * made pending again as a replay; a pending one is left alone. The destinations are those the
   * connectors plan now plus those the event already has.
   */
  @Transactional
  public DeliveryRequests.EventReplayed replayEvent(
      String tenantId, String eventId, @Nullable String destination, Actor actor, String source) {
    UUID id = uuid(eventId).orElseThrow(() -> new BatonException.NotFound("event", eventId));
    DeliveryRows.StoredEvent stored =
        rows.event(tenantId, id).orElseThrow(() -> new BatonException.NotFound("event", eventId));
    new Validation()
        .when(destination != null && destination.isBlank(), "destination", "must not be blank")
        .check();
    Connector.OutboxEvent event =
        new Connector.OutboxEvent(
            tenantId,
            id,
            stored.seq(),
            stored.type(),
            stored.subject(),
            json.readTree(stored.cloudEvent()));
    Instant now = now();
    Map<String, Delivery> existing =
        rows.ofEvent(tenantId, id).stream()
            .collect(
                Collectors.toMap(Delivery::destination, d -> d, (a, b) -> a, LinkedHashMap::new));
    int created = 0;
    int reset = 0;
    int unchanged = 0;
    boolean matched = false;
    for (PlanDeliveries.PlannedBy p : planner.replan(event)) {
      String to = p.planned().destination();
      if ((destination != null && !destination.equals(to)) || existing.containsKey(to)) {
        continue;
      }
      matched = true;
      if (planner.insert(event, stored.time(), p.connector(), p.planned(), now)) {
        created++;
      }
    }
    for (Delivery d : existing.values()) {
      if (destination != null && !destination.equals(d.destination())) {
        continue;
      }
      matched = true;
      if (rows.replay(tenantId, none(), d.id(), now).isEmpty()) {
        unchanged++;
      } else {
        reset++;
      }
    }
    if (destination != null && !matched) {
      throw new BatonException.InvalidInput(
          "destination", "the event has no delivery to it and no connector plans one");
    }
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("destination", destination == null ? "all" : destination);
    after.put("created", created);
    after.put("reset", reset);
    after.put("unchanged", unchanged);
    audit.append(
        tenantId,
        new AuditRecord(actor, source, "event", eventId, "event.replayed", null, null, after));
    signal.wakeAfterCommit();
    return new DeliveryRequests.EventReplayed(created, reset, unchanged);
  }

  private void audit(
      String tenantId, Actor actor, String source, String id, String action, String status) {
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "delivery",
            id,
            action,
            null,
            Map.of("status", status),
            Map.of("status", DeliveryRows.PENDING)));
  }

  private void bulkAudit(
      String tenantId,
      Actor actor,
      String source,
      String action,
      DeliveryRequests.Filter filter,
      List<UUID> ids) {
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("filter", filter);
    after.put("count", ids.size());
    after.put("ids", ids.stream().map(UUID::toString).toList());
    audit.append(
        tenantId, new AuditRecord(actor, source, "deliveries", "bulk", action, null, null, after));
  }

  private List<DeliveryView> views(String tenantId, List<Delivery> deliveries) {
    Map<UUID, List<DeliveryView.AttemptView>> attempts =
        rows.attempts(tenantId, deliveries.stream().map(Delivery::id).toList()).stream()
            .collect(
                Collectors.groupingBy(
                    DeliveryRows.Attempt::deliveryId,
                    Collectors.mapping(
                        a ->
                            new DeliveryView.AttemptView(
                                a.n(),
                                a.startedAt(),
                                a.latencyMs(),
                                a.statusCode(),
                                a.outcome(),
                                a.errorClass(),
                                a.errorMessage(),
                                a.excerpt()),
                        Collectors.toList())));
    return deliveries.stream()
        .map(
            d ->
                new DeliveryView(
                    d.id(),
                    d.eventId(),
                    d.eventSeq(),
                    d.eventType(),
                    d.workItemId(),
                    d.destination(),
                    d.connector(),
                    d.orderingKey(),
                    d.status(),
                    d.attempts(),
                    d.replays(),
                    DeliveryRows.PENDING.equals(d.status()) ? d.nextAttemptAt() : null,
                    DeliveryRows.PENDING.equals(d.status()) ? d.leaseUntil() : null,
                    d.uncertain(),
                    d.lastError(),
                    d.createdAt(),
                    d.deliveredAt(),
                    attempts.getOrDefault(d.id(), List.of())))
        .toList();
  }

  /** Checks the filter; a bulk request must narrow it down with at least one member. */
  private static Filter parse(DeliveryRequests.Filter f, boolean bulk) {
    Validation v = new Validation();
    v.when(
        f.status() != null && !DeliveryRows.STATUSES.contains(f.status()),
        "status",
        "must be one of " + DeliveryRows.STATUSES);
    Instant from = instant(f.from(), "from", v);
    Instant to = instant(f.to(), "to", v);
    v.when(from != null && to != null && !from.isBefore(to), "to", "must be after 'from'");
    v.when(
        bulk
            && f.status() == null
            && f.destination() == null
            && f.workItem() == null
            && from == null
            && to == null,
        "filter",
        "name at least one of status, destination, workItem, from, to");
    v.check();
    return new Filter(
        blankToNull(f.status()), blankToNull(f.destination()), blankToNull(f.workItem()), from, to);
  }

  private static @Nullable Instant instant(@Nullable String text, String field, Validation v) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      v.add(field, "must be an ISO-8601 instant such as 2026-03-02T09:00:00Z");
      return null;
    }
  }

  private static @Nullable String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static Filter none() {
    return new Filter(null, null, null, null, null);
  }

  private Delivery delivery(String tenantId, String id) {
    return uuid(id)
        .flatMap(uuid -> rows.find(tenantId, uuid))
        .orElseThrow(() -> new BatonException.NotFound("delivery", id));
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}
