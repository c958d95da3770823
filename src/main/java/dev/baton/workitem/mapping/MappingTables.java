package dev.baton.workitem.mapping;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.ingest.Provider;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integrations' mapping tables as immutable versions: each save validates the document and stores a
 * new version with who, when and why; the latest one is in force. Until one is saved, an
 * integration maps by its provider's defaults alone. The latest table of each integration is kept
 * parsed in memory; a version never changes.
 */
@Service
public class MappingTables {

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Clock clock;
  private final Map<String, Parsed> latest = new ConcurrentHashMap<>();

  private record Parsed(int version, MappingTable table) {}

  MappingTables(JdbcClient jdbc, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  /** The mapping in force for an integration of this provider. */
  public Mapping current(String tenantId, UUID integrationId, Provider provider) {
    MappingTable defaults = ProviderDefaults.of(provider);
    Optional<MappingVersion> stored = latest(tenantId, integrationId);
    if (stored.isEmpty()) {
      return new Mapping(0, MappingTable.EMPTY, defaults);
    }
    MappingVersion version = stored.get();
    Parsed parsed =
        latest.compute(
            tenantId + "/" + integrationId,
            (key, cached) ->
                cached != null && cached.version() == version.version()
                    ? cached
                    : new Parsed(version.version(), MappingParser.parse(version.document())));
    return new Mapping(parsed.version(), parsed.table(), defaults);
  }

  /**
   * Validates a document and stores it as the integration's next version.
   *
   * @throws BatonException.InvalidInput naming each problem by its JSON pointer
   */
  @Transactional
  public MappingVersion save(
      String tenantId,
      UUID integrationId,
      String document,
      @Nullable String reason,
      Actor actor,
      String source) {
    MappingParser.parse(document);
    new Validation().maxLength(reason, "reason", 2000).check();
    int version =
        jdbc.sql(
                "select coalesce(max(version), 0) + 1 from mapping_tables where tenant_id = :tenant"
                    + " and integration_id = :integration")
            .param("tenant", tenantId)
            .param("integration", integrationId)
            .query(Integer.class)
            .single();
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    try {
      jdbc.sql(
              """
              insert into mapping_tables (tenant_id, integration_id, version, document, author,
                reason, created_at)
              values (:tenant, :integration, :version, :document, :author, :reason, :now)
              """)
          .param("tenant", tenantId)
          .param("integration", integrationId)
          .param("version", version)
          .param("document", document)
          .param("author", actor.toString())
          .param("reason", reason)
          .param("now", Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException e) {
      throw new BatonException.Conflict(
          "another version of this mapping table was saved at the same time; reload and retry");
    }
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "integration",
            integrationId.toString(),
            "mapping-table.saved",
            reason,
            null,
            Map.of("version", version)));
    return new MappingVersion(integrationId, version, document, actor.toString(), reason, now);
  }

  /** The latest saved version, if any. */
  public Optional<MappingVersion> latest(String tenantId, UUID integrationId) {
    return jdbc.sql(
            "select * from mapping_tables where tenant_id = :tenant and integration_id ="
                + " :integration order by version desc limit 1")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .query(MappingTables::row)
        .optional();
  }

  /** Every saved version, oldest first. */
  public List<MappingVersion> versions(String tenantId, UUID integrationId) {
    return jdbc.sql(
            "select * from mapping_tables where tenant_id = :tenant and integration_id ="
                + " :integration order by version")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .query(MappingTables::row)
        .list();
  }

  public MappingVersion version(String tenantId, UUID integrationId, int version) {
    return jdbc.sql(
            "select * from mapping_tables where tenant_id = :tenant and integration_id ="
                + " :integration and version = :version")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("version", version)
        .query(MappingTables::row)
        .optional()
        .orElseThrow(
            () ->
                new BatonException.NotFound(
                    "mapping-table version", integrationId + "/" + version));
  }

  private static MappingVersion row(ResultSet rs, int n) throws SQLException {
    return new MappingVersion(
        rs.getObject("integration_id", UUID.class),
        rs.getInt("version"),
        rs.getString("document"),
        rs.getString("author"),
        rs.getString("reason"),
        rs.getTimestamp("created_at").toInstant());
  }
}
