package dev.baton.routing;

/**
 * What one pass of the engine came to: a decision, or the need for a decision function's answer
 * before it can decide. The caller calls the function, adds the answer to the input and evaluates
 * again; each pass asks for at most one answer, and never again for one it has.
 */
public sealed interface Evaluation {

  /** The engine decided. */
  record Decided(Decision decision) implements Evaluation {}

  /** The engine needs {@code call} answered (successfully or not) to go on. */
  record NeedsAnswer(FunctionCall call) implements Evaluation {}
}
