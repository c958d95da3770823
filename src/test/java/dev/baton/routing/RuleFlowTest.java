package dev.baton.routing;

import static dev.baton.routing.Fixtures.decide;
import static dev.baton.routing.Fixtures.item;
import static dev.baton.routing.Fixtures.policy;
import static dev.baton.testsupport.Rosters.person;
import static dev.baton.testsupport.Rosters.roster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.policy.CompiledPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule order, continue (fan-out), failing expressions, fall-through, fallback and NONE. */
class RuleFlowTest {

  private static final RosterSnapshot ROSTER =
      roster()
          .with(person("ann"), person("ben").inactive())
          .team("web", "ben")
          .team("core", "ann")
          .queue("triage", "core")
          .build();

  @Test
  void continueFansOutNotifyTargetsToEveryMatchingRule() {
    CompiledPolicy fanOut =
        policy(
            """
            - name: security-channel
              when: "'security' in item.labels"
              continue: true
              notify: { slack: { channel: "#security" } }
              escalation: security-chain
            - name: bugs-to-core
              when: item.type == 'bug'
              continue: true
              assign: { team: core }
              notify: { slack: { channel: "#core" } }
            - name: audit-log
              notify: { webhook: { name: audit } }
            - name: never-reached
              notify: { slack: { channel: "#never" } }
            """);

    Decision decision = decide(fanOut, item("type", "bug", "labels", List.of("security")), ROSTER);

    assertThat(decision.owner()).isEqualTo("person:ann");
    assertThat(decision.rule()).isEqualTo("bugs-to-core");
    assertThat(decision.notifications())
        .extracting(Decision.NotifyTarget::rule)
        .containsExactly("security-channel", "bugs-to-core", "audit-log");
    assertThat(decision.notifications().get(0).target())
        .isEqualTo(Map.of("slack", Map.of("channel", "#security")));
    assertThat(decision.escalation()).isEqualTo("security-chain");
    assertThat(decision.path())
        .extracting(Decision.RuleStep::result)
        .containsExactly(
            "notify only", "assigned person:ann", "notify only, the owner was already chosen");
  }

  @Test
  void withoutContinueTheFirstMatchWins() {
    CompiledPolicy first =
        policy(
            """
            - { name: one, assign: { team: core }, notify: { slack: { channel: "#one" } } }
            - { name: two, assign: { queue: triage }, notify: { slack: { channel: "#two" } } }
            """);

    Decision decision = decide(first, item(), ROSTER);

    assertThat(decision.rule()).isEqualTo("one");
    assertThat(decision.path()).hasSize(1);
    assertThat(decision.notifications())
        .extracting(Decision.NotifyTarget::rule)
        .containsExactly("one");
  }

  @Test
  void failingExpressionsAreNonMatchesWithTheirErrorNeverExceptions() {
    CompiledPolicy failing =
        policy(
            """
            - { name: missing-field, when: "item.component == 'payments'", assign: { queue: triage } }
            - { name: type-mismatch, when: "item.priority > 2", assign: { queue: triage } }
            - { name: not-a-bool, when: "item.priority", assign: { queue: triage } }
            - { name: guarded, when: "has(item.component) && item.component == 'x'", assign: { queue: triage } }
            - { name: catch-all, assign: { team: core } }
            """);

    Decision decision = decide(failing, item("priority", "P2"), ROSTER);

    assertThat(decision.owner()).isEqualTo("person:ann");
    assertThat(decision.path())
        .extracting(Decision.RuleStep::rule, Decision.RuleStep::matched, Decision.RuleStep::result)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("missing-field", false, "condition failed"),
            org.assertj.core.groups.Tuple.tuple("type-mismatch", false, "condition failed"),
            org.assertj.core.groups.Tuple.tuple("not-a-bool", false, "condition failed"),
            org.assertj.core.groups.Tuple.tuple("guarded", false, "did not match"),
            org.assertj.core.groups.Tuple.tuple("catch-all", true, "assigned person:ann"));
    assertThat(decision.path().get(0).error()).contains("key 'component' is not present in map");
    assertThat(decision.path().get(1).error()).contains("No matching overload");
    assertThat(decision.path().get(2).error()).isEqualTo("returned string, not a bool");
    assertThat(decision.path().get(3).error()).isNull();
  }

  @Test
  void aTeamWithoutEligibleMembersFallsThroughToTheNextRule() {
    CompiledPolicy teams =
        policy(
            """
            - { name: web-first, assign: { team: web } }
            - { name: then-core, assign: { team: core } }
            """);

    Decision decision = decide(teams, item(), ROSTER);

    assertThat(decision.owner()).isEqualTo("person:ann");
    assertThat(decision.path().get(0))
        .isEqualTo(
            new Decision.RuleStep("web-first", true, null, "no eligible candidate in team web"));
    assertThat(decision.rejected())
        .containsExactly(new Decision.Rejection("web-first", "ben", List.of("not active")));
  }

  @Test
  void noOwnerAnywhereGoesToTheFallbackQueue() {
    CompiledPolicy fallback =
        policy("- { name: web, assign: { team: web } }", "fallback: { queue: triage }");

    Decision decision = decide(fallback, item(), ROSTER);

    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.FALLBACK);
    assertThat(decision.owner()).isEqualTo("queue:triage");
    assertThat(decision.rule()).isNull();
    assertThat(decision.candidates()).isEmpty();
    assertThat(decision.why())
        .isEqualTo(
            "No rule chose an owner (0 of 1 rules did not match; web: no eligible candidate in"
                + " team web); queued to the fallback queue triage.");
  }

  @Test
  void noFallbackMeansNoneWithTheReason() {
    Decision decision = decide(policy("- { name: web, assign: { team: web } }"), item(), ROSTER);

    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.NONE);
    assertThat(decision.owner()).isNull();
    assertThat(decision.why()).endsWith("and the policy has no fallback queue.");
  }

  @Test
  void unknownTeamsAndQueuesFallThrough() {
    CompiledPolicy unknown =
        policy(
            """
            - { name: ghost-team, assign: { team: ghosts } }
            - { name: ghost-queue, assign: { queue: limbo } }
            """);

    Decision decision = decide(unknown, item(), ROSTER);

    assertThat(decision.path())
        .extracting(Decision.RuleStep::result)
        .containsExactly("unknown team ghosts", "unknown queue limbo");
    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.NONE);
  }

  @Test
  void conditionsSeeTheDecisionInstantAsNow() {
    CompiledPolicy byTime =
        policy(
            """
            - { name: weekend, when: "now.getDayOfWeek('Europe/Berlin') in [0, 6]", assign: { queue: triage } }
            - { name: weekday, when: "now.getHours('Europe/Berlin') == 13", assign: { team: core } }
            """);

    assertThat(decide(byTime, item(), ROSTER).rule()).isEqualTo("weekday");
  }
}
