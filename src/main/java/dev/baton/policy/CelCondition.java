package dev.baton.policy;

import com.google.common.collect.ImmutableMap;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A compiled {@code when} expression. Evaluating never throws: an expression that fails on an item
 * (a missing field, a type mismatch) does not match, and the result carries the error.
 */
public final class CelCondition {

  private final String expression;
  private final CelRuntime.Program program;
  private final CelPrefilter prefilter;

  CelCondition(String expression, CelRuntime.Program program) {
    this.expression = expression;
    this.program = program;
    this.prefilter = CelPrefilter.of(expression);
  }

  public String expression() {
    return expression;
  }

  public Result evaluate(ItemFacts item, Instant now) {
    if (prefilter.certainlyFalse(item)) {
      return NO_MATCH;
    }
    return evaluateWithCel(item, now);
  }

  private static final Result NO_MATCH = new Result(false, null);

  /** CEL's own answer, without the prefilter (tests compare the two). */
  Result evaluateWithCel(ItemFacts item, Instant now) {
    try {
      // an ImmutableMap is used as is; any other map is copied through a stream on every eval
      Object value = program.eval(ImmutableMap.of("item", item.values(), "now", now));
      if (value instanceof Boolean matched) {
        return new Result(matched, null);
      }
      return new Result(false, "returned " + CelErrors.typeName(value) + ", not a bool");
    } catch (CelEvaluationException | RuntimeException e) {
      return new Result(false, CelErrors.message(e));
    }
  }

  /** Whether the condition matched, and why not if it failed. */
  public record Result(boolean matched, @Nullable String error) {}
}
