package dev.baton.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The prefilter only ever answers what CEL would, and is used only where it is sure. */
class CelPrefilterTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "item.a == \"x\" && item.b == \"y\";2",
        "(item.a == \"x\" || item.b == \"y\");1",
        "item.a == \"x\" || item.b == \"y\";0",
        "item.a in [\"x\", \"y\"] && has(item.c) && item.c.d == \"q\";3",
        "item.a == \"a&&b\" && item.b == \"y\";2",
        "item.a == \"x\" ? true : false;0",
        "item.a == 'x' && item.b == \"y\";0"
      })
  void splitsOnlyPlainTopLevelConjunctions(String expression, int parts) {
    assertThat(CelPrefilter.conjuncts(expression)).hasSize(parts);
  }

  private static final List<String> EXPRESSIONS =
      List.of(
          "item.priority == \"P1\" && item.type == \"incident\"",
          "item.type in [\"bug\", \"task\"] && item.priority != \"P5\"",
          "item.customer.tier == \"premium\" && item.type == \"bug\"",
          "item.component in [\"payments\", \"checkout\"] && \"urgent\" in item.labels",
          "item.type == \"bug\" || item.priority == \"P1\"",
          "item.attributes.impact >= 6 && item.type == \"incident\"",
          "item.priority == 1 && item.type == \"bug\"");

  @Test
  void prefilteredAnswersEqualCelsOnManyItems() {
    Random random = new Random(42);
    String[] types = {"bug", "task", "incident", "question"};
    String[] priorities = {"P1", "P2", "P3", "P5"};
    String[] tiers = {"premium", "basic"};
    for (String expression : EXPRESSIONS) {
      CelCondition condition =
          java.util.Objects.requireNonNull(
              PolicyParser.compile(
                      """
                      apiVersion: baton.dev/v1
                      kind: RoutingPolicy
                      metadata: { name: p }
                      spec:
                        rules:
                          - name: r
                            when: '%s'
                            assign: { queue: q }
                      """
                          .formatted(expression))
                  .rules()
                  .get(0)
                  .when());
      for (int i = 0; i < 300; i++) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (random.nextInt(10) > 0) {
          item.put("type", types[random.nextInt(types.length)]);
        }
        item.put(
            "priority",
            random.nextInt(10) == 0 ? (Object) 1L : priorities[random.nextInt(priorities.length)]);
        if (random.nextBoolean()) {
          item.put("customer", Map.of("tier", tiers[random.nextInt(tiers.length)]));
        }
        item.put("component", random.nextBoolean() ? "payments" : "web");
        List<String> labels = new ArrayList<>();
        if (random.nextBoolean()) {
          labels.add("urgent");
        }
        item.put("labels", labels);
        if (random.nextBoolean()) {
          item.put("attributes", Map.of("impact", (long) random.nextInt(10)));
        }
        ItemFacts facts = ItemFacts.of(item);
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        assertThat(condition.evaluate(facts, now))
            .as("%s on %s", expression, item)
            .isEqualTo(condition.evaluateWithCel(facts, now));
      }
    }
  }
}
