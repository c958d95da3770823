package dev.baton.routing;

import dev.baton.policy.CompiledRule;
import dev.baton.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A team target: filter the members, then let the rule's strategy choose among the eligible ones.
 * Rejections are listed in id order so the record does not depend on roster order.
 */
final class PickFromTeam {

  private final RoutingContext context;

  PickFromTeam(RoutingContext context) {
    this.context = context;
  }

  Resolution pick(CompiledRule rule, PolicyDocument.Assign assign, String teamId) {
    RosterSnapshot.Team team = context.roster().teams().get(teamId);
    if (team == null) {
      return Resolution.fallThrough("unknown team " + teamId, List.of());
    }
    List<String> members = team.members();
    List<RosterSnapshot.Person> eligible = new ArrayList<>();
    List<Decision.Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      String id = members.get(i);
      RosterSnapshot.Person person = context.roster().people().get(id);
      List<String> reasons = context.eligibility().forWork(id, person, assign.requireSkills());
      if (person != null && reasons.isEmpty()) {
        eligible.add(person);
      } else {
        rejected.add(new Decision.Rejection(rule.name(), id, reasons));
      }
    }
    if (eligible.isEmpty()) {
      return Resolution.fallThrough("no eligible candidate in team " + teamId, sorted(rejected));
    }
    RoutingStrategy.Pool pool =
        new RoutingStrategy.Pool(
            "team:" + teamId,
            teamId + " members",
            eligible,
            members,
            context.item(),
            assign,
            rule.score(),
            context.roster(),
            context.tieBreak(),
            context.weights()::load);
    RoutingStrategy.Pick pick =
        java.util.Objects.requireNonNull(
                context.strategies().get(assign.effectiveStrategy()),
                "every strategy is registered")
            .choose(pool);
    pick.rejected()
        .forEach(
            (id, reason) -> rejected.add(new Decision.Rejection(rule.name(), id, List.of(reason))));
    String chosen = pick.chosen();
    if (chosen == null) {
      return Resolution.fallThrough(
          "no candidate in team " + teamId + " could be scored", sorted(rejected));
    }
    return new Resolution(
        "person:" + chosen,
        "assigned person:" + chosen,
        pick.strategy(),
        pick.because(),
        pick.candidates(),
        sorted(rejected),
        pick.cursor());
  }

  private static List<Decision.Rejection> sorted(List<Decision.Rejection> rejected) {
    return rejected.stream().sorted(Comparator.comparing(Decision.Rejection::id)).toList();
  }
}
