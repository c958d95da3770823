package dev.baton.routing;

import dev.baton.policy.CelCondition;
import dev.baton.policy.CompiledPolicy;
import dev.baton.policy.CompiledRule;
import dev.baton.policy.ItemFacts;
import dev.baton.policy.PolicyDocument;
import dev.baton.policy.Strategy;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides who or which queue owns a work item: a pure function of the item, the compiled policy
 * version, the roster snapshot and the decision instant. No clock, storage or network; an
 * expression that fails on the item is recorded as a non-match, never thrown.
 *
 * <p>Rules are tried in order. A rule that matches and finds an owner decides, and evaluation stops
 * unless the rule says {@code continue} (later matching rules then only add notify targets). A rule
 * whose target has no eligible candidate falls through to the next rule; when no rule decides, the
 * item goes to the fallback queue, or nowhere (NONE) without one.
 *
 * <p>A rule whose target is a decision function needs the function's answer, which the engine takes
 * as input like the roster: when evaluation reaches such a rule and the input has no answer for it,
 * {@link #evaluate} returns {@link Evaluation.NeedsAnswer} instead of a decision. The caller calls
 * the function, adds the answer ({@link RoutingInput#withAnswer}) and evaluates again; a policy
 * with n function rules needs at most n + 1 passes. A failed answer, or one naming a target the
 * roster does not know, makes the rule a non-match recorded with its error.
 */
public final class RoutingEngine {

  private final Map<Strategy, RoutingStrategy> strategies;

  public RoutingEngine() {
    Map<Strategy, RoutingStrategy> all = new EnumMap<>(Strategy.class);
    all.put(Strategy.ROUND_ROBIN, new RoundRobin());
    all.put(Strategy.LEAST_LOADED, new LeastLoaded());
    all.put(Strategy.SKILLS_MATCH, new SkillsMatch());
    all.put(Strategy.SCORE, new CustomScore());
    all.put(Strategy.STICKY, new StickyOwner(s -> Objects.requireNonNull(all.get(s))));
    this.strategies = all;
  }

  /**
   * Decides for an input whose policy calls no decision function, or whose answers are all known.
   *
   * @throws IllegalStateException when evaluation needs a function answer the input lacks
   */
  public Decision decide(RoutingInput input) {
    return switch (evaluate(input)) {
      case Evaluation.Decided decided -> decided.decision();
      case Evaluation.NeedsAnswer needs ->
          throw new IllegalStateException(
              "rule "
                  + needs.call().rule()
                  + " needs the answer of decision function "
                  + needs.call().function()
                  + "; use evaluate()");
    };
  }

  /** One pass: a decision, or the function answer the engine needs first. */
  public Evaluation evaluate(RoutingInput input) {
    CompiledPolicy policy = input.policy();
    PolicyDocument.Spec spec = policy.document().spec();
    ItemFacts item = ItemFacts.of(input.item());
    LoadWeights weights = new LoadWeights(spec.capacityWeights());
    RoutingContext context =
        new RoutingContext(
            input.roster(),
            item,
            new Eligibility(input.at(), input.excluded(), item.text("priority").orElse(null)),
            weights,
            TieBreak.of(spec.effectiveTieBreaker(), weights),
            strategies);
    DecisionBuilder decision = new DecisionBuilder(input);
    ResolveTarget targets = new ResolveTarget(context);
    for (CompiledRule rule : policy.rules()) {
      CelCondition.Result condition =
          rule.when() == null
              ? new CelCondition.Result(true, null)
              : rule.when().evaluate(item, input.at());
      if (!condition.matched()) {
        decision.unmatched(rule, condition.error());
        continue;
      }
      PolicyDocument.Assign assign = rule.rule().assign();
      if (decision.decided() || assign == null) {
        decision.contributes(rule);
      } else {
        Resolution resolution;
        if (assign.function() != null) {
          FunctionAnswer answer = input.answers().get(rule.name());
          if (answer == null) {
            return new Evaluation.NeedsAnswer(new FunctionCall(rule.name(), assign.function()));
          }
          decision.consulted(answer);
          String failure = targets.failure(answer);
          if (failure != null) {
            decision.functionFailed(rule, answer.function(), failure);
            continue;
          }
          resolution = targets.answered(rule, assign, answer);
        } else {
          resolution = targets.resolve(rule, assign);
        }
        if (!resolution.found()) {
          decision.fellThrough(rule, resolution);
          continue;
        }
        decision.decidedBy(rule, resolution);
      }
      if (!rule.rule().continueMatching()) {
        break;
      }
    }
    return new Evaluation.Decided(decision.build());
  }
}
