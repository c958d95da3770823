package dev.baton.routing;

import static dev.baton.routing.Fixtures.decide;
import static dev.baton.routing.Fixtures.item;
import static dev.baton.routing.Fixtures.policy;
import static dev.baton.testsupport.Rosters.person;
import static dev.baton.testsupport.Rosters.roster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.policy.CompiledPolicy;
import dev.baton.testsupport.Rosters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each strategy and target kind, with its score and explanation. */
class StrategiesTest {

  private static Rosters team() {
    return roster()
        .with(
            person("ann").skill("payments", 1).skill("java", 3).open("P1", 1),
            person("ben").skill("payments", 3).open("P4", 2).lastAssigned("2026-01-02T00:00:00Z"),
            person("cid").skill("payments", 2).open("P3", 1).lastAssigned("2026-01-01T00:00:00Z"),
            person("dot").inactive())
        .team("core", "ann", "ben", "cid", "dot")
        .queue("triage", null);
  }

  @Test
  void roundRobinTakesTheNextEligibleMemberAfterTheCursorAndWraps() {
    CompiledPolicy rr = policy("- { name: rr, assign: { team: core, strategy: round-robin } }");

    Decision first = decide(rr, item(), team().build());
    Decision afterBen = decide(rr, item(), team().cursor("team:core", "ben").build());
    Decision afterCid = decide(rr, item(), team().cursor("team:core", "cid").build());

    assertThat(first.owner()).isEqualTo("person:ann");
    assertThat(first.cursor()).isEqualTo(new Decision.CursorUpdate("team:core", "ann"));
    assertThat(afterBen.owner()).isEqualTo("person:cid");
    // dot is inactive, so the turn wraps to ann
    assertThat(afterCid.owner()).isEqualTo("person:ann");
    assertThat(afterCid.candidates())
        .containsExactly(
            new Decision.Candidate("ann", 1, true),
            new Decision.Candidate("ben", 2, false),
            new Decision.Candidate("cid", 3, false));
    assertThat(afterCid.why())
        .isEqualTo(
            "Routed to ann by rule rr (policy test v1): ann was next in the round-robin of 3"
                + " eligible core members after cid; skipped: dot (not active).");
  }

  @Test
  void leastLoadedWeighsOpenWorkByPriority() {
    CompiledPolicy ll = policy("- { name: ll, assign: { team: core } }");

    Decision decision = decide(ll, item(), team().build());

    // ann 1 x P1 = 5, ben 2 x P4 = 2, cid 1 x P3 = 2: ben and cid tie on load, cid waited longer
    assertThat(decision.strategy()).isEqualTo("least-loaded");
    assertThat(decision.candidates())
        .containsExactly(
            new Decision.Candidate("cid", 2.0, true),
            new Decision.Candidate("ben", 2.0, false),
            new Decision.Candidate("ann", 5.0, false));
  }

