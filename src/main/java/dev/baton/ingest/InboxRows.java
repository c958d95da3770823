package dev.baton.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for the {@code inbox} table. Every method but the worker's claim takes the tenant. */
@Repository
class InboxRows {

  static final String PENDING = "pending";
  static final String PROCESSED = "processed";
  static final String FAILED = "failed";
  static final List<String> STATUSES = List.of(PENDING, PROCESSED, FAILED);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
  private static final String WITHOUT_BODY =
      "tenant_id, id, integration_id, provider, delivery_id, event_type, null::bytea as raw_body,"
          + " raw_body is not null as body_kept, body_size, headers, correlation_id, traceparent,"
          + " received_at, status, attempts, next_attempt_at, last_error, outcome, processed_at";
  private static final String WITH_BODY = "*, raw_body is not null as body_kept";

  private final JdbcClient jdbc;

  InboxRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A delivery as received, before it has a row. */
  record Received(
      String tenantId,
      UUID id,
      UUID integrationId,
      Provider provider,
      String deliveryId,
      @Nullable String eventType,
      byte[] rawBody,
      Map<String, String> headers,
      String correlationId,
      @Nullable String traceparent,
      Instant receivedAt,
      Instant dueAt) {}

  /** A stored delivery; {@code rawBody} is null when not read or no longer kept. */
  record Delivery(
      String tenantId,
      UUID id,
      UUID integrationId,
      Provider provider,
      String deliveryId,
      @Nullable String eventType,
      byte @Nullable [] rawBody,
      boolean bodyKept,
      int bodySize,
      Map<String, String> headers,
      String correlationId,
      @Nullable String traceparent,
      Instant receivedAt,
      String status,
      int attempts,
      Instant nextAttemptAt,
      @Nullable String lastError,
      @Nullable String outcome,
      @Nullable Instant processedAt) {}

  /**
   * Stores a new delivery as pending; empty when the integration already has one with this delivery
   * id (a duplicate, left as it was).
   */
  Optional<UUID> insert(Received d) {
    return jdbc.sql(
            """
            insert into inbox (tenant_id, id, integration_id, provider, delivery_id, event_type,
              raw_body, body_size, headers, correlation_id, traceparent, received_at, status,
              attempts, next_attempt_at)
            values (:tenant, :id, :integration, :provider, :deliveryId, :eventType, :body,
              :bodySize, :headers::jsonb, :correlation, :traceparent, :receivedAt, 'pending', 0,
              :dueAt)
            on conflict (tenant_id, integration_id, delivery_id) do nothing
            returning id
            """)
        .param("tenant", d.tenantId())
        .param("id", d.id())
        .param("integration", d.integrationId())
        .param("provider", d.provider().wireName())
        .param("deliveryId", d.deliveryId())
        .param("eventType", d.eventType())
        .param("body", d.rawBody())
        .param("bodySize", d.rawBody().length)
        .param("headers", JSON.writeValueAsString(d.headers()))
        .param("correlation", d.correlationId())
        .param("traceparent", d.traceparent())
        .param("receivedAt", Timestamp.from(d.receivedAt()))
        .param("dueAt", Timestamp.from(d.dueAt()))
        .query(UUID.class)
        .optional();
  }

  /** The row that already holds this delivery id. */
  Optional<UUID> idOf(String tenantId, UUID integrationId, String deliveryId) {
    return jdbc.sql(
            "select id from inbox where tenant_id = :tenant and integration_id = :integration"
                + " and delivery_id = :deliveryId")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("deliveryId", deliveryId)
        .query(UUID.class)
        .optional();
  }

