package dev.baton.policy;

/**
 * The published limits of a routing policy. The rule count and expression size are also in the JSON
 * Schema (a test keeps them equal); the nesting depth is enforced by the CEL parser.
 */
public final class PolicyLimits {

  /** Rules in one policy. */
  public static final int MAX_RULES = 200;

  /** Characters in one CEL expression ({@code when} or {@code score}). */
  public static final int MAX_EXPRESSION_LENGTH = 2000;

  /** Nesting depth of one CEL expression (parentheses, calls, operators). */
  public static final int MAX_EXPRESSION_NESTING = 32;

  /** Loop iterations of CEL comprehensions ({@code exists}, {@code all}, {@code map}). */
  public static final int MAX_COMPREHENSION_ITERATIONS = 1000;

  private PolicyLimits() {}
}
