package dev.baton.routing;

import dev.baton.policy.CompiledRule;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The one-sentence answer to "why was this assigned here?". */
final class Why {

  private Why() {}

  /** Skipped people named in the sentence at most; the record lists them all. */
  static final int MAX_SKIPPED = 3;

  /**
   * E.g. "Routed to alice by rule premium-bugs (policy engineering v7): alice was least loaded of 3
   * eligible backend members (load 1.0 vs 2.0, 4.0); skipped: carol (lacks skill payments)."
   */
  static String decided(
      CompiledRule rule,
      Resolution resolution,
      String policy,
      int version,
      List<Decision.Rejection> rejected) {
    String owner = java.util.Objects.requireNonNull(resolution.owner());
    String target =
        owner.startsWith("person:") ? owner.substring(7) : "queue " + owner.substring(6);
    // only the first few skipped people are written out; the rest are counted
    StringBuilder shown = new StringBuilder();
    int skipped = 0;
    for (int i = 0; i < rejected.size(); i++) {
      Decision.Rejection r = rejected.get(i);
      if (!r.rule().equals(rule.name())) {
        continue;
      }
      if (skipped < MAX_SKIPPED) {
        shown.append(skipped == 0 ? "; skipped: " : ", ").append(r.id()).append(" (");
        shown.append(String.join(", ", r.reasons())).append(')');
      }
      skipped++;
    }
    String skippedText =
        skipped > MAX_SKIPPED
            ? shown + " and " + (skipped - MAX_SKIPPED) + " more"
            : shown.toString();
    return "Routed to "
        + target
        + " by rule "
        + rule.name()
        + " (policy "
        + policy
        + " v"
        + version
        + "): "
        + resolution.because()
        + skippedText
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
}
