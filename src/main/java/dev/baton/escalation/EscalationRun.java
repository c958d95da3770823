package dev.baton.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What Baton waits for on one work item.
 *
 * @param generation bumped whenever the run's timer is set or the run stops; a timer fires only for
 *     the generation it was set for
 * @param phase {@code OFFER} (an accept within {@code acceptWithin}), {@code CHAIN} (the next step
 *     of {@code escalation}), {@code STOPPED} or {@code EXHAUSTED}
 * @param decisionId the routing decision that offered the work, whose candidates come next
 * @param step the index of the chain step the timer runs
 * @param round how many times the chain ran through already
 * @param offered the people offered the work so far, in order
 */
record EscalationRun(
    String tenantId,
    UUID workItemId,
    int generation,
    Phase phase,
    @Nullable UUID decisionId,
    @Nullable Duration acceptWithin,
    @Nullable String escalation,
    int step,
    int round,
    List<String> offered,
    @Nullable String timerId,
    @Nullable Instant dueAt) {

  EscalationRun {
    offered = List.copyOf(offered);
  }

  enum Phase {
    OFFER,
    CHAIN,
    STOPPED,
    EXHAUSTED
  }

  boolean waiting() {
    return phase == Phase.OFFER || phase == Phase.CHAIN;
  }

  EscalationRun in(Phase next, int nextStep, int nextRound) {
    return new EscalationRun(
        tenantId,
        workItemId,
        generation,
        next,
        decisionId,
        acceptWithin,
        escalation,
        nextStep,
        nextRound,
        offered,
        timerId,
        dueAt);
  }

  EscalationRun offeredTo(String person) {
    List<String> more = new java.util.ArrayList<>(offered);
    if (!more.contains(person)) {
      more.add(person);
    }
    return new EscalationRun(
        tenantId,
        workItemId,
        generation,
        phase,
        decisionId,
        acceptWithin,
        escalation,
        step,
        round,
        more,
        timerId,
        dueAt);
  }
}
