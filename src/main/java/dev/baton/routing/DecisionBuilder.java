package dev.baton.routing;

import dev.baton.policy.CompiledRule;
import dev.baton.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Collects the rule path, rejections and notify targets of one decision as the engine walks. */
final class DecisionBuilder {

  private final RoutingInput input;
  private final List<Decision.RuleStep> path;
  private final List<Decision.Rejection> rejected = new ArrayList<>();
  private final List<Decision.NotifyTarget> notify = new ArrayList<>();
  private final List<FunctionAnswer> answers = new ArrayList<>();
  private @Nullable CompiledRule decidingRule;
  private @Nullable Resolution resolution;
  private @Nullable String firstEscalation;

  DecisionBuilder(RoutingInput input) {
    this.input = input;
    this.path = new ArrayList<>(input.policy().rules().size());
  }

  boolean decided() {
    return resolution != null;
  }

  void unmatched(CompiledRule rule, @Nullable String error) {
    path.add(
        new Decision.RuleStep(
            rule.name(), false, error, error == null ? "did not match" : "condition failed"));
  }

  /** A decision function's answer that this decision depends on. */
  void consulted(FunctionAnswer answer) {
    answers.add(answer);
  }

  /** A function rule whose answer failed or named an unknown target: a non-match, with why. */
  void functionFailed(CompiledRule rule, String function, String failure) {
    path.add(
        new Decision.RuleStep(
            rule.name(), false, "function " + function + " " + failure, "function failed"));
  }

  void fellThrough(CompiledRule rule, Resolution fallThrough) {
    path.add(new Decision.RuleStep(rule.name(), true, null, fallThrough.result()));
    rejected.addAll(fallThrough.rejected());
  }

  /** A matched rule that adds only its notify targets and escalation. */
  void contributes(CompiledRule rule) {
    path.add(
        new Decision.RuleStep(
            rule.name(),
            true,
            null,
            decided() ? "notify only, the owner was already chosen" : "notify only"));
    collect(rule);
  }

  void decidedBy(CompiledRule rule, Resolution found) {
    path.add(new Decision.RuleStep(rule.name(), true, null, found.result()));
    rejected.addAll(found.rejected());
    decidingRule = rule;
    resolution = found;
    collect(rule);
  }

  private void collect(CompiledRule rule) {
    if (!rule.rule().notifyTargets().isEmpty()) {
      notify.add(new Decision.NotifyTarget(rule.name(), rule.rule().notifyTargets()));
    }
    if (firstEscalation == null) {
      firstEscalation = rule.rule().escalation();
    }
  }

  // the deciding rule's escalation wins; otherwise the first contributing rule's
  private @Nullable String escalation() {
    String own = decidingRule == null ? null : decidingRule.rule().escalation();
    return own != null ? own : firstEscalation;
  }

  Decision build() {
    PolicyDocument.Spec spec = input.policy().document().spec();
    CompiledRule rule = decidingRule;
    Resolution found = resolution;
    if (rule != null && found != null && found.owner() != null) {
      boolean person = found.owner().startsWith("person:");
      return decision(
          person ? Decision.Outcome.ASSIGNED : Decision.Outcome.QUEUED,
          found.owner(),
          rule.name(),
          found.strategy(),
          found.candidates(),
          found.cursor(),
          Why.decided(rule, found, input.policy().name(), input.policyVersion(), rejected));
    }
    String fallback = spec.fallback() == null ? null : spec.fallback().queue();
    return decision(
        fallback == null ? Decision.Outcome.NONE : Decision.Outcome.FALLBACK,
        fallback == null ? null : "queue:" + fallback,
        null,
        null,
        List.of(),
        null,
        Why.undecided(path, fallback));
  }

  private Decision decision(
      Decision.Outcome outcome,
      @Nullable String owner,
      @Nullable String rule,
      @Nullable String strategy,
      List<Decision.Candidate> candidates,
      Decision.@Nullable CursorUpdate cursor,
      String why) {
    PolicyDocument.Spec spec = input.policy().document().spec();
    return new Decision(
        outcome,
        owner,
        rule,
        strategy,
        input.policy().name(),
        input.policyVersion(),
        spec.effectiveMode(),
        path,
        candidates,
        rejected,
        notify,
        escalation(),
        cursor,
        answers,
        why);
  }
}
