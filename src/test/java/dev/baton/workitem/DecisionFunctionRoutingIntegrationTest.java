package dev.baton.workitem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.FakeDecisionFunction;
import dev.baton.testsupport.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rule whose target is a decision function: Baton POSTs the declared fields, signed, to a fake
 * function on loopback and routes by its answer; every failure falls through to the next rule and
 * is recorded in the decision.
 */
class DecisionFunctionRoutingIntegrationTest extends IntegrationTest {

  static final String ROSTER =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: bob }
      spec: { displayName: Bob }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: backend }
      spec: { members: [alice, bob] }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: bugs }
      spec: { team: backend }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: triage }
      spec: { team: backend }
      """;

  static final String POLICY =
      """
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:
          - name: ask-triage
            when: item.type == "bug"
            assign: { function: triage }
          - name: bugs-queue
            when: item.type == "bug"
            assign: { queue: bugs }
        fallback: { queue: triage }
      """;

  static final String ITEM =
      """
      {"title": "Card declined", "type": "bug", "priority": "P2", "component": "checkout",
       "reporter": "someone@example.com", "customer": {"id": "c-1", "tier": "premium"},
       "attributes": {"account": "acc-1", "notes": "not for the function"}}
      """;

  private FakeDecisionFunction function;

  @BeforeEach
  void registerTheFunction() {
    function = new FakeDecisionFunction();
    assertThat(apply(ROSTER).status()).isEqualTo(200);
    Api.Response created =
        acme.post(
            "/api/v1/functions",
            """
            {"id": "triage", "url": "%s", "fields": ["priority", "customer.tier",
             "attributes.account"], "timeoutMs": 5000, "description": "billing triage"}
            """
                .formatted(function.url()));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    function.signedWith(created.json().get("secret").asString());
    Api.Response applied = apply(POLICY);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
  }

  @AfterEach
  void stopTheFunction() {
    function.close();
  }

  private Api.Response apply(String yaml) {
    return acme.withHeader("Content-Type", "application/yaml")
        .send("POST", "/api/v1/config/apply", yaml);
  }

  private JsonNode create() {
    Api.Response created = acme.post("/api/v1/work-items", ITEM);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json();
  }

  private JsonNode decisionOf(JsonNode item) {
    return acme.get("/api/v1/work-items/" + item.get("id").asString() + "/decision").json();
  }

  @Test
  void theAnsweredPersonGetsTheItemAndTheWhyQuotesTheFunctionsReason() {
    function.answers(
        "{\"target\": {\"person\": \"alice\"}, \"reason\": \"alice owns account acc-1\"}");

    JsonNode item = create();

    assertThat(item.get("assignment").get("state").asString()).isEqualTo("OFFERED");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("person:alice");
    JsonNode decision = decisionOf(item);
    assertThat(decision.get("rule").asString()).isEqualTo("ask-triage");
    assertThat(decision.get("why").asString())
        .contains("Routed to alice by rule ask-triage")
        .contains("alice owns account acc-1");
    JsonNode answer = decision.get("record").get("functionAnswers").get(0);
    assertThat(answer.get("function").asString()).isEqualTo("triage");
    assertThat(answer.get("owner").asString()).isEqualTo("person:alice");
    assertThat(answer.get("reason").asString()).isEqualTo("alice owns account acc-1");
  }

  @Test
  void theFunctionGetsOnlyItsDeclaredFieldsSignedPerStandardWebhooks() {
    function.answers("{\"target\": {\"queue\": \"triage\"}, \"reason\": \"unsure\"}");

    JsonNode item = create();

    assertThat(function.received()).hasSize(1);
    FakeDecisionFunction.Received call = function.received().get(0);
    assertThat(call.signatureVerified()).isTrue();
    assertThat(call.headers()).containsKeys("webhook-id", "webhook-timestamp", "webhook-signature");
    JsonMapper json = JsonMapper.builder().build();
    assertThat(call.body())
        .isEqualTo(
            json.readTree(
                """
                {"function": "triage",
                 "workItem": {"priority": "P2", "customer": {"tier": "premium"},
                              "attributes": {"account": "acc-1"}},
                 "policy": {"name": "engineering", "version": 1},
                 "rule": "ask-triage"}
                """));
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("queue:triage");
  }

  @Test
  void theSignatureDoesNotVerifyWithAnotherSecret() {
    function.answers("{\"target\": {\"queue\": \"triage\"}, \"reason\": \"unsure\"}");
    function.signedWith("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));

    create();

    assertThat(function.received())
        .extracting(FakeDecisionFunction.Received::signatureVerified)
        .containsExactly(false);
  }

  @Test
  void aTimeoutFallsThroughToTheNextRuleAndIsRecorded() {
    Api.Response shorter =
        acme.put(
            "/api/v1/functions/triage",
            """
            {"url": "%s", "fields": ["priority"], "timeoutMs": 100}
            """
                .formatted(function.url()));
    assertThat(shorter.status()).as("%s", shorter).isEqualTo(200);
    function.hang();

    JsonNode item = create();

    assertFailedAndFellThrough(item, "function triage timed out after 100 ms");
  }

  @Test
  void aServerErrorFallsThroughAndIsRecorded() {
    function.answers(500, "{\"error\": \"boom\"}");

    assertFailedAndFellThrough(create(), "function triage answered HTTP 500");
  }

  @Test
  void aRedirectIsNotFollowed() {
    function.answers(302, "", Map.of("Location", "https://elsewhere.example.com/"));

    assertFailedAndFellThrough(create(), "function triage answered HTTP 302");
  }

  @Test
  void aMalformedAnswerFallsThroughAndIsRecorded() {
    function.answers("{\"owner\": \"alice\"}");

    assertFailedAndFellThrough(
        create(),
        "function triage gave a bad answer: unknown member 'owner' (only target and reason)");
  }

  @Test
  void anOversizedAnswerIsNotReadToTheEnd() {
    function.answers(
        "{\"target\": {\"person\": \"alice\"}, \"reason\": \"" + "x".repeat(70_000) + "\"}");

    assertFailedAndFellThrough(
        create(), "function triage gave a bad answer: the answer is larger than 65536 bytes");
  }

  @Test
  void anUnknownPersonFallsThroughAndIsRecorded() {
    function.answers("{\"target\": {\"person\": \"zed\"}, \"reason\": \"zed knows\"}");

    JsonNode answer = assertFellThrough(create(), "function triage answered an unknown person zed");

    // the function did answer; the roster refused what it answered
    assertThat(answer.get("owner").asString()).isEqualTo("person:zed");
    assertThat(answer.get("error").isNull()).isTrue();
  }

  @Test
  void simulationAsksTheFunctionToo() {
    function.answers("{\"target\": {\"person\": \"alice\"}, \"reason\": \"first\"}");
    String id = create().get("id").asString();
    function.answers("{\"target\": {\"person\": \"bob\"}, \"reason\": \"now bob\"}");

    Api.Response simulated =
        acme.post("/api/v1/policies/engineering/simulate", "{\"items\": [\"" + id + "\"]}");

    assertThat(simulated.status()).as("%s", simulated).isEqualTo(200);
    JsonNode row = simulated.json().get("decisions").get(0);
    assertThat(row.get("decision").get("owner").asString()).isEqualTo("person:bob");
    assertThat(row.get("decision").get("functionAnswers").get(0).get("reason").asString())
        .isEqualTo("now bob");
    assertThat(row.get("differs").asBoolean()).isTrue();
    assertThat(function.received()).hasSize(2);
  }

  /** The item went to the next rule's queue; returns the recorded answer. */
  private JsonNode assertFellThrough(JsonNode item, String error) {
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("QUEUED");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("queue:bugs");
    JsonNode decision = decisionOf(item);
    assertThat(decision.get("rule").asString()).isEqualTo("bugs-queue");
    JsonNode failed = decision.get("record").get("path").get(0);
    assertThat(failed.get("rule").asString()).isEqualTo("ask-triage");
    assertThat(failed.get("matched").asBoolean()).isFalse();
    assertThat(failed.get("error").asString()).isEqualTo(error);
    assertThat(failed.get("result").asString()).isEqualTo("function failed");
    return decision.get("record").get("functionAnswers").get(0);
  }

  /** As {@link #assertFellThrough}, for a call that gave no answer: the error is the answer's. */
  private void assertFailedAndFellThrough(JsonNode item, String error) {
    JsonNode answer = assertFellThrough(item, error);
    assertThat("function triage " + answer.get("error").asString()).isEqualTo(error);
    assertThat(answer.get("owner").isNull()).isTrue();
  }
}
