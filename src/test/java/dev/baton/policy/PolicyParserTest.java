package dev.baton.policy;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.baton.platform.BatonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing and validating routing policies: the DESIGN.md example, schema errors, limits. */
class PolicyParserTest {

  static String example() {
    try (var in = PolicyParserTest.class.getResourceAsStream("/policies/engineering.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void designExampleParsesAsWritten() {
    PolicyDocument doc = PolicyParser.parse(example());

    assertThat(doc.metadata().name()).isEqualTo("engineering");
    assertThat(doc.spec().rules())
        .extracting(PolicyDocument.Rule::name)
        .containsExactly("p1-incidents-to-oncall", "premium-bugs");
    PolicyDocument.Rule first = doc.spec().rules().get(0);
    assertThat(requireNonNull(first.assign()).schedule()).isEqualTo("platform-oncall");
    assertThat(first.escalation()).isEqualTo("sre-default");
    assertThat(first.notifyTargets()).isEqualTo(Map.of("slack", Map.of("channel", "#incidents")));
    PolicyDocument.Assign second = requireNonNull(doc.spec().rules().get(1).assign());
    assertThat(second.team()).isEqualTo("backend");
    assertThat(second.strategy()).isEqualTo(Strategy.LEAST_LOADED);
    assertThat(second.requireSkills()).containsExactly("payments");
    assertThat(requireNonNull(doc.spec().fallback()).queue()).isEqualTo("triage");
    assertThat(doc.spec().tieBreaker())
        .containsExactly(TieBreaker.LOAD, TieBreaker.LAST_ASSIGNED_AT, TieBreaker.ID);
    assertThat(doc.spec().effectiveMode()).isEqualTo(RolloutMode.ON);
  }

  static Stream<Arguments> invalidDocuments() {
    return Stream.of(
        arguments(
            "unknown strategy",
            swap("strategy: least-loaded", "strategy: fastest"),
            "/spec/rules/1/assign/strategy",
            "enumeration"),
        arguments(
            "unknown property",
            swap("escalation: sre-default", "escalation: sre-default\n      colour: red"),
            "/spec/rules/0/colour",
            "not defined in the schema"),
        arguments(
            "missing rule name",
            swap("  fallback:", "    - { when: 'true', assign: { queue: triage } }\n  fallback:"),
            "/spec/rules/2/name",
            "required property 'name'"),
        arguments(
            "rule name not a slug",
            swap("name: premium-bugs", "name: Premium Bugs"),
            "/spec/rules/1/name",
            "pattern"),
        arguments("wrong kind", swap("kind: RoutingPolicy", "kind: Team"), "/kind", "constant"),
        arguments(
            "random tie-breaker",
            swap("[load, lastAssignedAt, id]", "[load, random]"),
            "/spec/tieBreaker/1",
            "enumeration"),
        arguments(
            "bad mode",
            swap("  fallback:", "  mode: maybe\n  fallback:"),
            "/spec/mode",
            "enumeration"),
        arguments(
            "duplicate rule name",
            swap("name: premium-bugs", "name: p1-incidents-to-oncall"),
            "/spec/rules/1/name",
            "already used by /spec/rules/0"),
        arguments(
            "two targets",
            swap("{ schedule: platform-oncall }", "{ schedule: platform-oncall, queue: triage }"),
            "/spec/rules/0/assign",
            "exactly one of person, queue, team, schedule, fromItem or function"),
        arguments(
            "strategy on a queue",
            swap("{ schedule: platform-oncall }", "{ queue: triage, strategy: round-robin }"),
            "/spec/rules/0/assign",
            "apply only to team, fromItem or function"),
        arguments(
            "score strategy without expression",
            swap("strategy: least-loaded", "strategy: score"),
            "/spec/rules/1/assign/score",
            "needs a score expression"),
        arguments(
            "rule without assign or notify",
            swap("  fallback:", "    - { name: empty, when: 'true' }\n  fallback:"),
            "/spec/rules/2",
            "needs assign or notify"),
        arguments(
            "condition does not compile",
            swap("item.customer.tier == \"premium\" &&", "item.customer.tier == &&"),
            "/spec/rules/1/when",
            "rule 'premium-bugs': at 1:"),
        arguments(
            "condition is not a bool",
            swap(
                "when: item.customer.tier == \"premium\" && item.type == \"bug\"", "when: '1 + 2'"),
            "/spec/rules/1/when",
            "rule 'premium-bugs'"),
        arguments(
            "undeclared variable",
            swap("item.type == \"bug\"", "ticket.type == \"bug\""),
            "/spec/rules/1/when",
            "undeclared reference to 'ticket'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDocuments")
  void invalidDocumentsNameTheField(String caseName, String yaml, String field, String message) {
    BatonException.InvalidInput e =
        catchThrowableOfType(BatonException.InvalidInput.class, () -> PolicyParser.parse(yaml));

    assertThat(e).as(caseName).isNotNull();
    assertThat(e.errors())
        .anySatisfy(
            p -> {
              assertThat(p.field()).isEqualTo(field);
              assertThat(p.message()).contains(message);
            });
  }

  @Test
  void moreThanTwoHundredRulesAreRefused() {
    String rules =
        IntStream.range(0, PolicyLimits.MAX_RULES + 1)
            .mapToObj(i -> "    - { name: r" + i + ", assign: { queue: q } }\n")
            .collect(Collectors.joining());
    String yaml = header() + "  rules:\n" + rules;

    assertThat(problems(yaml))
        .containsExactly(
            new BatonException.FieldProblem(
                "/spec/rules", "must have at most 200 items but found 201"));
  }

  @Test
  void twoHundredRulesAreAccepted() {
    String rules =
        IntStream.range(0, PolicyLimits.MAX_RULES)
            .mapToObj(
                i ->
                    "    - { name: r"
                        + i
                        + ", when: 'item.n == "
                        + i
                        + "', assign: { queue: q } }\n")
            .collect(Collectors.joining());

    assertThat(PolicyParser.compile(header() + "  rules:\n" + rules).rules()).hasSize(200);
  }

  @Test
  void expressionsLongerThanTheLimitAreRefused() {
    String longWhen = "item.title == '" + "x".repeat(PolicyLimits.MAX_EXPRESSION_LENGTH) + "'";
    String yaml =
        header()
            + "  rules:\n    - { name: long, when: \""
            + longWhen
            + "\", assign: { queue: q } }\n";

    assertThat(problems(yaml))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("/spec/rules/0/when");
              assertThat(p.message()).contains("2000");
            });
  }

  @Test
  void deeplyNestedExpressionsAreRefusedWithTheRuleName() {
    int depth = PolicyLimits.MAX_EXPRESSION_NESTING + 5;
    String nested = "(".repeat(depth) + "true" + ")".repeat(depth);
    String yaml =
        header() + "  rules:\n    - { name: deep, when: '" + nested + "', assign: { queue: q } }\n";

    assertThat(problems(yaml))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("/spec/rules/0/when");
              assertThat(p.message()).startsWith("rule 'deep': ").contains("recursion limit");
            });
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml =
        swap("name: premium-bugs", "name: p1-incidents-to-oncall")
            .replace("{ schedule: platform-oncall }", "{ schedule: platform-oncall, queue: x }");

    assertThat(problems(yaml))
        .extracting(BatonException.FieldProblem::field)
        .containsExactlyInAnyOrder("/spec/rules/1/name", "/spec/rules/0/assign");
  }

