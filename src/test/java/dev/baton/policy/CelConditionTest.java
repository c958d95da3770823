package dev.baton.policy;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CEL conditions and scores: evaluation never throws, failures are results with the error. */
class CelConditionTest {

  private static final Instant MONDAY_NOON = Instant.parse("2026-01-05T12:00:00Z");

  private static final ItemFacts ITEM = ItemFacts.of(item());

  private static Map<String, Object> item() {
    Map<String, Object> item = new HashMap<>();
    item.put("id", "wi-1");
    item.put("type", "bug");
    item.put("priority", "P2");
    item.put("severity", null);
    item.put("labels", List.of("backend", "security"));
    item.put("customer", Map.of("id", "c-9", "tier", "premium"));
    item.put("attributes", Map.of("estimate", 3, "ratio", 0.5f));
    return item;
  }

  static Stream<Arguments> conditions() {
    return Stream.of(
        arguments("item.type == 'bug'", true, null),
        arguments("item.customer.tier == 'premium' && item.type == 'bug'", true, null),
        arguments("'security' in item.labels", true, null),
        arguments("item.attributes.estimate > 2", true, null),
        arguments("item.attributes.ratio < 1.0", true, null),
        arguments("has(item.severity)", false, null),
        arguments("has(item.component) && item.component == 'x'", false, null),
        arguments("now < timestamp('2026-01-06T00:00:00Z')", true, null),
        arguments("now.getDayOfWeek() == 1", true, null),
        arguments("item.component == 'payments'", false, "key 'component' is not present in map"),
        arguments("item.severity == 'high'", false, "key 'severity' is not present in map"),
        arguments("item.priority > 3", false, "No matching overload"),
        arguments("item.customer.tier", false, "returned string, not a bool"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conditions")
  void conditionsEvaluateOrRecordTheirError(String expression, boolean matched, String error) {
    CelCondition.Result result = condition(expression).evaluate(ITEM, MONDAY_NOON);

    assertThat(result.matched()).isEqualTo(matched);
    if (error == null) {
      assertThat(result.error()).isNull();
    } else {
      assertThat(result.error()).contains(error);
    }
  }

  @Test
  void scoresAreNumbersOrErrors() {
    CelScore score = score("double(candidate.skills.payments) * 2.0 - candidate.load");
    Map<String, Object> alice = Map.of("id", "alice", "skills", Map.of("payments", 3), "load", 1.5);
    Map<String, Object> bob = Map.of("id", "bob", "skills", Map.of(), "load", 0.0);

    assertThat(score.evaluate(ITEM, alice)).isEqualTo(new CelScore.Result(4.5, null));
    assertThat(score.evaluate(ITEM, bob).failed()).isTrue();
    assertThat(score.evaluate(ITEM, bob).error()).contains("payments");
    assertThat(score("candidate.id").evaluate(ITEM, alice).error())
        .isEqualTo("returned string, not a finite number");
    assertThat(score("candidate.skills.size()").evaluate(ITEM, alice).score()).isEqualTo(1.0);
  }

  @Test
  void itemFactsLookUpDottedPaths() {
    assertThat(ITEM.text("customer.tier")).contains("premium");
    assertThat(ITEM.text("attributes.estimate")).contains("3");
    assertThat(ITEM.lookup("customer.missing")).isEmpty();
    assertThat(ITEM.lookup("type.deeper")).isEmpty();
    assertThat(ITEM.values()).doesNotContainKey("severity");
  }

  private static CelCondition condition(String expression) {
    return requireNonNull(
        compile("when: \"" + expression + "\"\n      assign: { queue: q }").when());
  }

  private static CelScore score(String expression) {
    return requireNonNull(compile("assign: { team: t, score: \"" + expression + "\" }").score());
  }

  private static CompiledRule compile(String ruleBody) {
    String yaml =
        """
        apiVersion: baton.dev/v1
        kind: RoutingPolicy
        metadata: { name: cel }
        spec:
          rules:
            - name: r
              %s
        """
            .formatted(ruleBody);
    return PolicyParser.compile(yaml).rules().get(0);
  }
}
