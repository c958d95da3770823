package dev.baton.routing;

/**
 * The engine's request for a decision function's answer: evaluation reached rule {@code rule},
 * which matched and names {@code function} as its target, and the input holds no answer for it.
 */
public record FunctionCall(String rule, String function) {}
