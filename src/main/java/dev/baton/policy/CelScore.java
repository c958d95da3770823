package dev.baton.policy;

import com.google.common.collect.ImmutableMap;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A compiled custom {@code score} expression over {@code item} and {@code candidate}; higher is
 * better. Evaluating never throws: a failure or a non-numeric result carries the error instead.
 */
public final class CelScore {

  private final String expression;
  private final CelRuntime.Program program;
  private final @Nullable Set<String> candidateFields;

  CelScore(String expression, CelRuntime.Program program, @Nullable Set<String> candidateFields) {
    this.expression = expression;
    this.program = program;
    this.candidateFields = candidateFields;
  }

  /**
   * Whether the expression reads this field of {@code candidate}; a caller may leave out the fields
   * it does not read (each one costs a conversion per candidate).
   */
  public boolean reads(String candidateField) {
    return candidateFields == null || candidateFields.contains(candidateField);
  }

  public String expression() {
    return expression;
  }

  /**
   * Scores one candidate.
   *
   * @param candidate the candidate's minimized attributes (id, skills, load, openByPriority,
   *     lastAssignedAt, timeZone); plain Java values, converted here
   */
  public Result evaluate(ItemFacts item, Map<String, ?> candidate) {
    try {
      // an ImmutableMap is used as is; any other map is copied through a stream on every eval
      Object value =
          program.eval(
              ImmutableMap.of("item", item.values(), "candidate", CelValues.map(candidate)));
      if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
        return new Result(number.doubleValue(), null);
      }
      return new Result(0, "returned " + CelErrors.typeName(value) + ", not a finite number");
    } catch (CelEvaluationException | RuntimeException e) {
      return new Result(0, CelErrors.message(e));
    }
  }

  /** The score, or the error that prevented it (then the score is 0 and means nothing). */
  public record Result(double score, @Nullable String error) {
    public boolean failed() {
      return error != null;
    }
  }
}
