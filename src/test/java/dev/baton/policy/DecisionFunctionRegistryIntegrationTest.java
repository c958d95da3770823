package dev.baton.policy;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The decision function registry: {@code /api/v1/functions}, {@code kind: DecisionFunction}, the
 * write-once secret sealed at rest, and policies that name functions.
 */
class DecisionFunctionRegistryIntegrationTest extends IntegrationTest {

  static final String TRIAGE =
      """
      {"id": "triage", "url": "https://fn.example.com/triage", "fields": ["priority", "component"],
       "description": "billing triage"}
      """;

  static final String POLICY =
      """
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:
          - name: ask-triage
            assign: { function: triage }
      """;

  @Autowired DecisionFunctions functions;

  private Api.Response yaml(String path, String body) {
    return acme.withHeader("Content-Type", "application/yaml").send("POST", path, body);
  }

  private static String secretOf(int fill) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) fill);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  @Test
  void aFunctionIsCreatedWithItsSecretShownOnceAndSealedAtRest() {
    Api.Response created = acme.post("/api/v1/functions", TRIAGE);

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode body = created.json();
    String secret = body.get("secret").asString();
    assertThat(secret).startsWith("whsec_");
    assertThat(body.get("timeoutMs").asInt()).isEqualTo(2000);
    assertThat(body.get("fields").toString()).isEqualTo("[\"priority\",\"component\"]");
    JsonNode read = acme.get("/api/v1/functions/triage").json();
    assertThat(read.has("secret")).isFalse();
    assertThat(read.get("url").asString()).isEqualTo("https://fn.example.com/triage");
    JsonNode listed = acme.get("/api/v1/functions").json().get("items");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).has("secret")).isFalse();
    byte[] sealed =
        jdbc.sql("select secret_sealed from decision_functions where tenant_id = 'acme'")
            .query(byte[].class)
            .single();
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6));
    assertThat(functions.endpoint("acme", "triage").orElseThrow().secret()).isEqualTo(secret);
  }

  @Test
  void aGivenSecretIsKeptAndAReplacementWithoutOneKeepsIt() {
    String given = secretOf(7);
    Api.Response created =
        acme.post(
            "/api/v1/functions",
            TRIAGE.replace("\"description\"", "\"secret\": \"" + given + "\", \"description\""));
    assertThat(created.status()).as("%s", created).isEqualTo(201);

    Api.Response replaced =
        acme.put(
            "/api/v1/functions/triage",
            "{\"url\": \"https://fn.example.com/v2\", \"fields\": [\"priority\"], \"timeoutMs\": 500}");

    assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);
    assertThat(replaced.json().has("secret")).isFalse();
    assertThat(replaced.json().get("version").asInt()).isEqualTo(2);
    assertThat(replaced.json().get("timeoutMs").asInt()).isEqualTo(500);
    assertThat(replaced.json().get("secretUpdatedAt").asString())
        .isEqualTo(created.json().get("secretUpdatedAt").asString());
    assertThat(functions.endpoint("acme", "triage").orElseThrow().secret()).isEqualTo(given);
  }

  @Test
  void putCreatesWithASecretAndRotationAnswersTheNewOne() {
    Api.Response created =
        acme.put(
            "/api/v1/functions/triage",
            "{\"url\": \"https://fn.example.com/t\", \"fields\": [\"priority\"]}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String first = created.json().get("secret").asString();

    Api.Response drawn = acme.post("/api/v1/functions/triage/rotate-secret", null);
    Api.Response given =
        acme.post(
            "/api/v1/functions/triage/rotate-secret", "{\"secret\": \"" + secretOf(9) + "\"}");

    assertThat(drawn.status()).as("%s", drawn).isEqualTo(200);
    assertThat(drawn.json().get("secret").asString()).startsWith("whsec_").isNotEqualTo(first);
    assertThat(given.json().get("secret").asString()).isEqualTo(secretOf(9));
    assertThat(functions.endpoint("acme", "triage").orElseThrow().secret()).isEqualTo(secretOf(9));
    assertThat(given.json().get("version").asInt()).isEqualTo(3);
  }

  @Test
  void everyChangeIsAudited() {
    acme.post("/api/v1/functions", TRIAGE);
    acme.put("/api/v1/functions/triage", "{\"url\": \"https://fn.example.com/x\", \"fields\": []}");
    acme.post("/api/v1/functions/triage/rotate-secret", null);
    assertThat(acme.delete("/api/v1/functions/triage").status()).isEqualTo(204);

    List<String> actions = new ArrayList<>();
    acme.get("/api/v1/audit?limit=500")
        .json()
        .get("items")
        .forEach(
            e -> {
              if (e.get("subject").get("type").asString().equals("decision-function")) {
                actions.add(e.get("action").asString());
                assertThat(e.toString()).doesNotContain("whsec_");
              }
            });
    assertThat(actions)
        .containsExactly(
            "decision-function.created",
            "decision-function.updated",
            "decision-function.secret-rotated",
            "decision-function.deleted");
  }

  @Test
  void badInputIsRefusedWithEveryProblemAndWritesNothing() {
    Map<String, Long> before = RowCounts.of(jdbc);

    JsonNode problem =
        assertProblem(
            acme.post(
                "/api/v1/functions",
                """
                {"id": "Bad Id", "url": "http://fn.example.com/triage",
                 "fields": ["priority", "colour", "priority"], "timeoutMs": 50,
                 "secret": "not-a-secret"}
                """),
            422);

    assertThat(fields(problem))
        .containsExactlyInAnyOrder("id", "url", "fields[1]", "fields[2]", "timeoutMs", "secret");
    assertThat(problem.toString()).contains("must use https").contains("'colour'");
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    assertThat(RowCounts.of(jdbc, "decision_functions")).isZero();
  }

  @Test
  void timeoutsOutsideTheRangeAndMissingFieldsAreRefused() {
    assertThat(
            fields(
                assertProblem(
                    acme.post(
                        "/api/v1/functions",
                        "{\"id\": \"f\", \"url\": \"https://x.example.com\", \"fields\": [],"
                            + " \"timeoutMs\": 10001}"),
                    422)))
        .containsExactly("timeoutMs");
    assertThat(fields(assertProblem(acme.post("/api/v1/functions", "{\"id\": \"f\"}"), 422)))
        .containsExactlyInAnyOrder("url", "fields");
    assertProblem(
        acme.post(
            "/api/v1/functions",
            "{\"id\": \"f\", \"url\": \"https://x.example.com\", \"fields\": [], \"colour\": 1}"),
        400);
    assertThat(RowCounts.of(jdbc, "decision_functions")).isZero();
  }

  @Test
  void aDuplicateIdIsAConflict() {
    acme.post("/api/v1/functions", TRIAGE);

    assertProblem(acme.post("/api/v1/functions", TRIAGE), 409);
  }

  @Test
  void anotherTenantsFunctionDoesNotExistForThisOne() {
    acme.post("/api/v1/functions", TRIAGE);

    assertProblem(globex.get("/api/v1/functions/triage"), 404);
    assertProblem(globex.delete("/api/v1/functions/triage"), 404);
    assertProblem(globex.post("/api/v1/functions/triage/rotate-secret", null), 404);
    assertThat(globex.get("/api/v1/functions").json().get("items")).isEmpty();
    assertThat(acme.get("/api/v1/functions/triage").status()).isEqualTo(200);
  }

  @Test
  void readingNeedsPoliciesReadAndWritingPoliciesWrite() {
    acme.post("/api/v1/functions", TRIAGE);
    Api reader = acmeWith("policies:read");
    Api roster = acmeWith("roster:write");

    assertThat(reader.get("/api/v1/functions/triage").status()).isEqualTo(200);
    assertProblem(reader.post("/api/v1/functions", TRIAGE.replace("triage", "other")), 403);
    assertProblem(reader.delete("/api/v1/functions/triage"), 403);
    assertProblem(roster.get("/api/v1/functions"), 403);
  }

  @Test
  void aPolicyNamingAnUnknownFunctionIsNotActivated() {
    Api.Response version =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/policies/engineering/versions", POLICY);
    assertThat(version.status()).as("%s", version).isEqualTo(201);

    JsonNode problem =
        assertProblem(acme.post("/api/v1/policies/engineering/activate", "{\"version\": 1}"), 422);

    assertThat(fields(problem)).containsExactly("spec.rules[0].assign.function");
    assertThat(problem.toString()).contains("decision function 'triage' does not exist");
    assertThat(acme.get("/api/v1/policies/engineering").json().get("activeVersion").isNull())
        .isTrue();
    JsonNode applied = assertProblem(yaml("/api/v1/config/apply", POLICY), 422);
    assertThat(applied.toString()).contains("decision function 'triage' does not exist");
  }

  @Test
  void aFunctionTheActivePolicyNamesCannotBeDeleted() {
    acme.post("/api/v1/functions", TRIAGE);
    Api.Response applied = yaml("/api/v1/config/apply", POLICY);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);

    JsonNode problem = assertProblem(acme.delete("/api/v1/functions/triage"), 409);

    assertThat(problem.get("detail").asString()).contains("engineering");
    assertThat(acme.get("/api/v1/functions/triage").status()).isEqualTo(200);
    dev.baton.testsupport.Given.person(acme, "alice");
    Api.Response without =
        yaml("/api/v1/config/apply", POLICY.replace("{ function: triage }", "{ person: alice }"));
    assertThat(without.status()).as("%s", without).isEqualTo(200);

    assertThat(acme.delete("/api/v1/functions/triage").status()).isEqualTo(204);
  }

  @Test
  void configAsCodeAppliesAndExportsFunctionsWithoutTheirSecret() {
    String config =
        """
        apiVersion: baton.dev/v1
        kind: DecisionFunction
        metadata: { name: triage }
        spec:
          url: https://fn.example.com/triage
          fields: [priority, customer.tier]
          timeoutMs: 1500
          secret: %s
        ---
        %s
        """
            .formatted(secretOf(3), POLICY);

    JsonNode first = yaml("/api/v1/config/apply", config).json();
    JsonNode again = yaml("/api/v1/config/apply", config).json();

    assertThat(first.get("results").get(0).get("kind").asString()).isEqualTo("DecisionFunction");
    assertThat(first.get("results").get(0).get("outcome").asString()).isEqualTo("created");
    assertThat(again.get("results").get(0).get("outcome").asString()).isEqualTo("unchanged");
    assertThat(again.get("results").get(1).get("outcome").asString()).isEqualTo("unchanged");
    assertThat(functions.endpoint("acme", "triage").orElseThrow().secret()).isEqualTo(secretOf(3));
    String exported = acme.get("/api/v1/config/export").body();
    assertThat(exported)
        .contains("kind: \"DecisionFunction\"")
        .contains("https://fn.example.com/triage")
        .contains("timeoutMs: 1500")
        .doesNotContain("whsec_")
        .doesNotContain("secret");
    JsonNode reapplied = yaml("/api/v1/config/apply", exported).json();
    reapplied
        .get("results")
        .forEach(r -> assertThat(r.get("outcome").asString()).as("%s", r).isEqualTo("unchanged"));
    assertThat(functions.endpoint("acme", "triage").orElseThrow().secret()).isEqualTo(secretOf(3));
    JsonNode rotated =
        yaml("/api/v1/config/apply", config.replace(secretOf(3), secretOf(4))).json();
    assertThat(rotated.get("results").get(0).get("outcome").asString()).isEqualTo("updated");
  }

  @Test
  void aBadDecisionFunctionDocumentNamesItsField() {
    JsonNode problem =
        assertProblem(
            yaml(
                "/api/v1/config/apply",
                """
                apiVersion: baton.dev/v1
                kind: DecisionFunction
                metadata: { name: triage }
                spec: { url: "https://fn.example.com", fields: [priority], timeoutMs: 99999 }
                """),
            422);

    assertThat(fields(problem)).containsExactly("documents[0].spec.timeoutMs");
    assertThat(RowCounts.of(jdbc, "decision_functions")).isZero();
  }
}
