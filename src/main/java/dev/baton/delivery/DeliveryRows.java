package dev.baton.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code deliveries}, {@code delivery_attempts} and {@code delivery_destinations}. Every
 * method but the dispatcher's claim, lease release and the gauges takes the tenant.
 */
@Repository
class DeliveryRows {

  static final String PENDING = "pending";
  static final String DELIVERED = "delivered";
  static final String DEAD = "dead";
  static final String SKIPPED = "skipped";
  static final String DISCARDED = "discarded";
  static final List<String> STATUSES = List.of(PENDING, DELIVERED, DEAD, SKIPPED, DISCARDED);

  /** Statuses a replay starts again from. */
  static final List<String> REPLAYABLE = List.of(DEAD, DISCARDED, DELIVERED, SKIPPED);

  /** Statuses a discard ends. */
  static final List<String> DISCARDABLE = List.of(PENDING, DEAD);

  private static final String FILTER =
      """
       where tenant_id = :tenant
        and (:status::text is null or status = :status)
        and (:destination::text is null or destination = :destination)
        and (:workItem::text is null or work_item_id = :workItem)
        and (:from::timestamptz is null or created_at >= :from)
        and (:to::timestamptz is null or created_at < :to)
      """;

  private final JdbcClient jdbc;

  DeliveryRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long countDead(String tenantId) {
    return jdbc.sql("select count(*) from deliveries where tenant_id = :tenant and status = 'dead'")
        .param("tenant", tenantId)
        .query(Long.class)
        .single();
  }

  java.util.Map<Instant, Long> deliveredPerHour(String tenantId, Instant since) {
    java.util.Map<Instant, Long> perHour = new java.util.TreeMap<>();
    jdbc.sql(
            "select date_trunc('hour', delivered_at) as hour, count(*) as count from deliveries"
                + " where tenant_id = :tenant and delivered_at >= :since group by 1")
        .param("tenant", tenantId)
        .param("since", java.sql.Timestamp.from(since))
        .query((rs, n) -> perHour.put(rs.getTimestamp("hour").toInstant(), rs.getLong("count")))
        .list();
    return perHour;
  }

  /** A delivery row. */
  record Delivery(
      String tenantId,
      UUID id,
      UUID eventId,
      long eventSeq,
      String eventType,
      Instant eventTime,
      String workItemId,
      String destination,
      String connector,
      @Nullable String orderingKey,
      String status,
      int attempts,
      int roundAttempts,
      int replays,
      Instant nextAttemptAt,
      @Nullable String leaseOwner,
      @Nullable Instant leaseUntil,
      boolean uncertain,
      @Nullable String lastError,
      Instant createdAt,
      @Nullable Instant deliveredAt,
      @Nullable String traceparent) {}

  /** One attempt; outcome and the rest are null while it runs (or when its node died). */
  record Attempt(
      UUID deliveryId,
      int n,
      Instant startedAt,
      @Nullable Long latencyMs,
      @Nullable Integer statusCode,
      @Nullable String outcome,
      @Nullable String errorClass,
      @Nullable String errorMessage,
      @Nullable String excerpt) {}

  /** The list filters; null members do not filter. {@code to} is exclusive. */
  record Filter(
      @Nullable String status,
      @Nullable String destination,
      @Nullable String workItem,
      @Nullable Instant from,
      @Nullable Instant to) {}

  /** A planned delivery of an event; false when the event already has one to the destination. */
  boolean insert(
      Connector.OutboxEvent event,
      Instant eventTime,
      String connector,
      Connector.Planned planned,
      UUID id,
      @Nullable String traceparent,
      Instant now,
      Instant due) {
    return jdbc.sql(
                """
                insert into deliveries (tenant_id, id, event_id, event_seq, event_type, event_time,
                  work_item_id, destination, connector, ordering_key, status, attempts,
                  round_attempts, replays, next_attempt_at, uncertain, created_at, traceparent)
                values (:tenant, :id, :eventId, :seq, :type, :eventTime, :subject, :destination,
                  :connector, :orderingKey, 'pending', 0, 0, 0, :due, false, :now, :traceparent)
                on conflict (tenant_id, event_id, destination) do nothing
                """)
            .param("tenant", event.tenantId())
            .param("id", id)
            .param("eventId", event.id())
            .param("seq", event.sequence())
            .param("type", event.type())
            .param("eventTime", Timestamp.from(eventTime))
            .param("subject", event.subject())
            .param("destination", planned.destination())
            .param("connector", connector)
            .param("orderingKey", planned.orderingKey())
            .param("traceparent", traceparent)
            .param("due", Timestamp.from(due))
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }

