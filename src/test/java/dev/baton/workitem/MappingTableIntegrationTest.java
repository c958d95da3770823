package dev.baton.workitem;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ingest.Integration;
import dev.baton.ingest.Provider;
import dev.baton.ingest.SourceEventHandler;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/integrations/{id}/mapping}: versions, validation, scopes, and their effect. */
class MappingTableIntegrationTest extends IntegrationTest {

  @Autowired SourceEventHandler handler;

  UUID integration = UUID.randomUUID();

  @org.junit.jupiter.api.BeforeEach
  void anIntegration() {
    Api.Response created =
        acme.post(
            "/api/v1/integrations",
            "{\"provider\":\"github\",\"name\":\"acme-github\",\"secrets\":[\"s3cret\"]}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    integration = UUID.fromString(created.json().get("id").asString());
  }

  String path() {
    return "/api/v1/integrations/" + integration + "/mapping";
  }

  Api.Response putYaml(Api api, String query, String yaml) {
    return api.withHeader("Content-Type", "application/yaml").send("PUT", path() + query, yaml);
  }

  @Test
  void beforeAnySaveTheProviderDefaultsAloneApply() {
    JsonNode current = acme.get(path()).json();

    assertThat(current.get("version").asInt()).isZero();
    assertThat(current.get("document").isEmpty()).isTrue();
    assertThat(current.get("integrationId").asString()).isEqualTo(integration.toString());
  }

  @Test
  void eachSaveIsANewVersionWithWhoWhenAndWhy() {
    Api.Response first =
        putYaml(
            acme,
            "?reason=sev%20labels",
            "rules:\n  - when: {label: sev1}\n    set: {priority: P1}\n");
    Api.Response second =
        acme.send(
            "PUT",
            path(),
            "{\"selfIdentities\": [\"baton-bot\"], \"rules\": [{\"when\": {\"label\": \"sev2\"},"
                + " \"set\": {\"priority\": \"P2\"}}]}");

    assertThat(first.status()).as("%s", first).isEqualTo(200);
    assertThat(first.json().get("version").asInt()).isEqualTo(1);
    assertThat(first.json().get("reason").asString()).isEqualTo("sev labels");
    assertThat(first.json().get("author").asString()).startsWith("token:");
    assertThat(first.json().get("createdAt").asString()).isNotBlank();
    assertThat(second.status()).as("%s", second).isEqualTo(200);
    assertThat(second.json().get("version").asInt()).isEqualTo(2);
    JsonNode current = acme.get(path()).json();
    assertThat(current.get("version").asInt()).isEqualTo(2);
    assertThat(current.get("document").get("selfIdentities").get(0).asString())
        .isEqualTo("baton-bot");
    JsonNode versions = acme.get(path() + "/versions").json().get("items");
    assertThat(versions).hasSize(2);
    assertThat(
            versions
                .get(0)
                .get("document")
                .get("rules")
                .get(0)
                .get("set")
                .get("priority")
                .asString())
        .isEqualTo("P1");
    assertThat(acme.get(path() + "/versions/1").json().get("version").asInt()).isEqualTo(1);
    assertProblem(acme.get(path() + "/versions/3"), 404);
    JsonNode audit = acme.get("/api/v1/audit?limit=100").json().get("items");
    assertThat(audit.findValuesAsString("action")).contains("mapping-table.saved");
  }

  @Test
  void anInvalidTableAnswers422NamingEveryProblemAndStoresNothing() {
    var rows = RowCounts.of(jdbc);

    Api.Response refused =
        putYaml(
            acme,
            "",
            """
            rules:
              - when: { label: bug, colour: red }
                set: { priority: urgent }
              - when: { kind: exploded }
                set: { team: "Payments Team" }
            """);

    JsonNode problem = assertProblem(refused, 422);
    assertThat(fields(problem))
        .contains(
            "/rules/0/when/colour",
            "/rules/0/set/priority",
            "/rules/1/when/kind",
            "/rules/1/set/team");
    assertThat(RowCounts.of(jdbc)).isEqualTo(rows);
    assertProblem(putYaml(acme, "", "rules: [unclosed"), 422);
    assertProblem(putYaml(acme, "", "- a\n- list"), 422);
  }

  @Test
  void readingNeedsPoliciesReadAndSavingPoliciesWrite() {
    Api reader = acmeWith("policies:read");
    Api other = acmeWith("work-items:write");

    assertThat(reader.get(path()).status()).isEqualTo(200);
    assertProblem(putYaml(reader, "", "rules: []"), 403);
    assertProblem(other.get(path()), 403);
    assertThat(putYaml(acmeWith("policies:write"), "", "rules: []").status()).isEqualTo(200);
  }

  @Test
  void anotherTenantSeesNoneOfIt() {
    putYaml(acme, "", "rules: []");

    assertProblem(globex.get(path()), 404);
    assertProblem(globex.get(path() + "/versions"), 404);
    assertProblem(globex.get(path() + "/versions/1"), 404);
    assertProblem(putYaml(globex, "", "rules: []"), 404);
    assertThat(acme.get(path()).json().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void anUnknownIntegrationHasNoMappingTable() {
    String unknown = "/api/v1/integrations/" + UUID.randomUUID() + "/mapping";

    assertProblem(acme.get(unknown), 404);
    assertProblem(
        acme.withHeader("Content-Type", "application/yaml").send("PUT", unknown, "rules: []"), 404);
  }

  @Test
  void anIdThatIsNoUuidIsNotFound() {
    assertProblem(acme.get("/api/v1/integrations/not-a-uuid/mapping"), 404);
  }

  @Test
  void theSchemaIsServed() {
    Api.Response schema = acme.get("/api/v1/schemas/mapping-table");

    assertThat(schema.status()).isEqualTo(200);
    assertThat(schema.json().get("title").asString()).isEqualTo("Baton mapping table");
  }

  @Test
  void theLatestTableMapsTheNextEvents() {
    putYaml(
        acme,
        "",
        """
        rules:
          - name: readme-is-docs
            when: { label: bug, project: "codertocat/*" }
            set: { priority: P1, skills: [docs], team: docs, customerTier: premium }
        """);
    Integration github =
        new Integration(
            "acme", integration, Provider.GITHUB, "acme-github", true, java.util.Set.of());

    handler.apply(
        github, SourceFixtures.github("issues", "github/issues.opened.json"), UUID.randomUUID());

    JsonNode item = acme.get("/api/v1/work-items").json().get("items").get(0);
    assertThat(item.get("priority").asString()).isEqualTo("P1");
    assertThat(item.get("type").asString()).isEqualTo("bug");
    assertThat(item.get("skills").get(0).asString()).isEqualTo("docs");
    assertThat(item.get("customer").get("tier").asString()).isEqualTo("premium");
    assertThat(item.get("attributes").get("team").asString()).isEqualTo("docs");
    assertThat(item.get("attributes").get("mapping").get("version").asInt()).isEqualTo(1);
    assertThat(item.get("attributes").get("mapping").get("rules").get(0).asString())
        .isEqualTo("readme-is-docs");

    putYaml(acme, "", "rules: [{ when: { label: bug }, set: { priority: P2 } }]");
    var labeled = SourceFixtures.github("issues", "github/issues.labeled.json");
    handler.apply(github, labeled, UUID.randomUUID());

    JsonNode updated = acme.get("/api/v1/work-items/" + item.get("id").asString()).json();
    assertThat(updated.get("priority").asString()).isEqualTo("P2");
    assertThat(updated.get("skills")).isEmpty();
    assertThat(updated.get("attributes").get("mapping").get("version").asInt()).isEqualTo(2);
  }
}
