package dev.baton.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One SLA target running on one work item.
 *
 * @param metric {@code accept} or {@code resolve}
 * @param generation bumped whenever the clock's timer changes; a timer fires only for its own
 */
record SlaClock(
    String tenantId,
    UUID workItemId,
    String metric,
    String policy,
    int policyVersion,
    Duration target,
    boolean businessHours,
    Instant startedAt,
    Instant atRiskAt,
    Instant breachAt,
    State state,
    @Nullable String escalation,
    int generation,
    @Nullable String timerId) {

  enum State {
    RUNNING,
    AT_RISK,
    BREACHED,
    MET
  }

  SlaClock with(State next, int nextGeneration, @Nullable String nextTimer) {
    return new SlaClock(
        tenantId,
        workItemId,
        metric,
        policy,
        policyVersion,
        target,
        businessHours,
        startedAt,
        atRiskAt,
        breachAt,
        next,
        escalation,
        nextGeneration,
        nextTimer);
  }

  /** The clock as shown in audit entries and events. */
  Map<String, Object> view() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("metric", metric);
    view.put("state", state.name());
    view.put("target", target.toString());
    view.put("businessHours", businessHours);
    view.put("policy", policy);
    view.put("policyVersion", policyVersion);
    view.put("startedAt", startedAt.toString());
    view.put("atRiskAt", atRiskAt.toString());
    view.put("breachAt", breachAt.toString());
    return view;
  }
}
