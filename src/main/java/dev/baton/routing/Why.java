package dev.baton.routing;

import dev.baton.policy.CompiledRule;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The one-sentence answer to "why was this assigned here?". */
final class Why {

  private Why() {}

  static String decided(CompiledRule rule, Resolution resolution) {
    return "Rule "
        + rule.name()
        + " matched ("
        + condition(rule)
        + "); "
        + resolution.because()
        + ".";
  }

  static String undecided(List<Decision.RuleStep> path, @Nullable String fallbackQueue) {
    long unmatched = path.stream().filter(s -> !s.matched()).count();
    String fellThrough =
        path.stream()
            .filter(Decision.RuleStep::matched)
            .map(s -> s.rule() + ": " + s.result())
            .collect(Collectors.joining("; "));
    String detail =
        path.isEmpty()
            ? "the policy has no rules"
            : unmatched
                + " of "
                + path.size()
                + " rules did not match"
                + (fellThrough.isEmpty() ? "" : "; " + fellThrough);
    return "No rule chose an owner ("
        + detail
        + (fallbackQueue == null
            ? ") and the policy has no fallback queue."
            : "); queued to the fallback queue " + fallbackQueue + ".");
  }

  private static String condition(CompiledRule rule) {
    if (rule.rule().description() != null) {
      return rule.rule().description();
    }
    return rule.when() == null ? "no condition" : rule.when().expression();
  }
}
