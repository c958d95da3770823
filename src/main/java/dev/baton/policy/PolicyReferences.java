package dev.baton.policy;

import dev.baton.platform.Validation;
import dev.baton.roster.People;
import dev.baton.roster.Queues;
import dev.baton.roster.Schedules;
import dev.baton.roster.Teams;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Checks that the people, teams, queues, schedules, decision functions and escalation policies a
 * policy names exist, before a version is activated (a version may be written before its roster
 * is).
 */
@Component
class PolicyReferences {

  private final People people;
  private final Teams teams;
  private final Queues queues;
  private final Schedules schedules;
  private final DecisionFunctions functions;
  private final ObjectProvider<EscalationPolicyNames> escalations;

  PolicyReferences(
      People people,
      Teams teams,
      Queues queues,
      Schedules schedules,
      DecisionFunctions functions,
      ObjectProvider<EscalationPolicyNames> escalations) {
    this.people = people;
    this.teams = teams;
    this.queues = queues;
    this.schedules = schedules;
    this.functions = functions;
    this.escalations = escalations;
  }

  void check(String tenantId, PolicyDocument document) {
    Validation v = new Validation();
    List<PolicyDocument.Rule> rules = document.spec().rules();
    EscalationPolicyNames escalationNames = escalations.getIfAvailable();
    for (int i = 0; i < rules.size(); i++) {
      PolicyDocument.Rule rule = rules.get(i);
      escalation(
          v,
          tenantId,
          escalationNames,
          rule.escalation(),
          "spec.rules[" + i + "].escalation",
          "rule '" + rule.name() + "' names escalation policy '");
      PolicyDocument.Assign assign = rule.assign();
      if (assign == null) {
        continue;
      }
      String at = "spec.rules[" + i + "].assign.";
      if (assign.person() != null) {
        v.when(
            !people.exists(tenantId, assign.person()),
            at + "person",
            "person '" + assign.person() + "' does not exist");
      }
      if (assign.team() != null) {
        v.when(
            teams.find(tenantId, assign.team()).isEmpty(),
            at + "team",
            "team '" + assign.team() + "' does not exist");
      }
      if (assign.queue() != null) {
        v.when(
            queues.find(tenantId, assign.queue()).isEmpty(),
            at + "queue",
            "queue '" + assign.queue() + "' does not exist");
      }
      if (assign.schedule() != null) {
        v.when(
            schedules.find(tenantId, assign.schedule()).isEmpty(),
            at + "schedule",
            "schedule '" + assign.schedule() + "' does not exist");
      }
      if (assign.function() != null) {
        v.when(
            !functions.existsForReference(tenantId, assign.function()),
            at + "function",
            "decision function '" + assign.function() + "' does not exist");
      }
    }
    PolicyDocument.Fallback fallback = document.spec().fallback();
    if (fallback != null) {
      v.when(
          queues.find(tenantId, fallback.queue()).isEmpty(),
          "spec.fallback.queue",
          "queue '" + fallback.queue() + "' does not exist");
    }
    PolicyDocument.Sla sla = document.spec().sla();
    if (sla != null) {
      escalation(
          v,
          tenantId,
          escalationNames,
          sla.escalation(),
          "spec.sla.escalation",
          "spec.sla names escalation policy '");
    }
    v.check();
  }

  private static void escalation(
      Validation v,
      String tenantId,
      @Nullable EscalationPolicyNames names,
      @Nullable String name,
      String field,
      String message) {
    if (names != null && name != null) {
      v.when(!names.exists(tenantId, name), field, message + name + "', which does not exist");
    }
  }
}