  @Test
  void notYamlIsInvalidInputAtTheRoot() {
    assertThat(problems("spec: [unclosed"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("/");
              assertThat(p.message()).startsWith("is not valid YAML");
            });
    assertThat(problems(""))
        .extracting(BatonException.FieldProblem::message)
        .containsExactly("the document is empty");
  }

  @Test
  void everyFieldOfTheReferenceParses() {
    String yaml =
        header()
            + """
              mode: shadow
              capacityWeights: { P1: 8, P4: 0.5 }
              rules:
                - name: notify-security
                  description: security labels page the security channel
                  when: "'security' in item.labels"
                  continue: true
                  notify: { slack: { channel: "#security" } }
                - name: by-component
                  when: has(item.component)
                  assign:
                    fromItem:
                      field: component
                      map: { payments: "team:backend", web: "person:alice", docs: "queue:docs" }
                      default: queue:triage
                    strategy: round-robin
                - name: related
                  assign: { team: backend, strategy: sticky, relatedItem: attributes.parent, otherwise: skills-match }
                - name: scored
                  assign: { team: backend, score: "double(candidate.skills.payments) - candidate.load" }
                - name: alice
                  assign: { person: alice }
            """;

    CompiledPolicy policy = PolicyParser.compile(yaml);
    PolicyDocument.Spec spec = policy.document().spec();

    assertThat(spec.effectiveMode()).isEqualTo(RolloutMode.SHADOW);
    assertThat(spec.capacityWeights()).containsEntry("P1", 8.0).containsEntry("P4", 0.5);
    assertThat(spec.rules().get(0).continueMatching()).isTrue();
    assertThat(spec.effectiveTieBreaker()).isEqualTo(PolicyDocument.Spec.DEFAULT_TIE_BREAKER);
    PolicyDocument.FromItem from =
        requireNonNull(requireNonNull(spec.rules().get(1).assign()).fromItem());
    assertThat(from.map()).containsEntry("payments", "team:backend");
    assertThat(from.fallbackOwner()).isEqualTo("queue:triage");
    PolicyDocument.Assign related = requireNonNull(spec.rules().get(2).assign());
    assertThat(related.effectiveStrategy()).isEqualTo(Strategy.STICKY);
    assertThat(related.otherwise()).isEqualTo(Strategy.SKILLS_MATCH);
    assertThat(requireNonNull(spec.rules().get(3).assign()).effectiveStrategy())
        .isEqualTo(Strategy.SCORE);
    assertThat(policy.rules().get(3).score()).isNotNull();
    assertThat(policy.rules().get(2).when()).isNull();
  }

  @Test
  void onAndOffAreModesNotBooleans() {
    for (String mode : List.of("on", "off")) {
      PolicyDocument doc =
          PolicyParser.parse(swap("  fallback:", "  mode: " + mode + "\n  fallback:"));
      assertThat(doc.spec().effectiveMode().name()).isEqualToIgnoringCase(mode);
    }
  }

  @Test
  void tieBreakerAlwaysEndsWithId() {
    PolicyDocument doc = PolicyParser.parse(swap("[load, lastAssignedAt, id]", "[lastAssignedAt]"));

    assertThat(doc.spec().effectiveTieBreaker())
        .containsExactly(TieBreaker.LAST_ASSIGNED_AT, TieBreaker.ID);
  }

  private static String header() {
    return """
        apiVersion: baton.dev/v1
        kind: RoutingPolicy
        metadata: { name: test }
        spec:
        """;
  }

  private static String swap(String from, String to) {
    String example = example();
    assertThat(example).contains(from);
    return example.replace(from, to);
  }

  private static List<BatonException.FieldProblem> problems(String yaml) {
    BatonException.InvalidInput e =
        catchThrowableOfType(BatonException.InvalidInput.class, () -> PolicyParser.parse(yaml));
    assertThat(e).isNotNull();
    return e.errors();
  }
}
