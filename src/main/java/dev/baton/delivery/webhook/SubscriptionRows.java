package dev.baton.delivery.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code subscriptions} and {@code subscription_secrets} tables. */
@Repository
class SubscriptionRows {

  private final JdbcClient jdbc;

  SubscriptionRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A subscription row. */
  record Stored(
      String tenantId,
      UUID id,
      String name,
      String url,
      List<String> events,
      boolean enabled,
      @Nullable String disabledReason,
      @Nullable String description,
      @Nullable Instant lastSuccessAt,
      @Nullable Instant firstFailureAt,
      Instant createdAt,
      Instant updatedAt) {

    Stored with(
        String name,
        String url,
        List<String> events,
        boolean enabled,
        @Nullable String disabledReason,
        @Nullable String description,
        @Nullable Instant firstFailureAt,
        Instant updatedAt) {
      return new Stored(
          tenantId,
          id,
          name,
          url,
          events,
          enabled,
          disabledReason,
          description,
          lastSuccessAt,
          firstFailureAt,
          createdAt,
          updatedAt);
    }
  }

  /** One sealed secret with what the API may show of it. */
  record StoredSecret(int n, byte[] sealed, String fingerprint, Instant addedAt) {}

  Optional<Stored> find(String tenantId, UUID id) {
    return jdbc.sql("select * from subscriptions where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query(SubscriptionRows::stored)
        .optional();
  }

  /** Locks the row until the transaction ends, so changes to one subscription are serialised. */
  Optional<Stored> lock(String tenantId, UUID id) {
    return jdbc.sql("select * from subscriptions where tenant_id = :tenant and id = :id for update")
        .param("tenant", tenantId)
        .param("id", id)
        .query(SubscriptionRows::stored)
        .optional();
  }

  Optional<Stored> findByName(String tenantId, String name) {
    return jdbc.sql("select * from subscriptions where tenant_id = :tenant and name = :name")
        .param("tenant", tenantId)
        .param("name", name)
        .query(SubscriptionRows::stored)
        .optional();
  }

  /** A page of the tenant's subscriptions by name, after the name {@code after}. */
  List<Stored> list(String tenantId, @Nullable String after, int limit) {
    return jdbc.sql(
            "select * from subscriptions where tenant_id = :tenant and (:after::text is null or"
                + " name > :after) order by name limit :limit")
        .param("tenant", tenantId)
        .param("after", after)
        .param("limit", limit)
        .query(SubscriptionRows::stored)
        .list();
  }

  /** The tenant's enabled subscriptions, oldest first (what an event is planned against). */
  List<Stored> enabled(String tenantId) {
    return jdbc.sql(
            "select * from subscriptions where tenant_id = :tenant and enabled order by"
                + " created_at, id")
        .param("tenant", tenantId)
        .query(SubscriptionRows::stored)
        .list();
  }

  void insert(Stored row) {
    jdbc.sql(
            """
            insert into subscriptions (tenant_id, id, name, url, events, enabled, disabled_reason,
              description, next_secret, last_success_at, first_failure_at, created_at, updated_at)
            values (:tenant, :id, :name, :url, :events, :enabled, :disabledReason, :description, 1,
              null, null, :createdAt, :updatedAt)
            """)
        .param("tenant", row.tenantId())
        .param("id", row.id())
        .param("name", row.name())
        .param("url", row.url())
        .param("events", row.events().toArray(String[]::new))
        .param("enabled", row.enabled())
        .param("disabledReason", row.disabledReason())
        .param("description", row.description())
        .param("createdAt", Timestamp.from(row.createdAt()))
        .param("updatedAt", Timestamp.from(row.updatedAt()))
        .update();
  }

  void update(Stored row) {
    jdbc.sql(
            """
            update subscriptions set name = :name, url = :url, events = :events,
              enabled = :enabled, disabled_reason = :disabledReason, description = :description,
              first_failure_at = :firstFailureAt, updated_at = :updatedAt
            where tenant_id = :tenant and id = :id
            """)
        .param("tenant", row.tenantId())
        .param("id", row.id())
        .param("name", row.name())
        .param("url", row.url())
        .param("events", row.events().toArray(String[]::new))
        .param("enabled", row.enabled())
        .param("disabledReason", row.disabledReason())
        .param("description", row.description())
        .param("firstFailureAt", timestamp(row.firstFailureAt()))
        .param("updatedAt", Timestamp.from(row.updatedAt()))
        .update();
  }

  /** A success: the failure streak ends. */
  void succeeded(String tenantId, UUID id, Instant at) {
    jdbc.sql(
            "update subscriptions set last_success_at = :at, first_failure_at = null"
                + " where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .param("at", Timestamp.from(at))
        .update();
  }

  void delete(String tenantId, UUID id) {
    jdbc.sql("delete from subscriptions where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .update();
  }

  List<StoredSecret> secrets(String tenantId, UUID id) {
    return jdbc.sql(
            "select n, sealed, fingerprint, added_at from subscription_secrets"
                + " where tenant_id = :tenant and subscription_id = :id order by n")
        .param("tenant", tenantId)
        .param("id", id)
        .query(
            (rs, row) ->
                new StoredSecret(
                    rs.getInt("n"),
                    rs.getBytes("sealed"),
                    rs.getString("fingerprint"),
                    rs.getTimestamp("added_at").toInstant()))
        .list();
  }

  /** The next secret number of the subscription, never given out before. */
  int allocateSecretNumber(String tenantId, UUID id) {
    return jdbc.sql(
            "update subscriptions set next_secret = next_secret + 1 where tenant_id = :tenant"
                + " and id = :id returning next_secret - 1")
        .param("tenant", tenantId)
        .param("id", id)
        .query(Integer.class)
        .single();
  }

  void insertSecret(String tenantId, UUID id, StoredSecret secret) {
    jdbc.sql(
            "insert into subscription_secrets (tenant_id, subscription_id, n, sealed, fingerprint,"
                + " added_at) values (:tenant, :id, :n, :sealed, :fingerprint, :addedAt)")
        .param("tenant", tenantId)
        .param("id", id)
        .param("n", secret.n())
        .param("sealed", secret.sealed())
        .param("fingerprint", secret.fingerprint())
        .param("addedAt", Timestamp.from(secret.addedAt()))
        .update();
  }

  void deleteSecret(String tenantId, UUID id, int n) {
    jdbc.sql(
            "delete from subscription_secrets where tenant_id = :tenant and subscription_id = :id"
                + " and n = :n")
        .param("tenant", tenantId)
        .param("id", id)
        .param("n", n)
        .update();
  }

  private static @Nullable Timestamp timestamp(@Nullable Instant at) {
    return at == null ? null : Timestamp.from(at);
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Stored stored(ResultSet rs, int row) throws SQLException {
    return new Stored(
        rs.getString("tenant_id"),
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("url"),
        List.copyOf(Arrays.asList((String[]) rs.getArray("events").getArray())),
        rs.getBoolean("enabled"),
        rs.getString("disabled_reason"),
        rs.getString("description"),
        instant(rs, "last_success_at"),
        instant(rs, "first_failure_at"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
