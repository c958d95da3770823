package dev.baton.routing;

import org.jspecify.annotations.Nullable;

/**
 * What a rule's decision function said, as the engine takes it: an input like the roster, recorded
 * in the decision so that deciding again from the same inputs gives the same decision.
 *
 * <p>Either an {@code owner} with the function's {@code reason}, or an {@code error} saying why
 * there is no usable answer (a timeout, an HTTP status, an answer that is not one). A failed answer
 * makes the rule a non-match; the engine then goes on with the next rule.
 *
 * <pre>{@code
 * FunctionAnswer.answered("billing", "triage", "person:alice", "knows the billing code")
 * FunctionAnswer.failed("billing", "triage", "timed out after 2000 ms")
 * }</pre>
 *
 * @param rule the rule that called the function (answers are kept per rule)
 * @param function the decision function's id
 * @param owner {@code person:<id>}, {@code queue:<id>} or {@code team:<id>}; null when failed
 * @param reason the function's own explanation, quoted in the decision's why; null when failed
 * @param error why the call gave no answer; null when answered
 */
public record FunctionAnswer(
    String rule,
    String function,
    @Nullable String owner,
    @Nullable String reason,
    @Nullable String error) {

  public FunctionAnswer {
    if ((owner == null) == (error == null)) {
      throw new IllegalArgumentException("a function answer has an owner or an error, not both");
    }
  }

  public static FunctionAnswer answered(String rule, String function, String owner, String reason) {
    return new FunctionAnswer(rule, function, owner, reason, null);
  }

  public static FunctionAnswer failed(String rule, String function, String error) {
    return new FunctionAnswer(rule, function, null, null, error);
  }

  /** Whether the function answered with a target. */
  public boolean ok() {
    return owner != null;
  }
}
