package dev.baton.ingest;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code integrations} and {@code integration_secrets}; every method takes the tenant. */
@Repository
class IntegrationRows {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> POINTERS = new TypeReference<>() {};

  private final JdbcClient jdbc;

  IntegrationRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An integration row as stored: the bot token still sealed, the secrets apart. */
  record Stored(
      String tenantId,
      UUID id,
      Provider provider,
      String name,
      boolean enabled,
      List<String> events,
      long maxBodySize,
      @Nullable Map<String, String> mapping,
      byte @Nullable [] botToken,
      String mode,
      int version,
      Instant createdAt,
      Instant updatedAt) {

    Integration integration() {
      return new Integration(tenantId, id, provider, name, enabled, java.util.Set.copyOf(events));
    }

    /** This integration with other settings; identity, version and times stay. */
    Stored with(
        String name,
        boolean enabled,
        List<String> events,
        long maxBodySize,
        @Nullable Map<String, String> mapping,
        byte @Nullable [] botToken,
        String mode) {
      return new Stored(
          tenantId,
          id,
          provider,
          name,
          enabled,
          events,
          maxBodySize,
          mapping,
          botToken,
          mode,
          version,
          createdAt,
          updatedAt);
    }

    /** This integration as its next version, changed at {@code now}. */
    Stored nextVersion(Instant now) {
      return new Stored(
          tenantId,
          id,
          provider,
          name,
          enabled,
          events,
          maxBodySize,
          mapping,
          botToken,
          mode,
          version + 1,
          createdAt,
          now);
    }

    /** The parser's mapping for generic senders: the configured one, else the default. */
    GenericMapping genericMapping() {
      return mapping == null ? GenericMapping.DEFAULT : new GenericMapping(mapping);
    }
  }

  /** One sealed secret with what the API may show of it. */
  record StoredSecret(int n, byte[] sealed, String fingerprint, Instant addedAt) {}

  Optional<Stored> find(String tenantId, UUID id) {
    return jdbc.sql("select * from integrations where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query(IntegrationRows::stored)
        .optional();
  }

  /** Locks the row until the transaction ends, so changes to one integration are serialised. */
  Optional<Stored> lock(String tenantId, UUID id) {
    return jdbc.sql("select * from integrations where tenant_id = :tenant and id = :id for update")
        .param("tenant", tenantId)
        .param("id", id)
        .query(IntegrationRows::stored)
        .optional();
  }

  Optional<Stored> findByName(String tenantId, String name) {
    return jdbc.sql("select * from integrations where tenant_id = :tenant and name = :name")
        .param("tenant", tenantId)
        .param("name", name)
        .query(IntegrationRows::stored)
        .optional();
  }

  /**
   * The integration a hook URL names. The URL carries no tenant, so this is the one lookup by id
   * alone; ids are random UUIDs, unique across tenants.
   */
  Optional<Stored> findForHook(UUID id) {
    return jdbc.sql("select * from integrations where id = :id")
        .param("id", id)
        .query(IntegrationRows::stored)
        .optional();
  }

  /** A page of the tenant's integrations by name, after the name {@code after}. */
  List<Stored> list(String tenantId, @Nullable String after, int limit) {
    return jdbc.sql(
            "select * from integrations where tenant_id = :tenant and (:after::text is null or"
                + " name > :after) order by name limit :limit")
        .param("tenant", tenantId)
        .param("after", after)
        .param("limit", limit)
        .query(IntegrationRows::stored)
        .list();
  }

  void insert(Stored row) {
    jdbc.sql(
            """
            insert into integrations (tenant_id, id, provider, name, enabled, events, max_body_size,
              mapping, bot_token, mode, next_secret, version, created_at, updated_at)
            values (:tenant, :id, :provider, :name, :enabled, :events, :maxBodySize, :mapping,
              :botToken, :mode, 1, :version, :createdAt, :updatedAt)
            """)
        .param("tenant", row.tenantId())
        .param("id", row.id())
        .param("provider", row.provider().wireName())
        .param("name", row.name())
        .param("enabled", row.enabled())
        .param("events", row.events().toArray(String[]::new))
        .param("maxBodySize", row.maxBodySize())
        .param("mapping", mappingJson(row.mapping()))
        .param("botToken", row.botToken())
        .param("mode", row.mode())
        .param("version", row.version())
        .param("createdAt", Timestamp.from(row.createdAt()))
        .param("updatedAt", Timestamp.from(row.updatedAt()))
        .update();
  }

  void update(Stored row) {
    jdbc.sql(
            """
            update integrations set name = :name, enabled = :enabled, events = :events,
              max_body_size = :maxBodySize, mapping = :mapping, bot_token = :botToken,
              mode = :mode, version = :version, updated_at = :updatedAt
            where tenant_id = :tenant and id = :id
            """)
        .param("tenant", row.tenantId())
        .param("id", row.id())
        .param("name", row.name())
        .param("enabled", row.enabled())
        .param("events", row.events().toArray(String[]::new))
        .param("maxBodySize", row.maxBodySize())
        .param("mapping", mappingJson(row.mapping()))
        .param("botToken", row.botToken())
        .param("mode", row.mode())
        .param("version", row.version())
        .param("updatedAt", Timestamp.from(row.updatedAt()))
        .update();
  }

  void delete(String tenantId, UUID id) {
    jdbc.sql("delete from integrations where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .update();
  }

  /** The integration's active secrets, oldest first. */
  List<StoredSecret> secrets(String tenantId, UUID id) {
    return jdbc.sql(
            "select n, sealed, fingerprint, added_at from integration_secrets"
                + " where tenant_id = :tenant and integration_id = :id order by n")
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

  /** The next secret number of the integration, never given out before. */
  int allocateSecretNumber(String tenantId, UUID id) {
    return jdbc.sql(
            "update integrations set next_secret = next_secret + 1 where tenant_id = :tenant"
                + " and id = :id returning next_secret - 1")
        .param("tenant", tenantId)
        .param("id", id)
        .query(Integer.class)
        .single();
  }

  void insertSecret(String tenantId, UUID id, StoredSecret secret) {
    jdbc.sql(
            "insert into integration_secrets (tenant_id, integration_id, n, sealed, fingerprint,"
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
            "delete from integration_secrets where tenant_id = :tenant and integration_id = :id"
                + " and n = :n")
        .param("tenant", tenantId)
        .param("id", id)
        .param("n", n)
        .update();
  }

  private static @Nullable String mappingJson(@Nullable Map<String, String> mapping) {
    return mapping == null ? null : JSON.writeValueAsString(new java.util.TreeMap<>(mapping));
  }

  private static Stored stored(ResultSet rs, int row) throws SQLException {
    String mapping = rs.getString("mapping");
    return new Stored(
        rs.getString("tenant_id"),
        rs.getObject("id", UUID.class),
        Provider.parse(rs.getString("provider")),
        rs.getString("name"),
        rs.getBoolean("enabled"),
        strings(rs.getArray("events")),
        rs.getLong("max_body_size"),
        mapping == null ? null : JSON.readValue(mapping, POINTERS),
        rs.getBytes("bot_token"),
        rs.getString("mode"),
        rs.getInt("version"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static List<String> strings(Array array) throws SQLException {
    return List.copyOf(Arrays.asList((String[]) array.getArray()));
  }
}
