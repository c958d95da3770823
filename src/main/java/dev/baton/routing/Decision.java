package dev.baton.routing;

import dev.baton.policy.RolloutMode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of routing one item and everything needed to answer "why?": the rules evaluated, the
 * candidates with scores, the rejected candidates with reasons, and the policy version.
 *
 * @param owner {@code person:<id>} or {@code queue:<id>}; null when the outcome is NONE
 * @param rule the rule that chose the owner; null for FALLBACK and NONE
 * @param strategy how the owner was chosen among candidates ({@code least-loaded}, {@code on-call},
 *     {@code direct}, ...); null when no rule chose
 * @param notifications targets of every rule that took part, in rule order
 * @param escalation the escalation policy name of the deciding rule (else of the first contributing
 *     rule that names one)
 * @param cursor the round-robin cursor to store, when round-robin chose
 * @param functionAnswers the decision functions' answers this decision used, in rule order: with
 *     the rest of the input they reproduce it
 * @param why one sentence
 */
public record Decision(
    Outcome outcome,
    @Nullable String owner,
    @Nullable String rule,
    @Nullable String strategy,
    String policy,
    int policyVersion,
    RolloutMode mode,
    List<RuleStep> path,
    List<Candidate> candidates,
    List<Rejection> rejected,
    List<NotifyTarget> notifications,
    @Nullable String escalation,
    @Nullable CursorUpdate cursor,
    List<FunctionAnswer> functionAnswers,
    String why) {

  public Decision {
    path = List.copyOf(path);
    candidates = List.copyOf(candidates);
    rejected = List.copyOf(rejected);
    notifications = List.copyOf(notifications);
    functionAnswers = List.copyOf(functionAnswers);
  }

  /** What happened to the item. */
  public enum Outcome {
    /** Offered to a person. */
    ASSIGNED,
    /** Put in a queue by a rule. */
    QUEUED,
    /** No rule found an owner; put in the policy's fallback queue. */
    FALLBACK,
    /** No rule found an owner and there is no fallback queue. */
    NONE
  }

  /**
   * One rule as evaluated.
   *
   * @param error why the condition could not be evaluated on this item (then it did not match)
   * @param result what the rule led to, e.g. {@code assigned person:alice}, {@code no eligible
   *     candidate in team backend}, {@code did not match}, {@code function failed}
   */
  public record RuleStep(String rule, boolean matched, @Nullable String error, String result) {}

  /** An eligible candidate of the deciding rule; the score's meaning depends on the strategy. */
  public record Candidate(String id, double score, boolean chosen) {}

  /** A person left out, by which rule, and every reason. */
  public record Rejection(String rule, String id, List<String> reasons) {
    public Rejection {
      reasons = List.copyOf(reasons);
    }
  }

  /** A rule's {@code notify} block, kept as written. */
  public record NotifyTarget(String rule, Map<String, Object> target) {}

  /** The position to store for a round-robin pool: the person who got this turn. */
  public record CursorUpdate(String pool, String lastAssigned) {}
}
