package dev.baton.reconcile;

import dev.baton.delivery.jira.JiraIssues;
import dev.baton.ingest.IntegrationView;
import dev.baton.ingest.Integrations;
import dev.baton.ingest.Provider;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Starts reconciliation runs: on schedule (every {@code baton.reconcile.interval} per Jira
 * integration whose connection is not {@code off}, looked for every {@code poll-interval}) and on
 * demand through the API. A run is claimed first, so one integration never has two at once, on one
 * node or several; then it runs outside any transaction and its record is written.
 */
@Service
class RunReconciliation {

  /** Scheduled runs one poll starts at most, so a node does not hold the poll forever. */
  static final int RUNS_PER_POLL = 20;

  private final ReconcileRuns runs;
  private final Reconciliation reconciliation;
  private final ReconcileMetrics metrics;
  private final JiraIssues jira;
  private final Integrations integrations;
  private final ReconcileProperties properties;

  RunReconciliation(
      ReconcileRuns runs,
      Reconciliation reconciliation,
      ReconcileMetrics metrics,
      JiraIssues jira,
      Integrations integrations,
      ReconcileProperties properties) {
    this.runs = runs;
    this.reconciliation = reconciliation;
    this.metrics = metrics;
    this.jira = jira;
    this.integrations = integrations;
    this.properties = properties;
  }

  /** A run of one integration now; answers its record. */
  RunView now(String tenantId, String integrationId, boolean dryRun, Actor requestedBy) {
    UUID id = jiraIntegration(tenantId, integrationId);
    if (jira.site(tenantId, id).isEmpty()) {
      throw new BatonException.Conflict(
          "integration "
              + integrationId
              + " has no Jira connection; save one with PUT /api/v1/integrations/"
              + integrationId
              + "/jira-connection first");
    }
    ReconcileRuns.Claim claim = runs.claimNow(tenantId, id, dryRun, requestedBy.toString());
    return complete(claim);
  }

  List<RunView> list(String tenantId, String integrationId, int limit) {
    return runs.list(tenantId, jiraIntegration(tenantId, integrationId), limit);
  }

  RunView get(String tenantId, String integrationId, String runId) {
    UUID id = jiraIntegration(tenantId, integrationId);
    UUID run;
    try {
      run = UUID.fromString(runId);
    } catch (IllegalArgumentException e) {
      throw new BatonException.NotFound("reconcile-run", runId);
    }
    return runs.find(tenantId, id, run)
        .orElseThrow(() -> new BatonException.NotFound("reconcile-run", runId));
  }

  /** Runs every integration due now; answers how many ran. */
  int runDue() {
    runs.ensureCursors(jira.reconcilable());
    int ran = 0;
    while (ran < RUNS_PER_POLL) {
      Optional<ReconcileRuns.Claim> claim = runs.claimDue();
      if (claim.isEmpty()) {
        break;
      }
      complete(claim.get());
      ran++;
    }
    return ran;
  }

  @Scheduled(
      fixedDelayString = "${baton.reconcile.poll-interval:PT1M}",
      initialDelayString = "${baton.reconcile.poll-interval:PT1M}")
  void poll() {
    if (properties.scheduled()) {
      runDue();
    }
  }

  private RunView complete(ReconcileRuns.Claim claim) {
    Reconciliation.Result result = reconciliation.run(claim);
    runs.finish(claim, result, result.retryAfter());
    if (!claim.dryRun()) {
      metrics.record(result);
    }
    return runs.find(claim.tenantId(), claim.integrationId(), claim.runId())
        .orElseThrow(() -> new IllegalStateException("run " + claim.runId() + " vanished"));
  }

  private UUID jiraIntegration(String tenantId, String integrationId) {
    IntegrationView integration = integrations.get(tenantId, integrationId);
    if (!integration.provider().equals(Provider.JIRA.wireName())) {
      throw new BatonException.NotFound("jira integration", integrationId);
    }
    return integration.id();
  }
}
