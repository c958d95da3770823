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
 * @param notified the people the last notify step reached, who may acknowledge it
 * @param acknowledged who of them acknowledged, in order
 * @param acknowledgers how many distinct acknowledgements stop the chain (0: none asked for)
 * @param notifiedStep the 1-based step that notified them (0: none)
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
    @Nullable Instant dueAt,
    List<String> notified,
    List<String> acknowledged,
    int acknowledgers,
    int notifiedStep) {

  EscalationRun {
    offered = List.copyOf(offered);
    notified = List.copyOf(notified);
    acknowledged = List.copyOf(acknowledged);
  }

  /** A fresh run: nothing notified or acknowledged yet. */
  EscalationRun(
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
    this(
        tenantId,
        workItemId,
        generation,
        phase,
        decisionId,
        acceptWithin,
        escalation,
        step,
        round,
        offered,
        timerId,
        dueAt,
        List.of(),
        List.of(),
        0,
        0);
  }

  /** The run with {@code timerId} due at {@code at} in {@code generation}. */
  EscalationRun timed(int nextGeneration, @Nullable String nextTimerId, @Nullable Instant at) {
    return new EscalationRun(
        tenantId,
        workItemId,
        nextGeneration,
        phase,
        decisionId,
        acceptWithin,
        escalation,
        step,
        round,
        offered,
        nextTimerId,
        at,
        notified,
        acknowledged,
        acknowledgers,
        notifiedStep);
  }

  /** The run after step {@code stepNumber} (1-based) asked {@code people} for acknowledgements. */
  EscalationRun notifying(List<String> people, int needed, int stepNumber) {
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
        offered,
        timerId,
        dueAt,
        people,
        List.of(),
        needed,
        stepNumber);
  }

  /** The run with {@code person}'s acknowledgement added. */
  EscalationRun acknowledgedBy(String person) {
    List<String> more = withPerson(acknowledged, person);
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
        offered,
        timerId,
        dueAt,
        notified,
        more,
        acknowledgers,
        notifiedStep);
  }

  /** {@code people} and {@code person}, who is added at the end unless already there. */
  private static List<String> withPerson(List<String> people, String person) {
    if (people.contains(person)) {
      return people;
    }
    List<String> more = new java.util.ArrayList<>(people);
    more.add(person);
    return more;
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
        dueAt,
        notified,
        acknowledged,
        acknowledgers,
        notifiedStep);
  }

  EscalationRun offeredTo(String person) {
    List<String> more = withPerson(offered, person);
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
        dueAt,
        notified,
        acknowledged,
        acknowledgers,
        notifiedStep);
  }
}
