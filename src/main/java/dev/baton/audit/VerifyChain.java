package dev.baton.audit;

import dev.baton.platform.Actor;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Recomputes a tenant's chain page by page from the stored columns. */
final class VerifyChain {

  private static final int PAGE = 1000;

  private final JdbcClient jdbc;
  private final String tenantId;

  VerifyChain(JdbcClient jdbc, String tenantId) {
    this.jdbc = jdbc;
    this.tenantId = tenantId;
  }

  private record Row(
      long seq,
      UUID id,
      OffsetDateTime at,
      String actorType,
      String actorId,
      @Nullable String actorVia,
      String source,
      String correlationId,
      String subjectType,
      String subjectId,
      String action,
      @Nullable String reason,
      @Nullable String before,
      @Nullable String after,
      String prevHash,
      String hash) {}

  ChainVerification run() {
    long expectedSeq = 1;
    String prevHash = AuditChain.GENESIS;
    long checked = 0;
    while (true) {
      List<Row> rows =
          jdbc.sql(
                  """
                  select seq, id, at, actor_type, actor_id, actor_via, source, correlation_id,
                    subject_type, subject_id, action, reason, before, after, prev_hash, hash
                  from audit_entries where tenant_id = :tenant and seq >= :from
                  order by seq limit :limit
                  """)
              .param("tenant", tenantId)
              .param("from", expectedSeq)
              .param("limit", PAGE)
              .query(Row.class)
              .list();
      for (Row row : rows) {
        if (row.seq() != expectedSeq) {
          return broken(checked, expectedSeq, null, "entry " + expectedSeq + " is missing");
        }
        if (!row.prevHash().equals(prevHash)) {
          return broken(checked, row.seq(), row.id(), "does not link to the previous entry's hash");
        }
        String recomputed =
            AuditChain.hash(
                tenantId,
                row.seq(),
                row.id(),
                row.at().toInstant(),
                new Actor(row.actorType(), row.actorId(), row.actorVia()),
                row.source(),
                row.correlationId(),
                row.subjectType(),
                row.subjectId(),
                row.action(),
                row.reason(),
                row.before(),
                row.after(),
                row.prevHash());
        if (!recomputed.equals(row.hash())) {
          return broken(checked, row.seq(), row.id(), "its content does not match its hash");
        }
        prevHash = row.hash();
        expectedSeq++;
        checked++;
      }
      if (rows.size() < PAGE) {
        break;
      }
    }
    record Head(long seq, String hash) {}
    Head head =
        jdbc.sql("select seq, hash from audit_heads where tenant_id = :tenant")
            .param("tenant", tenantId)
            .query(Head.class)
            .optional()
            .orElse(new Head(0, AuditChain.GENESIS));
    if (head.seq() != checked || !head.hash().equals(prevHash)) {
      return broken(
          checked,
          checked + 1,
          null,
          "the chain head records " + head.seq() + " entries but " + checked + " were found");
    }
    return new ChainVerification(true, checked, checked, null, null, null);
  }

  private ChainVerification broken(long checked, long seq, @Nullable UUID id, String problem) {
    return new ChainVerification(
        false, checked, checked, seq, id == null ? null : id.toString(), problem);
  }
}
