package dev.baton.routing;

import static dev.baton.routing.Fixtures.MONDAY_NOON;
import static dev.baton.testsupport.Rosters.person;
import static dev.baton.testsupport.Rosters.roster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.policy.CompiledPolicy;
import dev.baton.policy.PolicyParser;
import dev.baton.policy.RolloutMode;
import dev.baton.testsupport.Rosters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The DESIGN.md policy, as written, routes P1 incidents and premium bugs as it says. */
class DesignExampleRoutingTest {

  private static final CompiledPolicy POLICY = PolicyParser.compile(example());

  private static Rosters backend() {
    return roster()
        .with(
            person("alice")
                .zone("Europe/Berlin")
                .weekdays("09:00", "17:00")
                .skill("payments", 2)
                .open("P4", 1),
            person("bob").zone("Europe/Berlin").skill("payments", 1).open("P3", 1),
            person("carol").skill("payments", 3).open("P2", 1).open("P5", 1),
            person("dave").skill("backend", 5),
            person("erin").skill("payments", 4).off("2026-01-01T00:00:00Z", "2026-01-09T00:00:00Z"),
            person("frank").zone("America/New_York").weekdays("09:00", "17:00"))
        .team("backend", "carol", "alice", "bob", "dave", "erin")
        .queue("triage", "backend")
        .onCall("platform-oncall", "frank");
  }

  @Test
  void p1IncidentsGoToTheOnCallEvenOutsideTheirHours() {
    Decision decision = decide(Map.of("priority", "P1", "type", "incident"), backend());

    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.ASSIGNED);
    assertThat(decision.owner()).isEqualTo("person:frank");
    assertThat(decision.rule()).isEqualTo("p1-incidents-to-oncall");
    assertThat(decision.strategy()).isEqualTo("on-call");
    assertThat(decision.escalation()).isEqualTo("sre-default");
    assertThat(decision.notifications())
        .containsExactly(
            new Decision.NotifyTarget(
                "p1-incidents-to-oncall", Map.of("slack", Map.of("channel", "#incidents"))));
    assertThat(decision.path())
        .containsExactly(
            new Decision.RuleStep("p1-incidents-to-oncall", true, null, "assigned person:frank"));
    assertThat(decision.why())
        .isEqualTo(
            "Routed to frank by rule p1-incidents-to-oncall (policy engineering v7): frank is on"
                + " call for platform-oncall.");
  }

  @Test
  void premiumBugsGoToTheLeastLoadedBackendMemberWithPayments() {
    Decision decision =
        decide(
            Map.of("type", "bug", "priority", "P3", "customer", Map.of("tier", "premium")),
            backend());

    assertThat(decision.owner()).isEqualTo("person:alice");
    assertThat(decision.rule()).isEqualTo("premium-bugs");
    assertThat(decision.strategy()).isEqualTo("least-loaded");
    assertThat(decision.candidates())
        .containsExactly(
            new Decision.Candidate("alice", 1.0, true),
            new Decision.Candidate("bob", 2.0, false),
            new Decision.Candidate("carol", 4.0, false));
    assertThat(decision.rejected())
        .containsExactly(
            new Decision.Rejection("premium-bugs", "dave", List.of("lacks skill payments")),
            new Decision.Rejection(
                "premium-bugs", "erin", List.of("on time off until 2026-01-09T00:00:00Z")));
    assertThat(decision.path())
        .containsExactly(
            new Decision.RuleStep("p1-incidents-to-oncall", false, null, "did not match"),
            new Decision.RuleStep("premium-bugs", true, null, "assigned person:alice"));
    assertThat(decision.why())
        .isEqualTo(
            "Routed to alice by rule premium-bugs (policy engineering v7): alice was least loaded"
                + " of 3 eligible backend members (load 1.0 vs 2.0, 4.0); skipped: dave (lacks"
                + " skill payments), erin (on time off until 2026-01-09T00:00:00Z).");
    assertThat(decision.policy()).isEqualTo("engineering");
    assertThat(decision.policyVersion()).isEqualTo(7);
    assertThat(decision.mode()).isEqualTo(RolloutMode.ON);
    assertThat(decision.notifications()).isEmpty();
    assertThat(decision.escalation()).isNull();
  }

  @Test
  void anUnavailableOnCallIsRejectedAndTheRuleFallsThrough() {
    Rosters roster =
        backend().with(person("frank").off("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z"));

    Decision decision = decide(Map.of("priority", "P1", "type", "incident"), roster);

    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.FALLBACK);
    assertThat(decision.owner()).isEqualTo("queue:triage");
    assertThat(decision.rejected())
        .containsExactly(
            new Decision.Rejection(
                "p1-incidents-to-oncall",
                "frank",
                List.of("on time off until 2026-01-06T00:00:00Z")));
    assertThat(decision.path().get(0).result())
        .isEqualTo("on-call frank for platform-oncall is not available");
    assertThat(decision.notifications()).isEmpty();
    assertThat(decision.why())
        .isEqualTo(
            "No rule chose an owner (1 of 2 rules did not match; p1-incidents-to-oncall: on-call"
                + " frank for platform-oncall is not available); queued to the fallback queue"
                + " triage.");
  }

  @Test
  void everythingElseGoesToTriage() {
    Decision decision = decide(Map.of("priority", "P3", "type", "task"), backend());

    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.FALLBACK);
    assertThat(decision.owner()).isEqualTo("queue:triage");
    assertThat(decision.rule()).isNull();
    assertThat(decision.path()).extracting(Decision.RuleStep::error).containsOnly((String) null);
  }

  @Test
  void aBugWithoutCustomerIsANonMatchWithTheErrorRecorded() {
    Decision decision = decide(Map.of("priority", "P3", "type", "bug"), backend());

    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.FALLBACK);
    Decision.RuleStep step = decision.path().get(1);
    assertThat(step.matched()).isFalse();
    assertThat(step.result()).isEqualTo("condition failed");
    assertThat(step.error()).contains("customer");
  }

  private static Decision decide(Map<String, Object> item, Rosters roster) {
    return Fixtures.ENGINE.decide(
        new RoutingInput(item, POLICY, 7, roster.build(), MONDAY_NOON, Set.of()));
  }

  private static String example() {
    try (InputStream in =
        DesignExampleRoutingTest.class.getResourceAsStream("/policies/engineering.yaml")) {
      return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
