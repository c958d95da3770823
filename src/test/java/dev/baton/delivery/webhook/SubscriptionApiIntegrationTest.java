package dev.baton.delivery.webhook;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/subscriptions} and {@code kind: Subscription}: secrets go in, never come out. */
class SubscriptionApiIntegrationTest extends IntegrationTest {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  void theMinimalShapeAnswers201WithId() {
    Api.Response created =
        acme.post(
            "/api/v1/subscriptions",
            "{\"url\": \"https://hooks.example.com/baton\", \"events\": [\"assignment.*\"],"
                + " \"secret\": \""
                + SECRET
                + "\"}");

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode body = created.json();
    String id = body.get("id").asString();
    assertThat(created.header("Location")).endsWith("/api/v1/subscriptions/" + id);
    assertThat(body.get("enabled").asBoolean()).isTrue();
    assertThat(body.get("name").asString()).isEqualTo(id);
    assertThat(body.get("secrets")).hasSize(1);
    assertThat(body.get("secrets").get(0).get("fingerprint").asString()).hasSize(8);
    assertThat(body.path("secret").isNull() || body.path("secret").isMissingNode()).isTrue();
    assertThat(created.body()).doesNotContain(SECRET);
    assertThat(acme.get("/api/v1/subscriptions/" + id).body()).doesNotContain(SECRET);
    assertThat(acme.get("/api/v1/subscriptions").json().get("items")).hasSize(1);
    assertThat(
            jdbc.sql("select count(*) from audit_entries where action = 'subscription.created'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aSecretLeftOutIsDrawnAndShownOnce() {
    Api.Response created =
        acme.post(
            "/api/v1/subscriptions",
            "{\"url\": \"https://hooks.example.com/baton\", \"events\": [\"*\"]}");

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String secret = created.json().get("secret").asString();
    assertThat(SubscriptionSecrets.problem(secret)).isNull();
    String id = created.json().get("id").asString();
    assertThat(acme.get("/api/v1/subscriptions/" + id).body()).doesNotContain(secret);
  }

  @Test
  void badInputIsRefusedWithEveryProblemAndStoresNothing() {
    Api.Response refused =
        acme.post(
            "/api/v1/subscriptions",
            "{\"url\": \"http://hooks.example.com/baton\", \"events\": [\"assignment*\", \"*\"],"
                + " \"secret\": \"not-a-secret\", \"name\": \"Bad Name\"}");

    JsonNode problem = assertProblem(refused, 422);
    assertThat(fields(problem)).containsExactlyInAnyOrder("url", "events[0]", "secret", "name");
    assertThat(RowCounts.of(jdbc, "subscriptions")).isZero();
  }

  @Test
  void requiredFieldsAndPrivateAddressesAreRefused() {
    assertThat(fields(assertProblem(acme.post("/api/v1/subscriptions", "{}"), 422)))
        .containsExactlyInAnyOrder("url", "events");
    JsonNode metadata =
        assertProblem(
            acme.post(
                "/api/v1/subscriptions",
                "{\"url\": \"https://169.254.169.254/latest\", \"events\": [\"*\"]}"),
            422);
    assertThat(metadata.get("errors").get(0).get("message").asString())
        .contains("metadata")
        .contains("BATON_OUTBOUND_ALLOWLIST");
    assertThat(
            fields(
                assertProblem(
                    acme.post(
                        "/api/v1/subscriptions",
                        "{\"url\": \"https://[fd00::1]/x\", \"events\": []}"),
                    422)))
        .containsExactlyInAnyOrder("url", "events");
    assertThat(RowCounts.of(jdbc, "subscriptions")).isZero();
  }

  @Test
  void unknownFieldsAreA400() {
    assertProblem(
        acme.post(
            "/api/v1/subscriptions",
            "{\"url\": \"https://hooks.example.com/baton\", \"events\": [\"*\"], \"evnts\": []}"),
        400);
    assertThat(RowCounts.of(jdbc, "subscriptions")).isZero();
  }

  @Test
  void anotherTenantsSubscriptionIsNotFound() {
    String id = create("https://hooks.example.com/baton");

    assertProblem(globex.get("/api/v1/subscriptions/" + id), 404);
    assertProblem(globex.send("PATCH", "/api/v1/subscriptions/" + id, "{\"enabled\": false}"), 404);
    assertProblem(globex.delete("/api/v1/subscriptions/" + id), 404);
    assertProblem(globex.post("/api/v1/subscriptions/" + id + "/secrets", "{}"), 404);
    assertProblem(acme.get("/api/v1/subscriptions/not-a-uuid"), 404);
    assertThat(acme.get("/api/v1/subscriptions/" + id).json().get("enabled").asBoolean()).isTrue();
  }

  @Test
  void patchChangesNamedFieldsAndDeleteRemoves() {
    String id = create("https://hooks.example.com/baton");

    Api.Response changed =
        acme.send(
            "PATCH",
            "/api/v1/subscriptions/" + id,
            "{\"events\": [\"work-item.*\"], \"description\": \"ops\", \"enabled\": false}");

    assertThat(changed.status()).as("%s", changed).isEqualTo(200);
    assertThat(changed.json().get("events").get(0).asString()).isEqualTo("work-item.*");
    assertThat(changed.json().get("url").asString()).isEqualTo("https://hooks.example.com/baton");
    assertThat(changed.json().get("enabled").asBoolean()).isFalse();
    assertProblem(
        acme.send("PATCH", "/api/v1/subscriptions/" + id, "{\"secret\": \"" + SECRET + "\"}"), 422);
    assertThat(acme.delete("/api/v1/subscriptions/" + id).status()).isEqualTo(204);
    assertProblem(acme.get("/api/v1/subscriptions/" + id), 404);
  }

  @Test
  void rotationKeepsOneOrTwoSecrets() {
    String id = create("https://hooks.example.com/baton");
    int first =
        acme.get("/api/v1/subscriptions/" + id).json().get("secrets").get(0).get("index").asInt();

    assertProblem(acme.delete("/api/v1/subscriptions/" + id + "/secrets/" + first), 409);
    Api.Response added = acme.post("/api/v1/subscriptions/" + id + "/secrets", "{}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().get("secrets")).hasSize(2);
    assertProblem(acme.post("/api/v1/subscriptions/" + id + "/secrets", "{}"), 409);
    assertProblem(
        acme.post("/api/v1/subscriptions/" + id + "/secrets", "{\"secret\": \"whsec_x\"}"), 422);
    Api.Response retired = acme.delete("/api/v1/subscriptions/" + id + "/secrets/" + first);
    assertThat(retired.status()).isEqualTo(200);
    assertThat(retired.json().get("secrets")).hasSize(1);
    assertProblem(acme.delete("/api/v1/subscriptions/" + id + "/secrets/" + first), 404);
  }

  @Test
  void scopesGuardTheRoutes() {
    String id = create("https://hooks.example.com/baton");
    Api reader = acmeWith("subscriptions:read");
    Api writer = acmeWith("subscriptions:write");
    Api other = acmeWith("integrations:write");

    assertThat(reader.get("/api/v1/subscriptions/" + id).status()).isEqualTo(200);
    assertThat(reader.send("PATCH", "/api/v1/subscriptions/" + id, "{\"enabled\": false}").status())
        .isEqualTo(403);
    assertThat(writer.get("/api/v1/subscriptions").status()).isEqualTo(200);
    assertThat(other.get("/api/v1/subscriptions").status()).isEqualTo(403);
  }

  @Test
  void configAppliesExportsWithoutSecretsAndRoundTrips() {
    String yaml =
        """
        apiVersion: baton.dev/v1
        kind: Subscription
        metadata: { name: ops-hooks }
        spec:
          url: https://hooks.example.com/baton
          events: ["assignment.*", "work-item.created"]
          secrets: [%s]
          description: the ops team's receiver
        """
            .formatted(SECRET);

    Api.Response applied = apply(yaml);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    assertThat(applied.json().get("results").get(0).get("outcome").asString()).isEqualTo("created");
    JsonNode listed = acme.get("/api/v1/subscriptions").json().get("items").get(0);
    assertThat(listed.get("name").asString()).isEqualTo("ops-hooks");
    assertThat(listed.get("secrets")).hasSize(1);

    assertThat(apply(yaml).json().get("results").get(0).get("outcome").asString())
        .isEqualTo("unchanged");
    Api.Response exported = acme.get("/api/v1/config/export");
    assertThat(exported.body())
        .contains("kind: \"Subscription\"")
        .contains("ops-hooks")
        .doesNotContain("whsec_");
    assertThat(apply(exported.body()).json().get("results"))
        .allSatisfy(r -> assertThat(r.get("outcome").asString()).isEqualTo("unchanged"));

    String rotated = SubscriptionSecrets.generate();
    String both =
        yaml.replace("secrets: [" + SECRET + "]", "secrets: [" + SECRET + ", " + rotated + "]");
    assertThat(apply(both).json().get("results").get(0).get("outcome").asString())
        .isEqualTo("updated");
    assertThat(acme.get("/api/v1/subscriptions").json().get("items").get(0).get("secrets"))
        .hasSize(2);
    String onlyNew = yaml.replace("secrets: [" + SECRET + "]", "secrets: [" + rotated + "]");
    apply(onlyNew);
    assertThat(acme.get("/api/v1/subscriptions").json().get("items").get(0).get("secrets"))
        .hasSize(1);
  }

  @Test
  void aBadConfigDocumentNamesItsFieldsAndAppliesNothing() {
    Api.Response refused =
        apply(
            """
            apiVersion: baton.dev/v1
            kind: Subscription
            metadata: { name: bad }
            spec: { url: "http://10.0.0.1/x", events: ["nope*"] }
            """);

    JsonNode problem = assertProblem(refused, 422);
    assertThat(fields(problem))
        .containsExactlyInAnyOrder("documents[0].spec.url", "documents[0].spec.events[0]");
    assertThat(RowCounts.of(jdbc, "subscriptions")).isZero();
  }

  private Api.Response apply(String yaml) {
    return acme.withHeader("Content-Type", "application/yaml")
        .send("POST", "/api/v1/config/apply", yaml);
  }

  private String create(String url) {
    Api.Response created =
        acme.post(
            "/api/v1/subscriptions",
            "{\"url\": \"" + url + "\", \"events\": [\"*\"], \"secret\": \"" + SECRET + "\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }
}
