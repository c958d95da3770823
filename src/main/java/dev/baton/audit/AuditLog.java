package dev.baton.audit;

import dev.baton.platform.Actor;
import dev.baton.platform.Correlation;
import dev.baton.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to and reads the tenant's hash-chained audit log. Appending must happen inside the
 * transaction of the change it records; the tenant's chain head is locked until that transaction
 * ends, so entries are chained in commit order.
 */
@Service
public class AuditLog {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Appends one entry; returns its sequence number in the tenant's chain. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long append(String tenantId, AuditRecord record) {
    record Head(long seq, String hash) {}
    Head head =
        jdbc.sql(
                """
                insert into audit_heads (tenant_id, seq, hash) values (:tenant, 0, :genesis)
                on conflict (tenant_id) do update set tenant_id = excluded.tenant_id
                returning seq, hash
                """)
            .param("tenant", tenantId)
            .param("genesis", AuditChain.GENESIS)
            .query(Head.class)
            .single();
    long seq = head.seq() + 1;
    UUID id = Ids.newId(clock);
    Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    String correlationId = Correlation.current();
    String before = record.before() == null ? null : json.writeValueAsString(record.before());
    String after = record.after() == null ? null : json.writeValueAsString(record.after());
    String hash =
        AuditChain.hash(
            tenantId,
            seq,
            id,
            at,
            record.actor(),
            record.source(),
            correlationId,
            record.subjectType(),
            record.subjectId(),
            record.action(),
            record.reason(),
            before,
            after,
            head.hash());
    // the entry and the new head in one statement: one round trip less while the head is locked
    jdbc.sql(
            """
            with entry as (
              insert into audit_entries (tenant_id, seq, id, at, actor_type, actor_id, actor_via,
                source, correlation_id, subject_type, subject_id, action, reason, before, after,
                prev_hash, hash)
              values (:tenant, :seq, :id, :at, :actorType, :actorId, :actorVia, :source,
                :correlation, :subjectType, :subjectId, :action, :reason, :before, :after,
                :prevHash, :hash)
            )
            update audit_heads set seq = :seq, hash = :hash where tenant_id = :tenant
            """)
        .param("tenant", tenantId)
        .param("seq", seq)
        .param("id", id)
        .param("at", Timestamp.from(at))
        .param("actorType", record.actor().type())
        .param("actorId", record.actor().id())
        .param("actorVia", record.actor().via())
        .param("source", record.source())
        .param("correlation", correlationId)
        .param("subjectType", record.subjectType())
        .param("subjectId", record.subjectId())
        .param("action", record.action())
        .param("reason", record.reason())
        .param("before", before)
        .param("after", after)
        .param("prevHash", head.hash())
        .param("hash", hash)
        .update();
    return seq;
  }

  /** Entries about one object, oldest first. */
  public List<AuditEntry> entriesFor(String tenantId, String subjectType, String subjectId) {
    return jdbc.sql(
            "select * from audit_entries where tenant_id = :tenant and subject_type = :type"
                + " and subject_id = :id order by seq")
        .param("tenant", tenantId)
        .param("type", subjectType)
        .param("id", subjectId)
        .query(this::entry)
        .list();
  }

  /**
   * The entries in {@code [from, to)} whose action starts with {@code actionPrefix}, oldest first,
   * at most {@code limit}: for reports over a period (the console's fairness view).
   */
  public List<AuditEntry> entriesBetween(
      String tenantId, String actionPrefix, Instant from, Instant to, int limit) {
    return jdbc.sql(
            "select * from audit_entries where tenant_id = :tenant and at >= :from and at < :to"
                + " and action like :prefix order by seq limit :limit")
        .param("tenant", tenantId)
        .param("from", java.sql.Timestamp.from(from))
        .param("to", java.sql.Timestamp.from(to))
        .param("prefix", actionPrefix.replace("%", "\\%").replace("_", "\\_") + "%")
        .param("limit", limit)
        .query(this::entry)
        .list();
  }

  /** A page of the tenant's log after {@code afterSeq}, oldest first. */
  public List<AuditEntry> page(String tenantId, long afterSeq, int limit) {
    return jdbc.sql(
            "select * from audit_entries where tenant_id = :tenant and seq > :after"
                + " order by seq limit :limit")
        .param("tenant", tenantId)
        .param("after", afterSeq)
        .param("limit", limit)
        .query(this::entry)
        .list();
  }

  /** Walks the whole chain and reports the first entry that does not hold. */
  @Transactional(readOnly = true)
  public ChainVerification verify(String tenantId) {
    return new VerifyChain(jdbc, tenantId).run();
  }

  AuditEntry entry(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(
        rs.getLong("seq"),
        rs.getObject("id", UUID.class),
        rs.getTimestamp("at").toInstant(),
        new Actor(rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("actor_via")),
        rs.getString("source"),
        rs.getString("correlation_id"),
        new AuditEntry.Subject(rs.getString("subject_type"), rs.getString("subject_id")),
        rs.getString("action"),
        rs.getString("reason"),
        parse(rs.getString("before")),
        parse(rs.getString("after")),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }

  private @Nullable JsonNode parse(@Nullable String text) {
    return text == null ? null : json.readTree(text);
  }
}
