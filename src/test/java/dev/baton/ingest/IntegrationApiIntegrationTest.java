package dev.baton.ingest;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.RowCounts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/integrations} and {@code kind: Integration}: secrets go in and never come out. */
class IntegrationApiIntegrationTest extends HookTestBase {

  @Autowired SlackBotTokens botTokens;
  @Autowired Integrations integrations;

  @Test
  void theMinimalShapeAnswers201WithIdUrlAndSecretMetadataOnly() {
    String secret = "s3cr3t-for-acme-github";
    Api.Response created =
        acme.post(
            "/api/v1/integrations",
            "{\"provider\": \"github\", \"name\": \"acme-github\", \"secrets\": [\""
                + secret
                + "\"]}");

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode body = created.json();
    String id = body.get("id").asString();
    assertThat(body.get("url").asString()).isEqualTo(PUBLIC_URL + "/hooks/" + id);
    assertThat(created.header("Location")).endsWith("/api/v1/integrations/" + id);
    assertThat(body.get("provider").asString()).isEqualTo("github");
    assertThat(body.get("enabled").asBoolean()).isTrue();
    assertThat(body.get("events")).isEmpty();
    assertThat(body.get("maxBodySize").asLong()).isEqualTo(1024 * 1024);
    assertThat(body.get("secrets")).hasSize(1);
    JsonNode info = body.get("secrets").get(0);
    assertThat(info.get("index").asInt()).isEqualTo(1);
    assertThat(info.get("fingerprint").asString())
        .isEqualTo(IntegrationSecrets.fingerprint(secret));
    assertThat(info.get("addedAt").asString()).isEqualTo(TestClock.START.toString());
    assertThat(created.body()).doesNotContain(secret);
    assertThat(acme.get("/api/v1/integrations/" + id).body()).doesNotContain(secret);
    assertThat(acme.get("/api/v1/integrations").json().get("items").get(0).get("id").asString())
        .isEqualTo(id);
    assertThat(acme.get("/api/v1/audit").body())
        .contains("integration.created")
        .doesNotContain(secret);
    byte[] sealed = jdbc.sql("select sealed from integration_secrets").query(byte[].class).single();
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
  }

  @Test
  void badIntegrationsAreRefusedNamingEveryFieldAndChangeNothing() {
    var before = RowCounts.of(jdbc);
    long integrationsBefore = count("integrations");

    JsonNode problem =
        assertProblem(
            acme.post(
                "/api/v1/integrations",
                """
                {"provider": "github", "name": "Acme GitHub", "secrets": ["a", "b", "c"],
                 "maxBodySize": 100, "events": [""], "botToken": "xoxb-1",
                 "mapping": {"externalId": "/id"}}
                """),
            422);
    assertThat(fields(problem))
        .contains("name", "secrets", "maxBodySize", "events[0]", "botToken", "mapping");

    assertThat(
            fields(
                assertProblem(
                    acme.post(
                        "/api/v1/integrations",
                        "{\"provider\": \"svn\", \"name\": \"x\", \"secrets\": [\"s\"]}"),
                    422)))
        .containsExactly("provider");
    assertThat(
            fields(
                assertProblem(
                    acme.post(
                        "/api/v1/integrations",
                        "{\"provider\": \"standard-webhooks\", \"name\": \"sw\","
                            + " \"secrets\": [\"not-whsec\"]}"),
                    422)))
        .containsExactly("secrets[0]");
    assertThat(
            fields(
                assertProblem(
                    acme.post(
                        "/api/v1/integrations",
                        "{\"provider\": \"generic\", \"name\": \"g\", \"secrets\": [\""
                            + Senders.STANDARD_SECRET
                            + "\"], \"mapping\": {\"title\": \"summary\"}}"),
                    422)))
        .contains("mapping.externalId", "mapping.title");
    assertThat(
            fields(
                assertProblem(
                    acme.post(
                        "/api/v1/integrations", "{\"provider\": \"github\", \"name\": \"x\"}"),
                    422)))
        .containsExactly("secrets");
    assertProblem(
        acme.post(
            "/api/v1/integrations",
            "{\"provider\": \"github\", \"name\": \"x\", \"secrets\": [\"s\"], \"colour\": 1}"),
        400);
    assertProblem(acme.post("/api/v1/integrations", "{\"provider\": "), 400);

    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    assertThat(count("integrations")).isEqualTo(integrationsBefore);
  }