  /**
   * Takes the pending delivery due soonest that no lease holds and no earlier pending delivery with
   * the same destination and ordering key holds back; leases it to {@code owner} until {@code
   * leaseUntil} and counts the attempt. A row whose earlier lease ran out without a release becomes
   * uncertain: that attempt may have landed. Must run in a transaction that commits before the
   * send.
   */
  Optional<Delivery> claimNext(Instant now, String owner, Instant leaseUntil) {
    return jdbc.sql(
            """
            with next as (
              select d.tenant_id, d.id from deliveries d
              where d.status = 'pending' and d.next_attempt_at <= :now
                and (d.lease_until is null or d.lease_until <= :now)
                and not exists (
                  select 1 from deliveries e
                  where e.tenant_id = d.tenant_id and e.destination = d.destination
                    and e.ordering_key = d.ordering_key and e.status = 'pending'
                    and e.event_seq < d.event_seq)
              order by d.next_attempt_at, d.event_seq
              limit 1
              for update of d skip locked
            )
            update deliveries d set attempts = d.attempts + 1,
              round_attempts = d.round_attempts + 1,
              uncertain = d.uncertain or d.lease_until is not null,
              lease_owner = :owner, lease_until = :leaseUntil
            from next where d.tenant_id = next.tenant_id and d.id = next.id
            returning d.*
            """)
        .param("now", Timestamp.from(now))
        .param("owner", owner)
        .param("leaseUntil", Timestamp.from(leaseUntil))
        .query(DeliveryRows::delivery)
        .optional();
  }

  void startAttempt(String tenantId, UUID deliveryId, int n, Instant startedAt) {
    jdbc.sql(
            """
            insert into delivery_attempts (tenant_id, delivery_id, n, started_at)
            values (:tenant, :delivery, :n, :startedAt)
            on conflict (tenant_id, delivery_id, n) do nothing
            """)
        .param("tenant", tenantId)
        .param("delivery", deliveryId)
        .param("n", n)
        .param("startedAt", Timestamp.from(startedAt))
        .update();
  }

  /** The outcome of attempt {@code n}. */
  void finishAttempt(
      String tenantId,
      UUID deliveryId,
      int n,
      long latencyMs,
      @Nullable Integer statusCode,
      String outcome,
      @Nullable String errorClass,
      @Nullable String errorMessage,
      @Nullable String excerpt) {
    jdbc.sql(
            """
            update delivery_attempts set latency_ms = :latency, status_code = :status,
              outcome = :outcome, error_class = :errorClass, error_message = :errorMessage,
              excerpt = :excerpt
            where tenant_id = :tenant and delivery_id = :delivery and n = :n
            """)
        .param("latency", latencyMs)
        .param("status", statusCode)
        .param("outcome", outcome)
        .param("errorClass", errorClass)
        .param("errorMessage", errorMessage)
        .param("excerpt", excerpt)
        .param("tenant", tenantId)
        .param("delivery", deliveryId)
        .param("n", n)
        .update();
  }

  /**
   * Ends the attempt {@code n} held by {@code owner} without sending (Baton's own pacing said
   * wait): pending again at {@code nextAttemptAt}, and the attempt does not count toward the retry
   * round. False when the lease was lost.
   */
  boolean hold(Delivery d, String owner, Instant nextAttemptAt, String lastError) {
    return jdbc.sql(
                """
                update deliveries set next_attempt_at = :next, last_error = :lastError,
                  round_attempts = greatest(round_attempts - 1, 0),
                  lease_owner = null, lease_until = null
                where tenant_id = :tenant and id = :id and status = 'pending'
                  and lease_owner = :owner and attempts = :attempts
                """)
            .param("next", Timestamp.from(nextAttemptAt))
            .param("lastError", lastError)
            .param("tenant", d.tenantId())
            .param("id", d.id())
            .param("owner", owner)
            .param("attempts", d.attempts())
            .update()
        == 1;
  }