  /**
   * Locks the pending delivery due soonest, skipping rows other workers hold, until the calling
   * transaction ends. Slack rows and the others are claimed only when something can process them.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  Optional<Delivery> claimDue(Instant now, boolean events, boolean slack) {
    return jdbc.sql(
            """
            select *, raw_body is not null as body_kept from inbox
            where status = 'pending' and next_attempt_at <= :now
              and (case when provider = 'slack' then :slack else :events end)
            order by next_attempt_at
            limit 1
            for update skip locked
            """)
        .param("now", Timestamp.from(now))
        .param("slack", slack)
        .param("events", events)
        .query(InboxRows::delivery)
        .optional();
  }

  void markProcessed(String tenantId, UUID id, String outcome, Instant now) {
    jdbc.sql(
            "update inbox set status = 'processed', outcome = :outcome, processed_at = :now,"
                + " attempts = attempts + 1, last_error = null where tenant_id = :tenant and id = :id")
        .param("outcome", outcome)
        .param("now", Timestamp.from(now))
        .param("tenant", tenantId)
        .param("id", id)
        .update();
  }

  /**
   * Records a failed attempt: the row waits until {@code retryAt}, or is parked as failed when that
   * is null. Applies only if no one else processed the row since it was read at {@code attempts}.
   */
  void recordFailure(
      String tenantId, UUID id, int attempts, String error, @Nullable Instant retryAt) {
    jdbc.sql(
            """
            update inbox set attempts = attempts + 1, last_error = :error,
              status = case when :retryAt::timestamptz is null then 'failed' else 'pending' end,
              next_attempt_at = coalesce(:retryAt::timestamptz, next_attempt_at)
            where tenant_id = :tenant and id = :id and status = 'pending'
              and attempts = :attempts
            """)
        .param("error", error)
        .param("retryAt", retryAt == null ? null : Timestamp.from(retryAt))
        .param("tenant", tenantId)
        .param("id", id)
        .param("attempts", attempts)
        .update();
  }

  /** A failed delivery becomes pending again, due now, with its attempts counted afresh. */
  boolean reprocess(String tenantId, UUID id, Instant now) {
    return jdbc.sql(
                "update inbox set status = 'pending', attempts = 0, next_attempt_at = :now,"
                    + " last_error = null where tenant_id = :tenant and id = :id"
                    + " and status = 'failed'")
            .param("now", Timestamp.from(now))
            .param("tenant", tenantId)
            .param("id", id)
            .update()
        == 1;
  }

  Optional<Delivery> find(String tenantId, UUID id, boolean withBody) {
    return jdbc.sql(
            "select "
                + (withBody ? WITH_BODY : WITHOUT_BODY)
                + " from inbox where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query(InboxRows::delivery)
        .optional();
  }

  /** Newest first, after the id {@code before} (exclusive), without bodies. */
  List<Delivery> list(
      String tenantId,
      @Nullable UUID integrationId,
      @Nullable String status,
      @Nullable UUID before,
      int limit) {
    return jdbc.sql(
            "select "
                + WITHOUT_BODY
                + " from inbox where tenant_id = :tenant"
                + " and (:integration::uuid is null or integration_id = :integration)"
                + " and (:status::text is null or status = :status)"
                + " and (:before::uuid is null or id < :before)"
                + " order by id desc limit :limit")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("status", status)
        .param("before", before)
        .param("limit", limit)
        .query(InboxRows::delivery)
        .list();
  }

  long pendingCount(String tenantId, UUID integrationId) {
    return jdbc.sql(
            "select count(*) from inbox where tenant_id = :tenant"
                + " and integration_id = :integration and status = 'pending'")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .query(Long.class)
        .single();
  }

  /** Pending deliveries of every tenant: the inbox depth. */
  long pendingTotal() {
    return jdbc.sql("select count(*) from inbox where status = 'pending'")
        .query(Long.class)
        .single();
  }

  /** Drops the raw bodies of deliveries processed before {@code before}; the rows stay. */
  int forgetBodies(Instant before) {
    return jdbc.sql(
            "update inbox set raw_body = null where status = 'processed'"
                + " and processed_at < :before and raw_body is not null")
        .param("before", Timestamp.from(before))
        .update();
  }

  private static Delivery delivery(ResultSet rs, int row) throws SQLException {
    Timestamp processedAt = rs.getTimestamp("processed_at");
    return new Delivery(
        rs.getString("tenant_id"),
        rs.getObject("id", UUID.class),
        rs.getObject("integration_id", UUID.class),
        Provider.parse(rs.getString("provider")),
        rs.getString("delivery_id"),
        rs.getString("event_type"),
        rs.getBytes("raw_body"),
        rs.getBoolean("body_kept"),
        rs.getInt("body_size"),
        JSON.readValue(rs.getString("headers"), HEADERS),
        rs.getString("correlation_id"),
        rs.getString("traceparent"),
        rs.getTimestamp("received_at").toInstant(),
        rs.getString("status"),
        rs.getInt("attempts"),
        rs.getTimestamp("next_attempt_at").toInstant(),
        rs.getString("last_error"),
        rs.getString("outcome"),
        processedAt == null ? null : processedAt.toInstant());
  }
}