  @Test
  void capacityWeightsOverrideTheDefaults() {
    CompiledPolicy weighted =
        policy("- { name: ll, assign: { team: core } }", "capacityWeights: { P1: 1, P4: 3 }");

    Decision decision = decide(weighted, item(), team().build());

    assertThat(decision.candidates())
        .extracting(Decision.Candidate::id, Decision.Candidate::score)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ann", 1.0),
            org.assertj.core.groups.Tuple.tuple("cid", 2.0),
            org.assertj.core.groups.Tuple.tuple("ben", 6.0));
  }

  @Test
  void tieBreakerIdAloneOrdersEqualLoadsByName() {
    CompiledPolicy byId = policy("- { name: ll, assign: { team: core } }", "tieBreaker: [id]");

    assertThat(decide(byId, item(), team().build()).owner()).isEqualTo("person:ben");
  }

  @Test
  void skillsMatchFiltersOnRequiredSkillsAndScoresSummedLevels() {
    CompiledPolicy skills =
        policy(
            "- { name: sk, assign: { team: core, strategy: skills-match, requireSkills: [payments] } }");

    Decision payments = decide(skills, item(), team().build());
    Decision withJava = decide(skills, item("skills", List.of("java")), team().build());

    assertThat(payments.owner()).isEqualTo("person:ben");
    assertThat(payments.candidates())
        .extracting(Decision.Candidate::score)
        .containsExactly(3.0, 2.0, 1.0);
    assertThat(withJava.owner()).isEqualTo("person:ann");
    assertThat(withJava.why())
        .isEqualTo(
            "Routed to ann by rule sk (policy test v1): ann had the best match for payments, java"
                + " of 3 eligible core members (skill score 4.0 vs 3.0, 2.0); skipped: dot (not"
                + " active, lacks skill payments).");
  }

  @Test
  void stickyKeepsTheRelatedItemsOwnerWhenEligible() {
    CompiledPolicy sticky =
        policy(
            "- { name: st, assign: { team: core, strategy: sticky, relatedItem: attributes.parent } }");
    Rosters roster = team().stickyOwner("PROJ-1", "ann");

    Decision decision =
        decide(sticky, item("attributes", java.util.Map.of("parent", "PROJ-1")), roster.build());

    assertThat(decision.owner()).isEqualTo("person:ann");
    assertThat(decision.strategy()).isEqualTo("sticky");
    assertThat(decision.why())
        .isEqualTo(
            "Routed to ann by rule st (policy test v1): ann owns the related item PROJ-1;"
                + " skipped: dot (not active).");
  }

  @Test
  void stickyFallsThroughToTheOtherwiseStrategy() {
    CompiledPolicy sticky =
        policy(
            "- { name: st, assign: { team: core, strategy: sticky, relatedItem: attributes.parent, otherwise: skills-match,"
                + " requireSkills: [payments] } }");
    Rosters roster = team().stickyOwner("PROJ-1", "dot");

    Decision inactiveOwner =
        decide(sticky, item("attributes", java.util.Map.of("parent", "PROJ-1")), roster.build());
    Decision noRelated = decide(sticky, item(), roster.build());

    assertThat(inactiveOwner.owner()).isEqualTo("person:ben");
    assertThat(inactiveOwner.strategy()).isEqualTo("sticky, then skills-match");
    assertThat(inactiveOwner.why()).contains("; the related item's owner dot is not eligible;");
    assertThat(noRelated.owner()).isEqualTo("person:ben");
    assertThat(noRelated.why()).contains("; the item names no related item at attributes.parent");
  }

  @Test
  void stickyWithoutOtherwiseUsesLeastLoaded() {
    CompiledPolicy sticky = policy("- { name: st, assign: { team: core, strategy: sticky } }");

    Decision decision = decide(sticky, item(), team().build());

    assertThat(decision.strategy()).isEqualTo("sticky, then least-loaded");
    assertThat(decision.owner()).isEqualTo("person:cid");
  }

  @Test
  void customScoreRanksHighestFirstAndRejectsWhereItFails() {
    CompiledPolicy scored =
        policy(
            "- { name: sc, assign: { team: core, score: \"double(candidate.skills.java) - candidate.load\" } }");

    Decision decision = decide(scored, item(), team().build());

    // only ann has java; the others are rejected with the error, ann is the only candidate
    assertThat(decision.owner()).isEqualTo("person:ann");
    assertThat(decision.candidates()).containsExactly(new Decision.Candidate("ann", -2.0, true));
    assertThat(decision.rejected())
        .filteredOn(r -> r.id().equals("ben"))
        .singleElement()
        .satisfies(
            r -> assertThat(r.reasons()).singleElement().asString().startsWith("score failed: "));
  }

  @Test
  void customScoreThatFailsOnEveryoneFallsThrough() {
    CompiledPolicy scored =
        policy(
            "- { name: sc, assign: { team: core, score: \"double(candidate.skills.rust)\" } }",
            "fallback: { queue: triage }");

    Decision decision = decide(scored, item(), team().build());

    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.FALLBACK);
    assertThat(decision.path().get(0).result())
        .isEqualTo("no candidate in team core could be scored");
  }

  @Test
  void directPersonAndQueueTargets() {
    CompiledPolicy direct =
        policy(
            """
            - { name: to-dot, assign: { person: dot } }
            - { name: to-ann, assign: { person: ann } }
            """);
    CompiledPolicy queue = policy("- { name: q, assign: { queue: triage } }");

    Decision toAnn = decide(direct, item(), team().build());
    Decision queued = decide(queue, item(), team().build());

    assertThat(toAnn.owner()).isEqualTo("person:ann");
    assertThat(toAnn.rejected())
        .containsExactly(new Decision.Rejection("to-dot", "dot", List.of("not active")));
    assertThat(toAnn.why()).endsWith("assigned directly to ann.");
    assertThat(queued.outcome()).isEqualTo(Decision.Outcome.QUEUED);
    assertThat(queued.owner()).isEqualTo("queue:triage");
    assertThat(queued.why())
        .isEqualTo("Routed to queue triage by rule q (policy test v1): queued to triage.");
  }

  @Test
  void fromItemMapsAFieldToAnOwner() {
    CompiledPolicy dynamic =
        policy(
            """
            - name: owners
              description: component owners
              assign:
                fromItem:
                  field: component
                  map: { payments: "team:core", web: ann, docs: "queue:triage" }
                  default: person:ben
                strategy: round-robin
            """);

    assertThat(decide(dynamic, item("component", "payments"), team().build()).owner())
        .isEqualTo("person:ann");
    assertThat(decide(dynamic, item("component", "web"), team().build()).owner())
        .isEqualTo("person:ann");
    assertThat(decide(dynamic, item("component", "docs"), team().build()).owner())
        .isEqualTo("queue:triage");
    Decision unmapped = decide(dynamic, item("component", "mobile"), team().build());
    assertThat(unmapped.owner()).isEqualTo("person:ben");
    assertThat(unmapped.why())
        .isEqualTo(
            "Routed to ben by rule owners (policy test v1): the default owner person:ben applies;"
                + " assigned directly to ben.");
    assertThat(decide(dynamic, item("component", "payments"), team().build()).why())
        .contains("component payments maps to team:core; ann was next in the round-robin");
  }

  @Test
  void fromItemWithoutMapUsesTheValueAndFallsThroughWhenAbsent() {
    CompiledPolicy dynamic =
        policy("- { name: owner-field, assign: { fromItem: { field: attributes.owner } } }");

    Decision named =
        decide(dynamic, item("attributes", java.util.Map.of("owner", "cid")), team().build());
    Decision absent = decide(dynamic, item(), team().build());

    assertThat(named.owner()).isEqualTo("person:cid");
    assertThat(absent.outcome()).isEqualTo(Decision.Outcome.NONE);
    assertThat(absent.path().get(0).result()).isEqualTo("the item has no attributes.owner");
  }
}
