package dev.baton.routing;

import static dev.baton.routing.Fixtures.ENGINE;
import static dev.baton.routing.Fixtures.MONDAY_NOON;
import static dev.baton.routing.Fixtures.item;
import static dev.baton.routing.Fixtures.policy;
import static dev.baton.testsupport.Rosters.person;
import static dev.baton.testsupport.Rosters.roster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.policy.CompiledPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine asks for decision function answers instead of calling anything, takes them as input,
 * and decides the same way again from the same answers.
 */
class DecisionFunctionRoundsTest {

  private static final RosterSnapshot ROSTER =
      roster()
          .with(
              person("alice"),
              person("bob").inactive(),
              person("carol").open("P2", 3),
              person("dan"))
          .team("core", "carol", "dan")
          .queue("triage", "core")
          .queue("billing", "core")
          .build();

  private static final CompiledPolicy TWO_FUNCTIONS =
      policy(
          """
          - name: ask-triage
            when: item.type == 'bug'
            assign: { function: triage }
          - name: ask-backup
            assign: { function: backup }
          - name: to-billing
            assign: { queue: billing }
          """,
          "fallback: { queue: triage }");

  private static final Map<String, Object> BUG = item("type", "bug", "priority", "P2");

  /** The caller's part: answer what the engine asks, counting passes. */
  private record Rounds(Decision decision, List<FunctionCall> asked, int passes) {}

  private static Rounds run(
      CompiledPolicy policy, Map<String, Object> item, Function<FunctionCall, FunctionAnswer> fn) {
    RoutingInput input = new RoutingInput(item, policy, 1, ROSTER, MONDAY_NOON, Set.of());
    List<FunctionCall> asked = new ArrayList<>();
    for (int pass = 1; pass <= 10; pass++) {
      switch (ENGINE.evaluate(input)) {
        case Evaluation.Decided decided -> {
          return new Rounds(decided.decision(), asked, pass);
        }
        case Evaluation.NeedsAnswer needs -> {
          asked.add(needs.call());
          input = input.withAnswer(fn.apply(needs.call()));
        }
      }
    }
    throw new AssertionError("the engine kept asking: " + asked);
  }

  private static FunctionAnswer answerPerson(FunctionCall call, String id) {
    return FunctionAnswer.answered(call.rule(), call.function(), "person:" + id, "owns billing");
  }

  @Test
  void aMatchingFunctionRuleAsksForItsAnswerFirst() {
    Evaluation first =
        ENGINE.evaluate(new RoutingInput(BUG, TWO_FUNCTIONS, 1, ROSTER, MONDAY_NOON, Set.of()));

    assertThat(first)
        .isEqualTo(new Evaluation.NeedsAnswer(new FunctionCall("ask-triage", "triage")));
  }

  @Test
  void aFunctionRuleThatDoesNotMatchIsNotAsked() {
    Rounds rounds = run(TWO_FUNCTIONS, item("type", "task"), call -> answerPerson(call, "alice"));

    assertThat(rounds.asked()).containsExactly(new FunctionCall("ask-backup", "backup"));
    assertThat(rounds.decision().rule()).isEqualTo("ask-backup");
  }