  /**
   * Ends the attempt {@code n} held by {@code owner}: the new status, when a pending row is due
   * again, whether an attempt may have landed. False, changing nothing, when the row is no longer
   * this owner's pending attempt (its lease ran out and another node took it, or it was discarded).
   */
  boolean finish(
      Delivery d,
      String owner,
      String status,
      Instant nextAttemptAt,
      boolean uncertain,
      @Nullable String lastError,
      @Nullable Instant deliveredAt) {
    return jdbc.sql(
                """
                update deliveries set status = :status, next_attempt_at = :next,
                  uncertain = :uncertain, last_error = :lastError, delivered_at = :deliveredAt,
                  lease_owner = null, lease_until = null
                where tenant_id = :tenant and id = :id and status = 'pending'
                  and lease_owner = :owner and attempts = :attempts
                """)
            .param("status", status)
            .param("next", Timestamp.from(nextAttemptAt))
            .param("uncertain", uncertain)
            .param("lastError", lastError)
            .param("deliveredAt", deliveredAt == null ? null : Timestamp.from(deliveredAt))
            .param("tenant", d.tenantId())
            .param("id", d.id())
            .param("owner", owner)
            .param("attempts", d.attempts())
            .update()
        == 1;
  }

  /**
   * Gives back a lease whose attempt did not finish (a shutdown): due now, and uncertain, since the
   * request may have gone out.
   */
  boolean release(String tenantId, UUID id, String owner, Instant now) {
    return jdbc.sql(
                """
                update deliveries set lease_owner = null, lease_until = null, uncertain = true,
                  next_attempt_at = :now
                where tenant_id = :tenant and id = :id and lease_owner = :owner
                  and status = 'pending'
                """)
            .param("now", Timestamp.from(now))
            .param("tenant", tenantId)
            .param("id", id)
            .param("owner", owner)
            .update()
        == 1;
  }

  /** The event a delivery carries, as the outbox stored it (CloudEvents JSON text). */
  String cloudEvent(String tenantId, long seq) {
    return jdbc.sql(
            "select cloud_event from outbox_events where tenant_id = :tenant and seq = :seq")
        .param("tenant", tenantId)
        .param("seq", seq)
        .query(String.class)
        .single();
  }

  /** The stored event with this id: its sequence, type, subject, time and JSON. */
  record StoredEvent(long seq, String type, String subject, Instant time, String cloudEvent) {}

  Optional<StoredEvent> event(String tenantId, UUID eventId) {
    return jdbc.sql(
            "select seq, type, subject, time, cloud_event from outbox_events"
                + " where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", eventId)
        .query(
            (rs, n) ->
                new StoredEvent(
                    rs.getLong("seq"),
                    rs.getString("type"),
                    rs.getString("subject"),
                    rs.getTimestamp("time").toInstant(),
                    rs.getString("cloud_event")))
        .optional();
  }