  @Test
  void namesAreUniquePerTenantAndOtherTenantsSeeNothing() {
    String id = integration(acme, "github", "acme-github", "secret-one").get("id").asString();

    assertProblem(
        acme.post(
            "/api/v1/integrations",
            "{\"provider\": \"gitlab\", \"name\": \"acme-github\", \"secrets\": [\"x\"]}"),
        409);
    integration(globex, "github", "acme-github", "secret-two");

    assertProblem(globex.get("/api/v1/integrations/" + id), 404);
    assertProblem(globex.send("PATCH", "/api/v1/integrations/" + id, "{\"enabled\": false}"), 404);
    assertProblem(globex.delete("/api/v1/integrations/" + id), 404);
    assertProblem(
        globex.post("/api/v1/integrations/" + id + "/secrets", "{\"secret\": \"mine\"}"), 404);
    assertThat(globex.get("/api/v1/integrations").json().get("items")).hasSize(1);
    assertProblem(acme.get("/api/v1/integrations/not-a-uuid"), 404);
  }

  @Test
  void secretsRotateWithoutEverHavingNoneOrMoreThanTwo() {
    String id = integration(acme, "github", "acme-github", "first-secret").get("id").asString();
    String path = "/api/v1/integrations/" + id + "/secrets";

    assertProblem(acme.delete(path + "/1"), 409);
    assertProblem(acme.post(path, "{\"secret\": \"first-secret\"}"), 409);
    assertThat(fields(assertProblem(acme.post(path, "{\"secret\": \" padded \"}"), 422)))
        .containsExactly("secret");
    assertThat(acme.post(path, "{\"secret\": \"second-secret\"}").status()).isEqualTo(201);
    assertProblem(acme.post(path, "{\"secret\": \"third-secret\"}"), 409);
    assertProblem(acme.delete(path + "/7"), 404);
    assertProblem(acme.delete(path + "/x"), 400);

    JsonNode after = acme.delete(path + "/1").json();

    assertThat(after.get("secrets")).hasSize(1);
    assertThat(after.get("secrets").get(0).get("index").asInt()).isEqualTo(2);
    assertThat(after.get("version").asInt()).isEqualTo(3);
    assertThat(
            acme.post(path, "{\"secret\": \"third-secret\"}")
                .json()
                .get("secrets")
                .get(1)
                .get("index")
                .asInt())
        .isEqualTo(3);
    String audit = acme.get("/api/v1/audit").body();
    assertThat(audit)
        .contains("integration.secret_added", "integration.secret_retired")
        .doesNotContain("first-secret", "second-secret", "third-secret");
  }

  @Test
  void patchChangesOnlyWhatItNamesAndNeverTheProviderOrSecrets() {
    String id = integration(acme, "slack", "acme-slack", "slack-secret").get("id").asString();
    String path = "/api/v1/integrations/" + id;

    JsonNode changed =
        acme.send(
                "PATCH",
                path,
                "{\"name\": \"team-slack\", \"events\": [\"slash_command\"], \"maxBodySize\": 2048,"
                    + " \"botToken\": \"xoxb-123-456-abc\"}")
            .json();

    assertThat(changed.get("name").asString()).isEqualTo("team-slack");
    assertThat(changed.get("events").get(0).asString()).isEqualTo("slash_command");
    assertThat(changed.get("maxBodySize").asLong()).isEqualTo(2048);
    assertThat(changed.get("hasBotToken").asBoolean()).isTrue();
    assertThat(changed.get("enabled").asBoolean()).isTrue();
    assertThat(changed.get("version").asInt()).isEqualTo(2);
    assertThat(changed.toString()).doesNotContain("xoxb-123-456-abc");
    Integration integration =
        integrations.find("acme", UUID.fromString(id)).orElseThrow().integration();
    assertThat(botTokens.botToken(integration)).contains("xoxb-123-456-abc");
    assertThat(acme.get("/api/v1/audit").body()).doesNotContain("xoxb-123-456-abc");

    assertThat(fields(assertProblem(acme.send("PATCH", path, "{\"provider\": \"github\"}"), 422)))
        .containsExactly("provider");
    assertThat(fields(assertProblem(acme.send("PATCH", path, "{\"secrets\": [\"x\"]}"), 422)))
        .containsExactly("secrets");
    assertThat(acme.send("PATCH", path, "{\"provider\": \"slack\"}").json().get("version").asInt())
        .isEqualTo(2);

    JsonNode cleared = acme.send("PATCH", path, "{\"botToken\": \"\"}").json();
    assertThat(cleared.get("hasBotToken").asBoolean()).isFalse();
    assertThat(botTokens.botToken(integration)).isEmpty();
  }

