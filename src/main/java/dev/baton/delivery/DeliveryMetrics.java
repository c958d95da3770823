package dev.baton.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The delivery metrics of DESIGN section 13: {@code baton_deliveries_total{connector, outcome}}
 * (final outcomes: delivered, skipped, dead), {@code baton_delivery_attempts_total{connector,
 * outcome}} (every attempt: delivered, transient, permanent, skipped), {@code
 * baton_delivery_lag_seconds{connector}} (event time to delivered, with percentiles), {@code
 * baton_deliveries_pending} and {@code baton_deliveries_dead} (every tenant's rows) and {@code
 * baton_delivery_rate_limit_waits_total{connector}} (transient outcomes with a Retry-After).
 */
@Component
class DeliveryMetrics {

  private final MeterRegistry registry;

  DeliveryMetrics(MeterRegistry registry, DeliveryRows rows) {
    this.registry = registry;
    Gauge.builder("baton.deliveries.pending", rows, r -> count(r, DeliveryRows.PENDING))
        .description("Deliveries planned and not yet delivered, skipped, dead or discarded")
        .register(registry);
    Gauge.builder("baton.deliveries.dead", rows, r -> count(r, DeliveryRows.DEAD))
        .description("Dead letters: deliveries that failed for good and wait for a replay")
        .register(registry);
  }

  void attempt(String connector, String outcome) {
    Counter.builder("baton.delivery.attempts")
        .description("Delivery attempts, by connector and outcome")
        .tag("connector", connector)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void finished(String connector, String outcome) {
    Counter.builder("baton.deliveries")
        .description("Deliveries that reached a final status, by connector and outcome")
        .tag("connector", connector)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void lag(String connector, Duration lag) {
    Timer.builder("baton.delivery.lag")
        .description("Time from the event to its delivery")
        .tag("connector", connector)
        .publishPercentiles(0.5, 0.95, 0.99)
        .register(registry)
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }

  void rateLimitWait(String connector) {
    Counter.builder("baton.delivery.rate.limit.waits")
        .description("Transient outcomes that named a Retry-After, by connector")
        .tag("connector", connector)
        .register(registry)
        .increment();
  }

  private static double count(DeliveryRows rows, String status) {
    try {
      return rows.countAll(status);
    } catch (RuntimeException e) {
      // the database is unreachable (or shutting down): no value rather than a failed scrape
      return Double.NaN;
    }
  }
}
