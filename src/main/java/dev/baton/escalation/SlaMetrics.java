package dev.baton.escalation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The SLA metrics of DESIGN section 13, labelled {@code target} ({@code accept} or {@code resolve},
 * the SLA clock's metric): {@code baton_sla_at_risk_total} and {@code baton_sla_breached_total}
 * count clocks that became at risk or breached (once their transaction committed; both start at
 * zero, so alerts see the first one), and {@code baton_sla_breached_open} is the number of open
 * work items with a breached clock, every tenant, read at each scrape.
 */
@Component
class SlaMetrics {

  static final List<String> TARGETS = List.of("accept", "resolve");

  private final Map<String, Counter> atRisk;
  private final Map<String, Counter> breached;

  SlaMetrics(MeterRegistry registry, JdbcClient jdbc) {
    this.atRisk = counters(registry, "baton.sla.at.risk", "SLA clocks that became at risk");
    this.breached = counters(registry, "baton.sla.breached", "SLA clocks that were breached");
    for (String target : TARGETS) {
      Gauge.builder("baton.sla.breached.open", jdbc, j -> breachedOpen(j, target))
          .description("Open work items whose SLA clock is breached, every tenant")
          .tag("target", target)
          .register(registry);
    }
  }

  /** Counts {@code clock} becoming at risk once the calling transaction commits. */
  void atRisk(SlaClock clock) {
    count(atRisk, clock.metric());
  }

  /** Counts {@code clock} breached once the calling transaction commits. */
  void breached(SlaClock clock) {
    count(breached, clock.metric());
  }

  private static void count(Map<String, Counter> counters, String target) {
    Counter counter = counters.get(target);
    if (counter == null) {
      return;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              counter.increment();
            }
          });
    } else {
      counter.increment();
    }
  }

  private static Map<String, Counter> counters(
      MeterRegistry registry, String name, String description) {
    return Map.of(
        TARGETS.get(0), counter(registry, name, description, TARGETS.get(0)),
        TARGETS.get(1), counter(registry, name, description, TARGETS.get(1)));
  }

  private static Counter counter(
      MeterRegistry registry, String name, String description, String target) {
    return Counter.builder(name).description(description).tag("target", target).register(registry);
  }

  private static double breachedOpen(JdbcClient jdbc, String target) {
    try {
      return jdbc.sql(
              """
              select count(distinct (c.tenant_id, c.work_item_id)) from sla_clocks c
              join assignments a on a.tenant_id = c.tenant_id and a.work_item_id = c.work_item_id
              where c.state = 'BREACHED' and c.metric = :target and a.state <> 'CLOSED'
              """)
          .param("target", target)
          .query(Long.class)
          .single();
    } catch (RuntimeException e) {
      // the database is unreachable (or shutting down): no value rather than a failed scrape
      return Double.NaN;
    }
  }
}
