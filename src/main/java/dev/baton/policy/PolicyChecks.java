package dev.baton.policy;

import dev.baton.platform.Validation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The rules of a policy that a JSON Schema cannot say clearly. */
final class PolicyChecks {

  private static final java.time.Duration MAX_WINDOW = java.time.Duration.ofDays(30);

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
      window(rule.acceptWithin(), at + "/acceptWithin", validation);
    }
    window(document.spec().acceptWithin(), "/spec/acceptWithin", validation);
    PolicyDocument.Sla sla = document.spec().sla();
    if (sla != null) {
      sla(sla, validation);
    }
    PolicyDocument.Approvals approvals = document.spec().approvals();
    if (approvals != null) {
      window(approvals.timeout(), "/spec/approvals/timeout", validation);
    }
  }

  private static void sla(PolicyDocument.Sla sla, Validation validation) {
    PolicyDocument.Calendar calendar = sla.calendar();
    if (calendar != null) {
      try {
        java.time.ZoneId.of(calendar.timeZone());
      } catch (java.time.DateTimeException e) {
        validation.add(
            "/spec/sla/calendar/timeZone", "unknown time zone '" + calendar.timeZone() + "'");
      }
      validation.when(
          !java.time.LocalTime.parse(calendar.from())
              .isBefore(java.time.LocalTime.parse(calendar.to())),
          "/spec/sla/calendar",
          "working hours must end after they start");
    }
    for (int i = 0; i < sla.targets().size(); i++) {
      PolicyDocument.SlaTarget target = sla.targets().get(i);
      String at = "/spec/sla/targets/" + i;
      validation.when(
          target.accept() == null && target.resolve() == null, at, "needs accept or resolve");
      window(target.accept(), at + "/accept", validation);
      window(target.resolve(), at + "/resolve", validation);
      validation.when(
          Boolean.TRUE.equals(target.businessHours()) && calendar == null,
          at + "/businessHours",
          "needs spec.sla.calendar");
    }
  }

  /** An accept window must be a positive ISO 8601 duration of at most 30 days. */
  private static void window(@Nullable String written, String at, Validation validation) {
    if (written == null) {
      return;
    }
    java.time.Duration window;
    try {
      window = java.time.Duration.parse(written);
    } catch (java.time.format.DateTimeParseException e) {
      validation.add(at, "'" + written + "' is not an ISO 8601 duration such as PT15M");
      return;
    }
    validation.when(
        window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0,
        at,
        "must be more than zero and at most P30D");
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
