package dev.baton.reconcile;

import dev.baton.delivery.jira.JiraIssues;
import dev.baton.platform.BatonException;
import dev.baton.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reconciliation cursors (one per Jira integration: when it runs next, since when it reads, who
 * holds it) and the run records. A run is claimed in a short transaction that locks the cursor with
 * {@code FOR UPDATE SKIP LOCKED} and sets a lease, so two nodes never run one integration at once;
 * the run itself happens after that commit.
 */
@Repository
class ReconcileRuns {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ReconcileProperties properties;
  private final Clock clock;

  ReconcileRuns(JdbcClient jdbc, JsonMapper json, ReconcileProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * A run that holds its integration.
   *
   * @param since the watermark of the last completed run; null before the first
   */
  record Claim(
      String tenantId,
      UUID integrationId,
      UUID runId,
      String trigger,
      boolean dryRun,
      @Nullable Instant since,
      Instant startedAt) {}

  /** Gives every reconcilable connection a cursor, due at once when it is new. */
  @Transactional
  void ensureCursors(List<JiraIssues.Site> sites) {
    Instant now = now();
    for (JiraIssues.Site site : sites) {
      jdbc.sql(
              """
              insert into reconcile_cursors (tenant_id, integration_id, next_run_at)
              values (:tenant, :integration, :now) on conflict do nothing
              """)
          .param("tenant", site.tenantId())
          .param("integration", site.integrationId())
          .param("now", Timestamp.from(now))
          .update();
    }
  }

  /** Claims the integration due first whose cursor no other node holds; empty when none is. */
  @Transactional
  Optional<Claim> claimDue() {
    Instant now = now();
    return jdbc.sql(
            """
            select tenant_id, integration_id, since, running_run_id from reconcile_cursors
            where next_run_at <= :now and (lease_until is null or lease_until < :now)
            order by next_run_at limit 1
            for update skip locked
            """)
        .param("now", Timestamp.from(now))
        .query(Cursor::row)
        .optional()
        .map(c -> start(c, "schedule", false, "system:reconciler", now));
  }

  /**
   * Claims an integration for a run asked for now, whether it is due or not; refused with a
   * conflict while another run holds it.
   */
  @Transactional
  Claim claimNow(String tenantId, UUID integrationId, boolean dryRun, String requestedBy) {
    Instant now = now();
    jdbc.sql(
            """
            insert into reconcile_cursors (tenant_id, integration_id, next_run_at)
            values (:tenant, :integration, :next) on conflict do nothing
            """)
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("next", Timestamp.from(now.plus(properties.every())))
        .update();
    Cursor cursor =
        jdbc.sql(
                """
                select tenant_id, integration_id, since, running_run_id, lease_until
                from reconcile_cursors where tenant_id = :tenant and integration_id = :integration
                for update skip locked
                """)
            .param("tenant", tenantId)
            .param("integration", integrationId)
            .query(
                (rs, n) -> {
                  Timestamp lease = rs.getTimestamp("lease_until");
                  if (lease != null && !lease.toInstant().isBefore(now)) {
                    throw running(rs.getObject("running_run_id", UUID.class));
                  }
                  return Cursor.row(rs, n);
                })
            .optional()
            .orElseThrow(() -> running(null));
    return start(cursor, "api", dryRun, requestedBy, now);
  }

  private static BatonException.Conflict running(@Nullable UUID run) {
    return new BatonException.Conflict(
        "a reconciliation of this integration is running"
            + (run == null ? "" : " (run " + run + ")")
            + "; try again when it has finished");
  }

  private Claim start(Cursor cursor, String trigger, boolean dryRun, String by, Instant now) {
    if (cursor.runningRunId() != null) {
      // the node that held it stopped before finishing: its lease ran out
      jdbc.sql(
              """
              update reconcile_runs set status = 'abandoned', finished_at = :now,
                error = 'the run stopped before it finished (its lease expired)'
              where tenant_id = :tenant and id = :run and status = 'running'
              """)
          .param("now", Timestamp.from(now))
          .param("tenant", cursor.tenantId())
          .param("run", cursor.runningRunId())
          .update();
    }
    UUID runId = Ids.newId(clock);
    jdbc.sql(
            """
            insert into reconcile_runs (tenant_id, id, integration_id, trigger, dry_run, status,
              requested_by, since, started_at)
            values (:tenant, :id, :integration, :trigger, :dryRun, 'running', :by, :since, :now)
            """)
        .param("tenant", cursor.tenantId())
        .param("id", runId)
        .param("integration", cursor.integrationId())
        .param("trigger", trigger)
        .param("dryRun", dryRun)
        .param("by", by)
        .param("since", cursor.since() == null ? null : Timestamp.from(cursor.since()))
        .param("now", Timestamp.from(now))
        .update();
    jdbc.sql(
            """
            update reconcile_cursors set lease_until = :lease, running_run_id = :run,
              next_run_at = case when :scheduled then :next else next_run_at end
            where tenant_id = :tenant and integration_id = :integration
            """)
        .param("lease", Timestamp.from(now.plus(properties.leaseTime())))
        .param("run", runId)
        .param("scheduled", trigger.equals("schedule"))
        .param("next", Timestamp.from(now.plus(properties.every())))
        .param("tenant", cursor.tenantId())
        .param("integration", cursor.integrationId())
        .update();
    return new Claim(
        cursor.tenantId(), cursor.integrationId(), runId, trigger, dryRun, cursor.since(), now);
  }

  /**
   * Records how a run ended and frees its integration. A completed run that changed things moves
   * the watermark to its start; a rate limit longer than a run waits moves the next run past it.
   */
  @Transactional
  void finish(Claim claim, Reconciliation.Result result, @Nullable Duration notBefore) {
    Instant now = now();
    boolean succeeded = result.error() == null;
    jdbc.sql(
            """
            update reconcile_runs set status = :status, finished_at = :now, issues_read = :read,
              drift = :drift, repaired = :repaired, adopted = :adopted, backfilled = :backfilled,
              closed = :closed, findings = :findings, error = :error
            where tenant_id = :tenant and id = :run
            """)
        .param("status", succeeded ? "succeeded" : "failed")
        .param("now", Timestamp.from(now))
        .param("read", result.issuesRead())
        .param("drift", result.findings().size())
        .param("repaired", result.count(Finding.REPAIRED))
        .param("adopted", result.count(Finding.ADOPTED))
        .param("backfilled", result.count(Finding.BACKFILLED))
        .param("closed", result.count(Finding.CLOSED))
        .param("findings", json.writeValueAsString(result.findings()))
        .param("error", result.error())
        .param("tenant", claim.tenantId())
        .param("run", claim.runId())
        .update();
    jdbc.sql(
            """
            update reconcile_cursors set lease_until = null, running_run_id = null,
              since = case when :advance then :started else since end,
              next_run_at = greatest(next_run_at, :notBefore)
            where tenant_id = :tenant and integration_id = :integration and running_run_id = :run
            """)
        .param("advance", succeeded && !claim.dryRun() && result.complete())
        .param("started", Timestamp.from(claim.startedAt()))
        .param("notBefore", Timestamp.from(notBefore == null ? now : now.plus(notBefore)))
        .param("tenant", claim.tenantId())
        .param("integration", claim.integrationId())
        .param("run", claim.runId())
        .update();
  }

  /** The integration's runs, newest first. */
  List<RunView> list(String tenantId, UUID integrationId, int limit) {
    return jdbc.sql(
            "select * from reconcile_runs where tenant_id = :tenant and integration_id ="
                + " :integration order by started_at desc, id desc limit :limit")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("limit", limit)
        .query(this::view)
        .list();
  }

  Optional<RunView> find(String tenantId, UUID integrationId, UUID runId) {
    return jdbc.sql(
            "select * from reconcile_runs where tenant_id = :tenant and integration_id ="
                + " :integration and id = :id")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("id", runId)
        .query(this::view)
        .optional();
  }

  private RunView view(ResultSet rs, int n) throws SQLException {
    List<Finding> findings = json.readValue(rs.getString("findings"), new TypeReference<>() {});
    Timestamp since = rs.getTimestamp("since");
    Timestamp finished = rs.getTimestamp("finished_at");
    return new RunView(
        rs.getObject("id", UUID.class),
        rs.getObject("integration_id", UUID.class),
        rs.getString("trigger"),
        rs.getBoolean("dry_run"),
        rs.getString("status"),
        rs.getString("requested_by"),
        since == null ? null : since.toInstant(),
        rs.getTimestamp("started_at").toInstant(),
        finished == null ? null : finished.toInstant(),
        rs.getInt("issues_read"),
        rs.getInt("drift"),
        rs.getInt("repaired"),
        rs.getInt("adopted"),
        rs.getInt("backfilled"),
        rs.getInt("closed"),
        findings,
        rs.getString("error"));
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  private record Cursor(
      String tenantId, UUID integrationId, @Nullable Instant since, @Nullable UUID runningRunId) {

    static Cursor row(ResultSet rs, int n) throws SQLException {
      Timestamp since = rs.getTimestamp("since");
      return new Cursor(
          rs.getString("tenant_id"),
          rs.getObject("integration_id", UUID.class),
          since == null ? null : since.toInstant(),
          rs.getObject("running_run_id", UUID.class));
    }
  }
}