  @Test
  void anIntegrationWithDeliveriesStillToProcessIsNotDeleted() {
    String id =
        integration(acme, "github", "acme-github", Senders.GITHUB_SECRET).get("id").asString();
    worker.stop();
    assertThat(
            signedHook(id, Provider.GITHUB, Senders.GITHUB_SECRET, Senders.fixture(Provider.GITHUB))
                .status())
        .isEqualTo(202);

    assertProblem(acme.delete("/api/v1/integrations/" + id), 409);

    worker.start();
    eventually("the delivery is processed", () -> handler.calls.size() == 1);
    eventually(
        "the delivery is marked processed", () -> count("inbox where status = 'processed'") == 1);
    assertThat(acme.delete("/api/v1/integrations/" + id).status()).isEqualTo(204);
    assertProblem(acme.get("/api/v1/integrations/" + id), 404);
    assertThat(count("inbox")).isZero();
    assertThat(count("integration_secrets")).isZero();
    assertThat(acme.get("/api/v1/audit").body()).contains("integration.deleted");
  }

  @Test
  void scopesGuardIntegrations() {
    String id = integration(acme, "github", "acme-github", "secret").get("id").asString();
    Api reader = acmeWith("integrations:read");
    Api roster = acmeWith("roster:write");

    assertThat(reader.get("/api/v1/integrations/" + id).status()).isEqualTo(200);
    assertProblem(reader.send("PATCH", "/api/v1/integrations/" + id, "{\"enabled\": false}"), 403);
    assertProblem(
        reader.post(
            "/api/v1/integrations",
            "{\"provider\": \"github\", \"name\": \"x\", \"secrets\": [\"s\"]}"),
        403);
    assertProblem(roster.get("/api/v1/integrations"), 403);
    assertThat(acmeWith("integrations:write").get("/api/v1/integrations").status()).isEqualTo(200);
  }

  @Test
  void configurationAsCodeCreatesRotatesAndExportsWithoutSecrets() {
    String v1 =
        """
        apiVersion: baton.dev/v1
        kind: Integration
        metadata: { name: ops-alerts }
        spec:
          provider: generic
          secrets: [%s]
          events: [ticket.opened]
          mapping: { externalId: /ticket/id, title: /ticket/subject }
        """;
    String oldSecret = Senders.secret(Provider.GENERIC, 1);
    String newSecret = Senders.secret(Provider.GENERIC, 2);

    assertThat(outcomes(apply(v1.formatted(oldSecret)))).containsExactly("created");
    assertThat(outcomes(apply(v1.formatted(oldSecret)))).containsExactly("unchanged");

    Api.Response exported = acme.get("/api/v1/config/export");
    assertThat(exported.body())
        .contains("kind: \"Integration\"", "ops-alerts", "/ticket/subject", "ticket.opened")
        .doesNotContain(oldSecret)
        .doesNotContain("secrets");
    assertThat(outcomes(apply(exported.body()))).containsOnly("unchanged");
    assertThat(acmeWith("roster:read", "policies:read").get("/api/v1/config/export").body())
        .doesNotContain("ops-alerts");

    assertThat(outcomes(apply(v1.formatted(oldSecret + ", " + newSecret))))
        .containsExactly("updated");
    JsonNode both = acme.get("/api/v1/integrations").json().get("items").get(0);
    assertThat(both.get("secrets")).hasSize(2);
    String id = both.get("id").asString();
    byte[] body = "{\"type\":\"ticket.opened\",\"ticket\":{\"id\":\"T-9\"}}".getBytes();
    assertThat(signedHook(id, Provider.GENERIC, oldSecret, body).status()).isEqualTo(202);

    assertThat(outcomes(apply(v1.formatted(newSecret)))).containsExactly("updated");
    assertProblem(signedHook(id, Provider.GENERIC, oldSecret, body), 401);
    assertThat(signedHook(id, Provider.GENERIC, newSecret, body).status()).isEqualTo(202);
    assertThat(acme.get("/api/v1/integrations/" + id).json().get("secrets")).hasSize(1);

    assertProblem(apply(v1.formatted(newSecret).replace("generic", "github")), 422);
    Api.Response noSecrets =
        apply(
            """
            apiVersion: baton.dev/v1
            kind: Integration
            metadata: { name: fresh }
            spec: { provider: github }
            """);
    assertThat(fields(assertProblem(noSecrets, 422))).containsExactly("documents[0].spec.secrets");
  }

  private Api.Response apply(String yaml) {
    return acme.withHeader("Content-Type", "application/yaml")
        .send("POST", "/api/v1/config/apply", yaml);
  }

  private static List<String> outcomes(Api.Response answer) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    List<String> outcomes = new ArrayList<>();
    answer.json().get("results").forEach(r -> outcomes.add(r.get("outcome").asString()));
    return outcomes;
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
