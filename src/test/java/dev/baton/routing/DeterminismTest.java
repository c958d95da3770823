package dev.baton.routing;

import static dev.baton.routing.Fixtures.MONDAY_NOON;
import static dev.baton.routing.Fixtures.item;
import static dev.baton.routing.Fixtures.policy;
import static dev.baton.testsupport.Rosters.person;
import static dev.baton.testsupport.Rosters.roster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.policy.CompiledPolicy;
import dev.baton.testsupport.Rosters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Routing is a pure function: the same input gives an equal decision, and the order people and
 * members are listed in changes nothing except where order is the point (round-robin).
 */
class DeterminismTest {

  private static final List<String> MEMBERS =
      List.of("amy", "bo", "cy", "di", "ed", "fay", "gus", "hal");

  private static final Map<String, Object> ITEM =
      item("type", "bug", "priority", "P2", "skills", List.of("java"));

  /** Every member has the same load and skills as some other, so only the tie-breaker decides. */
  private static Rosters.PersonBuilder[] people() {
    List<Rosters.PersonBuilder> people = new ArrayList<>();
    for (int i = 0; i < MEMBERS.size(); i++) {
      people.add(
          person(MEMBERS.get(i))
              .skill("java", 1 + i % 2)
              .skill("payments", 1)
              .open("P3", i % 3)
              .lastAssigned("2026-01-0" + (1 + i % 2) + "T00:00:00Z"));
    }
    people.add(person("zed").inactive());
    return people.toArray(Rosters.PersonBuilder[]::new);
  }

  private static RosterSnapshot shuffled(Random random) {
    List<String> members = new ArrayList<>(List.of(withZed(MEMBERS)));
    Collections.shuffle(members, random);
    List<Rosters.PersonBuilder> people = new ArrayList<>(List.of(people()));
    Collections.shuffle(people, random);
    return roster()
        .with(people.toArray(Rosters.PersonBuilder[]::new))
        .team("core", members.toArray(String[]::new))
        .build();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "least-loaded",
        "skills-match",
        "score, score: \"double(candidate.skills.java) - candidate.load\"",
        "sticky"
      })
  void memberOrderDoesNotChangeTheDecision(String strategy) {
    CompiledPolicy policy =
        policy(
            "- { name: r, assign: { team: core, requireSkills: [payments], strategy: "
                + strategy
                + " } }");
    RosterSnapshot listed = roster().with(people()).team("core", withZed(MEMBERS)).build();
    Decision expected = decide(policy, listed);

    Random random = new Random(42);
    for (int run = 0; run < 25; run++) {
      assertThat(decide(policy, shuffled(random))).isEqualTo(expected);
    }
    assertThat(decide(policy, listed)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"least-loaded", "round-robin"})
  void theSameInputGivesAnEqualDecision(String strategy) {
    CompiledPolicy policy =
        policy("- { name: r, assign: { team: core, strategy: " + strategy + " } }");
    RosterSnapshot roster = shuffled(new Random(7));

    assertThat(decide(policy, roster)).isEqualTo(decide(policy, roster));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void roundRobinFollowsMemberOrderByDesign(int seed) {
    CompiledPolicy policy = policy("- { name: r, assign: { team: core, strategy: round-robin } }");
    RosterSnapshot roster = shuffled(new Random(seed));
    List<String> order = java.util.Objects.requireNonNull(roster.teams().get("core")).members();

    Decision decision = decide(policy, roster);

    String firstActive = order.stream().filter(id -> !id.equals("zed")).findFirst().orElseThrow();
    assertThat(decision.owner()).isEqualTo("person:" + firstActive);
  }

  private static String[] withZed(List<String> members) {
    List<String> all = new ArrayList<>(members);
    all.add("zed");
    return all.toArray(String[]::new);
  }

  private static Decision decide(CompiledPolicy policy, RosterSnapshot roster) {
    return Fixtures.ENGINE.decide(new RoutingInput(ITEM, policy, 3, roster, MONDAY_NOON, Set.of()));
  }
}