  Optional<Delivery> find(String tenantId, UUID id) {
    return jdbc.sql("select * from deliveries where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query(DeliveryRows::delivery)
        .optional();
  }

  Optional<Delivery> find(String tenantId, UUID eventId, String destination) {
    return jdbc.sql(
            "select * from deliveries where tenant_id = :tenant and event_id = :event"
                + " and destination = :destination")
        .param("tenant", tenantId)
        .param("event", eventId)
        .param("destination", destination)
        .query(DeliveryRows::delivery)
        .optional();
  }

  List<Delivery> ofEvent(String tenantId, UUID eventId) {
    return jdbc.sql(
            "select * from deliveries where tenant_id = :tenant and event_id = :event"
                + " order by destination")
        .param("tenant", tenantId)
        .param("event", eventId)
        .query(DeliveryRows::delivery)
        .list();
  }

  /** Newest first, after the id {@code before} (exclusive). */
  List<Delivery> list(String tenantId, Filter filter, @Nullable UUID before, int limit) {
    return filtered(
            "select * from deliveries"
                + FILTER
                + " and (:before::uuid is null or id < :before) order by id desc limit :limit",
            tenantId,
            filter)
        .param("before", before)
        .param("limit", limit)
        .query(DeliveryRows::delivery)
        .list();
  }

  List<Attempt> attempts(String tenantId, Collection<UUID> deliveryIds) {
    if (deliveryIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "select * from delivery_attempts where tenant_id = :tenant"
                + " and delivery_id in (:ids) order by delivery_id, n")
        .param("tenant", tenantId)
        .param("ids", deliveryIds)
        .query(
            (rs, n) ->
                new Attempt(
                    rs.getObject("delivery_id", UUID.class),
                    rs.getInt("n"),
                    rs.getTimestamp("started_at").toInstant(),
                    rs.getObject("latency_ms", Long.class),
                    rs.getObject("status_code", Integer.class),
                    rs.getString("outcome"),
                    rs.getString("error_class"),
                    rs.getString("error_message"),
                    rs.getString("excerpt")))
        .list();
  }

  /**
   * Makes matching deliveries in a replayable status pending again, due now, with a fresh round of
   * the retry schedule; their attempts stay. Answers the ids replayed.
   */
  List<UUID> replay(String tenantId, Filter filter, @Nullable UUID only, Instant now) {
    return filtered(
            "update deliveries set status = 'pending', round_attempts = 0,"
                + " replays = replays + 1, next_attempt_at = :now, delivered_at = null,"
                + " lease_owner = null, lease_until = null"
                + FILTER
                + " and status in ('dead', 'discarded', 'delivered', 'skipped')"
                + " and (:only::uuid is null or id = :only) returning id",
            tenantId,
            filter)
        .param("now", Timestamp.from(now))
        .param("only", only)
        .query(UUID.class)
        .list();
  }

  /** Ends matching pending or dead deliveries as discarded; answers the ids discarded. */
  List<UUID> discard(String tenantId, Filter filter, @Nullable UUID only) {
    return filtered(
            "update deliveries set status = 'discarded', lease_owner = null, lease_until = null"
                + FILTER
                + " and status in ('pending', 'dead')"
                + " and (:only::uuid is null or id = :only) returning id",
            tenantId,
            filter)
        .param("only", only)
        .query(UUID.class)
        .list();
  }

  /** Records that a destination has a dead letter; false when it already had one. */
  boolean markFailing(String tenantId, String destination, Instant now) {
    return jdbc.sql(
                """
                insert into delivery_destinations (tenant_id, destination, failing_since)
                values (:tenant, :destination, :now) on conflict do nothing
                """)
            .param("tenant", tenantId)
            .param("destination", destination)
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }

  /** Clears a destination's failing mark; answers since when it was failing, if it was. */
  Optional<Instant> clearFailing(String tenantId, String destination) {
    return jdbc.sql(
            "delete from delivery_destinations where tenant_id = :tenant"
                + " and destination = :destination returning failing_since")
        .param("tenant", tenantId)
        .param("destination", destination)
        .query((rs, n) -> rs.getTimestamp(1).toInstant())
        .optional();
  }

  /** Deliveries of every tenant in a status: the gauges. */
  long countAll(String status) {
    return jdbc.sql("select count(*) from deliveries where status = :status")
        .param("status", status)
        .query(Long.class)
        .single();
  }

  private JdbcClient.StatementSpec filtered(String sql, String tenantId, Filter filter) {
    return jdbc.sql(sql)
        .param("tenant", tenantId)
        .param("status", filter.status())
        .param("destination", filter.destination())
        .param("workItem", filter.workItem())
        .param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
        .param("to", filter.to() == null ? null : Timestamp.from(filter.to()));
  }

  private static Delivery delivery(ResultSet rs, int row) throws SQLException {
    Timestamp leaseUntil = rs.getTimestamp("lease_until");
    Timestamp deliveredAt = rs.getTimestamp("delivered_at");
    return new Delivery(
        rs.getString("tenant_id"),
        rs.getObject("id", UUID.class),
        rs.getObject("event_id", UUID.class),
        rs.getLong("event_seq"),
        rs.getString("event_type"),
        rs.getTimestamp("event_time").toInstant(),
        rs.getString("work_item_id"),
        rs.getString("destination"),
        rs.getString("connector"),
        rs.getString("ordering_key"),
        rs.getString("status"),
        rs.getInt("attempts"),
        rs.getInt("round_attempts"),
        rs.getInt("replays"),
        rs.getTimestamp("next_attempt_at").toInstant(),
        rs.getString("lease_owner"),
        leaseUntil == null ? null : leaseUntil.toInstant(),
        rs.getBoolean("uncertain"),
        rs.getString("last_error"),
        rs.getTimestamp("created_at").toInstant(),
        deliveredAt == null ? null : deliveredAt.toInstant(),
        rs.getString("traceparent"));
  }
}
