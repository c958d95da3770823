package dev.baton.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The inbound metrics of DESIGN section 13: {@code baton_webhooks_received_total{provider, outcome,
 * reason}} (outcome accepted, duplicate or rejected; reason {@code none} unless rejected), {@code
 * baton_inbox_depth} (pending deliveries), {@code baton_inbox_lag_seconds{provider}} (received to
 * processed) and {@code baton_inbox_processed_total{provider, outcome}} (the handler's outcome,
 * {@code retry} or {@code failed}).
 */
@Component
class WebhookMetrics {

  static final String NONE = "none";

  private final MeterRegistry registry;

  WebhookMetrics(MeterRegistry registry, InboxRows inbox) {
    this.registry = registry;
    Gauge.builder("baton.inbox.depth", inbox, WebhookMetrics::depth)
        .description("Deliveries stored and not yet processed")
        .register(registry);
  }

  void accepted(Provider provider) {
    received(provider.wireName(), "accepted", NONE);
  }

  void duplicate(Provider provider) {
    received(provider.wireName(), "duplicate", NONE);
  }

  void rejected(HookRejected rejection) {
    received(rejection.provider(), "rejected", rejection.reason().tag());
  }

  void processed(Provider provider, String outcome, Duration lag) {
    Counter.builder("baton.inbox.processed")
        .description("Deliveries processed, by outcome")
        .tag("provider", provider.wireName())
        .tag("outcome", outcome.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
    Timer.builder("baton.inbox.lag")
        .description("Time from receiving a delivery to processing it")
        .tag("provider", provider.wireName())
        .register(registry)
        .record(lag);
  }

  void attemptFailed(Provider provider, boolean parked) {
    Counter.builder("baton.inbox.processed")
        .description("Deliveries processed, by outcome")
        .tag("provider", provider.wireName())
        .tag("outcome", parked ? "failed" : "retry")
        .register(registry)
        .increment();
  }

  private void received(String provider, String outcome, String reason) {
    Counter.builder("baton.webhooks.received")
        .description("Webhook requests received, by provider and outcome")
        .tag("provider", provider)
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  private static double depth(InboxRows inbox) {
    try {
      return inbox.pendingTotal();
    } catch (RuntimeException e) {
      // the database is unreachable (or shutting down): no value rather than a failed scrape
      return Double.NaN;
    }
  }
}