  @Test
  void anAnsweredPersonGetsTheItemWithTheFunctionsReasonInTheWhy() {
    Rounds rounds = run(TWO_FUNCTIONS, BUG, call -> answerPerson(call, "alice"));

    Decision decision = rounds.decision();
    assertThat(rounds.passes()).isEqualTo(2);
    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.ASSIGNED);
    assertThat(decision.owner()).isEqualTo("person:alice");
    assertThat(decision.rule()).isEqualTo("ask-triage");
    assertThat(decision.strategy()).isEqualTo("direct");
    assertThat(decision.why())
        .startsWith("Routed to alice by rule ask-triage (policy test v1): ")
        .contains("function triage answered person:alice (owns billing)");
    assertThat(decision.functionAnswers())
        .containsExactly(
            FunctionAnswer.answered("ask-triage", "triage", "person:alice", "owns billing"));
  }

  @Test
  void aFailedAnswerIsANonMatchRecordedWithItsErrorAndTheNextRuleIsTried() {
    Rounds rounds =
        run(
            TWO_FUNCTIONS,
            BUG,
            call ->
                call.function().equals("triage")
                    ? FunctionAnswer.failed(call.rule(), call.function(), "timed out after 100 ms")
                    : FunctionAnswer.answered(call.rule(), call.function(), "queue:triage", "ok"));

    Decision decision = rounds.decision();
    assertThat(rounds.passes()).isEqualTo(3);
    assertThat(decision.owner()).isEqualTo("queue:triage");
    assertThat(decision.rule()).isEqualTo("ask-backup");
    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.QUEUED);
    Decision.RuleStep failed = decision.path().get(0);
    assertThat(failed.rule()).isEqualTo("ask-triage");
    assertThat(failed.matched()).isFalse();
    assertThat(failed.error()).isEqualTo("function triage timed out after 100 ms");
    assertThat(failed.result()).isEqualTo("function failed");
    assertThat(decision.functionAnswers())
        .extracting(FunctionAnswer::rule)
        .containsExactly("ask-triage", "ask-backup");
  }

  @Test
  void anAnswerNamingSomeoneTheRosterDoesNotKnowIsAFailure() {
    Rounds rounds =
        run(
            TWO_FUNCTIONS,
            BUG,
            call ->
                call.function().equals("triage")
                    ? answerPerson(call, "zed")
                    : FunctionAnswer.answered(call.rule(), call.function(), "team:nowhere", "x"));

    Decision decision = rounds.decision();
    assertThat(decision.owner()).isEqualTo("queue:billing");
    assertThat(decision.path())
        .extracting(Decision.RuleStep::error)
        .containsExactly(
            "function triage answered an unknown person zed",
            "function backup answered an unknown team nowhere",
            null);
  }

  @Test
  void anAnsweredPersonWhoIsNotEligibleFallsThroughWithTheReason() {
    Rounds rounds = run(TWO_FUNCTIONS, BUG, call -> answerPerson(call, "bob"));

    Decision decision = rounds.decision();
    assertThat(decision.owner()).isEqualTo("queue:billing");
    assertThat(decision.path().get(0).result()).isEqualTo("person bob is not eligible");
    assertThat(decision.rejected())
        .containsExactly(
            new Decision.Rejection("ask-triage", "bob", List.of("not active")),
            new Decision.Rejection("ask-backup", "bob", List.of("not active")));
  }

  @Test
  void anAnsweredTeamIsPickedFromByTheRulesStrategy() {
    CompiledPolicy team =
        policy(
            """
            - name: ask
              assign: { function: triage, strategy: least-loaded }
            """);

    Rounds rounds =
        run(
            team,
            BUG,
            call -> FunctionAnswer.answered(call.rule(), call.function(), "team:core", "core"));

    assertThat(rounds.decision().owner()).isEqualTo("person:dan");
    assertThat(rounds.decision().strategy()).isEqualTo("least-loaded");
    assertThat(rounds.decision().why()).contains("function triage answered team:core (core)");
  }

  @Test
  void aFunctionRuleAfterTheDecisionIsNotAsked() {
    CompiledPolicy decidedFirst =
        policy(
            """
            - { name: direct, continue: true, assign: { person: alice } }
            - { name: ask, assign: { function: triage } }
            """);

    Rounds rounds = run(decidedFirst, BUG, call -> answerPerson(call, "dan"));

    assertThat(rounds.asked()).isEmpty();
    assertThat(rounds.decision().owner()).isEqualTo("person:alice");
    assertThat(rounds.decision().functionAnswers()).isEmpty();
  }

  @Test
  void theStoredAnswersReproduceTheDecisionWithoutAskingAgain() {
    JsonMapper json = JsonMapper.builder().build();
    Decision original =
        run(
                TWO_FUNCTIONS,
                BUG,
                call ->
                    call.function().equals("triage")
                        ? FunctionAnswer.failed(call.rule(), call.function(), "answered HTTP 500")
                        : answerPerson(call, "alice"))
            .decision();
    JsonNode stored = json.readTree(json.writeValueAsString(original));

    List<FunctionAnswer> answers =
        json.readValue(
            stored.get("functionAnswers").toString(), new TypeReference<List<FunctionAnswer>>() {});
    RoutingInput replay = new RoutingInput(BUG, TWO_FUNCTIONS, 1, ROSTER, MONDAY_NOON, Set.of());
    for (FunctionAnswer answer : answers) {
      replay = replay.withAnswer(answer);
    }

    Evaluation again = ENGINE.evaluate(replay);
    assertThat(again).isEqualTo(new Evaluation.Decided(original));
    assertThat(json.writeValueAsString(((Evaluation.Decided) again).decision()))
        .isEqualTo(json.writeValueAsString(original));
  }

  @Test
  void decideRefusesWhenAnAnswerIsMissing() {
    RoutingInput input = new RoutingInput(BUG, TWO_FUNCTIONS, 1, ROSTER, MONDAY_NOON, Set.of());

    assertThatThrownBy(() -> ENGINE.decide(input))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ask-triage")
        .hasMessageContaining("triage");
  }
}
