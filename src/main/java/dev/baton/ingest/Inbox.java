package dev.baton.ingest;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.ingest.InboxRows.Delivery;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Page;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The inbox as operators see it: stored deliveries with their status and last error, reprocessing
 * of failed ones, and the retention that drops raw bodies of processed deliveries while keeping
 * their rows (so a late redelivery is still a duplicate).
 */
@Service
public class Inbox {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  private final InboxRows rows;
  private final Integrations integrations;
  private final InboxWorker worker;
  private final AuditLog audit;
  private final Clock clock;
  private final IngestProperties.Inbox settings;

  Inbox(
      InboxRows rows,
      Integrations integrations,
      InboxWorker worker,
      AuditLog audit,
      Clock clock,
      IngestProperties properties) {
    this.rows = rows;
    this.integrations = integrations;
    this.worker = worker;
    this.audit = audit;
    this.clock = clock;
    this.settings = properties.inbox();
  }

  /** Deliveries newest first, optionally of one integration and in one status; no bodies. */
  public Page<InboxDelivery> list(
      String tenantId,
      @Nullable String integrationId,
      @Nullable String status,
      @Nullable String cursor,
      int limit) {
    UUID integration =
        integrationId == null ? null : integrations.stored(tenantId, integrationId).id();
    if (status != null && !InboxRows.STATUSES.contains(status)) {
      throw new BatonException.InvalidInput("status", "must be one of " + InboxRows.STATUSES);
    }
    String after = Page.decode(cursor);
    UUID before =
        after == null
            ? null
            : Integrations.parseId(after)
                .orElseThrow(
                    () -> new BatonException.BadRequest("parameter 'cursor' is not a cursor"));
    List<InboxDelivery> page =
        rows.list(tenantId, integration, status, before, limit + 1).stream()
            .map(d -> view(d, false))
            .toList();
    return Page.of(page, limit, d -> d.id().toString());
  }

  public InboxDelivery get(String tenantId, String id, boolean withBody) {
    return view(delivery(tenantId, id, withBody), withBody);
  }

  /** Makes a failed delivery pending again, due now, with fresh attempts; audited. */
  @Transactional
  public InboxDelivery reprocess(String tenantId, String id, Actor actor, String source) {
    Delivery before = delivery(tenantId, id, false);
    if (!rows.reprocess(tenantId, before.id(), now())) {
      throw new BatonException.Conflict(
          "delivery '" + id + "' is " + before.status() + "; only a failed delivery is reprocessed",
          Map.of("deliveryStatus", before.status()));
    }
    InboxDelivery after = view(delivery(tenantId, id, false), false);
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "inbox-delivery",
            before.id().toString(),
            "inbox.reprocess_requested",
            null,
            Map.of(
                "status",
                before.status(),
                "attempts",
                before.attempts(),
                "lastError",
                String.valueOf(before.lastError())),
            Map.of("status", after.status())));
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            worker.wake();
          }
        });
    return after;
  }

  /** Drops raw bodies of deliveries processed longer ago than the retention. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
  public void forgetOldBodies() {
    int forgotten = rows.forgetBodies(now().minus(settings.retention()));
    if (forgotten > 0) {
      log.info("Removed the raw bodies of {} processed webhook deliveries", forgotten);
    }
  }

  private Delivery delivery(String tenantId, String id, boolean withBody) {
    return Integrations.parseId(id)
        .flatMap(uuid -> rows.find(tenantId, uuid, withBody))
        .orElseThrow(() -> new BatonException.NotFound("delivery", id));
  }

  private static InboxDelivery view(Delivery d, boolean withBody) {
    byte[] raw = withBody ? d.rawBody() : null;
    String text = raw == null ? null : utf8(raw);
    return new InboxDelivery(
        d.id(),
        d.integrationId(),
        d.provider().wireName(),
        d.deliveryId(),
        d.eventType(),
        d.status(),
        d.attempts(),
        InboxRows.PENDING.equals(d.status()) ? d.nextAttemptAt() : null,
        d.lastError(),
        d.outcome(),
        d.receivedAt(),
        d.processedAt(),
        d.bodySize(),
        d.bodyKept(),
        d.headers(),
        text,
        raw != null && text == null ? Base64.getEncoder().encodeToString(raw) : null);
  }

  private static @Nullable String utf8(byte[] raw) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}
