package dev.baton.policy;

import dev.baton.platform.BatonException;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A policy whose CEL expressions are compiled, once per policy version. Immutable and safe to share
 * between threads; the routing engine evaluates it against many items.
 */
public final class CompiledPolicy {

  private final PolicyDocument document;
  private final List<CompiledRule> rules;

  private CompiledPolicy(PolicyDocument document, List<CompiledRule> rules) {
    this.document = document;
    this.rules = List.copyOf(rules);
  }

  /**
   * Compiles every expression of a document that passed {@link PolicyParser} checks (for example
   * one read back from storage).
   *
   * @throws BatonException.InvalidInput naming each expression that does not compile, with its rule
   */
  public static CompiledPolicy compile(PolicyDocument document) {
    List<BatonException.FieldProblem> problems = new ArrayList<>();
    List<CompiledRule> compiled = new ArrayList<>();
    List<PolicyDocument.Rule> rules = document.spec().rules();
    for (int i = 0; i < rules.size(); i++) {
      PolicyDocument.Rule rule = rules.get(i);
      String at = "/spec/rules/" + i;
      CelCondition when = null;
      if (rule.when() != null) {
        CelRuntime.Program program = compile(rule, at + "/when", rule.when(), true, problems);
        when = program == null ? null : new CelCondition(rule.when(), program);
      }
      CelScore score = null;
      String scoreText = rule.assign() == null ? null : rule.assign().score();
      if (scoreText != null) {
        CelRuntime.Program program =
            compile(rule, at + "/assign/score", scoreText, false, problems);
        score =
            program == null ? null : new CelScore(scoreText, program, candidateFields(scoreText));
      }
      compiled.add(new CompiledRule(rule, i, when, score));
    }
    if (!problems.isEmpty()) {
      throw new BatonException.InvalidInput(problems);
    }
    return new CompiledPolicy(document, compiled);
  }

  // the expression compiled above, so it compiles again; null (every field) if it somehow did not
  private static @Nullable Set<String> candidateFields(String expression) {
    try {
      return CelEnvironment.candidateFields(expression);
    } catch (CelValidationException e) {
      return null;
    }
  }

  private static CelRuntime.@Nullable Program compile(
      PolicyDocument.Rule rule,
      String field,
      String expression,
      boolean condition,
      List<BatonException.FieldProblem> problems) {
    try {
      return condition ? CelEnvironment.condition(expression) : CelEnvironment.score(expression);
    } catch (CelValidationException e) {
      String message = e.getMessage() == null ? "does not compile" : e.getMessage();
      problems.add(
          new BatonException.FieldProblem(
              field, "rule '" + rule.name() + "': " + flatten(message)));
      return null;
    }
  }

  // CEL reports several lines with a caret under the position; one line reads better in a list
  private static String flatten(String message) {
    return message
        .replace("ERROR: <input>:", "at ")
        .lines()
        .map(String::strip)
        .filter(l -> !l.startsWith("| "))
        .reduce((a, b) -> a + " " + b)
        .orElse(message);
  }

  public PolicyDocument document() {
    return document;
  }

  public String name() {
    return document.metadata().name();
  }

  public List<CompiledRule> rules() {
    return rules;
  }
}
