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

  public Decision decide(RoutingInput input) {
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
        Resolution resolution = targets.resolve(rule, assign);
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
    return decision.build();
  }
}
