package dev.baton.policy;

import dev.baton.platform.Validation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rules of a policy that a JSON Schema cannot say clearly. */
final class PolicyChecks {

  private PolicyChecks() {}

  static void check(PolicyDocument document, Validation validation) {
    List<PolicyDocument.Rule> rules = document.spec().rules();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      PolicyDocument.Rule rule = rules.get(i);
      String at = "/spec/rules/" + i;
      Integer first = seen.putIfAbsent(rule.name(), i);
      validation.when(
          first != null,
          at + "/name",
          "rule name '" + rule.name() + "' is already used by /spec/rules/" + first);
      validation.when(
          rule.assign() == null && rule.notifyTargets().isEmpty(),
          at,
          "rule '" + rule.name() + "' needs assign or notify");
      if (rule.assign() != null) {
        assign(rule.name(), rule.assign(), at + "/assign", validation);
      }
    }
  }

  private static void assign(
      String rule, PolicyDocument.Assign assign, String at, Validation validation) {
    validation.when(
        assign.targetCount() != 1,
        at,
        "rule '"
            + rule
            + "' must name exactly one of person, queue, team, schedule, fromItem or function");
    // a function may answer a team, which the rule's strategy then picks from
    boolean pickable =
        assign.team() != null || assign.fromItem() != null || assign.function() != null;
    boolean picking =
        assign.strategy() != null
            || !assign.requireSkills().isEmpty()
            || assign.score() != null
            || assign.relatedItem() != null
            || assign.otherwise() != null;
    validation.when(
        picking && !pickable,
        at,
        "rule '"
            + rule
            + "': strategy, requireSkills, score, relatedItem and otherwise apply only to team,"
            + " fromItem or function targets");
    Strategy strategy = assign.effectiveStrategy();
    boolean scoring = strategy == Strategy.SCORE || assign.otherwise() == Strategy.SCORE;
    validation.when(
        scoring && assign.score() == null,
        at + "/score",
        "rule '" + rule + "': strategy score needs a score expression");
    validation.when(
        !scoring && assign.score() != null,
        at + "/score",
        "rule '" + rule + "': a score expression needs strategy score");
    validation.when(
        strategy != Strategy.STICKY && (assign.relatedItem() != null || assign.otherwise() != null),
        at + "/strategy",
        "rule '" + rule + "': relatedItem and otherwise apply only to strategy sticky");
  }
}
