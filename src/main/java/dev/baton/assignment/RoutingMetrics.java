package dev.baton.assignment;

import dev.baton.policy.RolloutMode;
import dev.baton.routing.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The routing metrics of DESIGN section 13: {@code baton_routing_decisions_total{rule, outcome,
 * mode}} (every decision recorded: the deciding rule or {@code none}, the outcome {@code assigned},
 * {@code queued}, {@code fallback} or {@code none}, the policy's mode {@code on} or {@code shadow})
 * and {@code baton_routing_decision_seconds} (the engine's time for one decision, every pass, with
 * percentiles). Counters are cached by rule, outcome and mode, so counting a decision allocates
 * nothing once its counter exists.
 */
@Component
class RoutingMetrics {

  static final String NO_RULE = "none";

  private static final Decision.Outcome[] OUTCOMES = Decision.Outcome.values();
  private static final RolloutMode[] MODES = RolloutMode.values();

  private final MeterRegistry registry;
  private final Timer decisionTime;
  private final ConcurrentMap<String, Counter[]> byRule = new ConcurrentHashMap<>();

  RoutingMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.decisionTime =
        Timer.builder("baton.routing.decision")
            .description("Time the routing engine takes to decide for one item")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
  }

  /** Counts a recorded decision. */
  void decided(Decision decision) {
    String rule = decision.rule() == null ? NO_RULE : decision.rule();
    Counter[] counters = byRule.get(rule);
    if (counters == null) {
      counters = byRule.computeIfAbsent(rule, r -> new Counter[OUTCOMES.length * MODES.length]);
    }
    int slot = decision.outcome().ordinal() * MODES.length + decision.mode().ordinal();
    Counter counter = counters[slot];
    if (counter == null) {
      // racing threads get the same counter back from the registry
      counter =
          Counter.builder("baton.routing.decisions")
              .description("Routing decisions recorded, by deciding rule, outcome and mode")
              .tag("rule", rule)
              .tag("outcome", decision.outcome().name().toLowerCase(Locale.ROOT))
              .tag("mode", decision.mode().name().toLowerCase(Locale.ROOT))
              .register(registry);
      counters[slot] = counter;
    }
    counter.increment();
  }

  /** Records the engine's time for one decision, in nanoseconds. */
  void timed(long nanos) {
    decisionTime.record(nanos, TimeUnit.NANOSECONDS);
  }
}
