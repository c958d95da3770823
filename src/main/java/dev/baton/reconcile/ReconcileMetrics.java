package dev.baton.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts what completed (not dry) runs found and did: {@code baton_reconcile_drift_total{kind}},
 * {@code baton_reconcile_repaired_total}, {@code _adopted_total}, {@code _backfilled_total} and
 * {@code _closed_total} (items of deleted issues).
 */
@Component
class ReconcileMetrics {

  private final MeterRegistry meters;

  ReconcileMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void record(Reconciliation.Result result) {
    for (Finding finding : result.findings()) {
      Counter.builder("baton.reconcile.drift")
          .description("Disagreements between Jira and Baton found by reconciliation")
          .tag("kind", finding.kind())
          .register(meters)
          .increment();
      String action = finding.action();
      if (action.equals(Finding.REPAIRED)
          || action.equals(Finding.ADOPTED)
          || action.equals(Finding.BACKFILLED)
          || action.equals(Finding.CLOSED)) {
        Counter.builder("baton.reconcile." + action)
            .description("Reconciliation findings " + action)
            .register(meters)
            .increment();
      }
    }
  }
}
