package dev.baton.delivery.jira;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/integrations/{id}/jira-connection}: save, read, delete, bad inputs, scopes. */
@TestPropertySource(properties = "baton.jira.allow-loopback-http=true")
class JiraConnectionApiIntegrationTest extends IntegrationTest {

  private static final String TOKEN = "ATATT3xFfGF0-secret-api-token";
  private static final String GOOD =
      """
      {"baseUrl": "https://acme.atlassian.net/",
       "auth": {"email": "baton@acme.example", "apiToken": "%s"},
       "fields": [{"id": "customfield_10050", "value": "Baton: {state}", "type": "option"}],
       "mode": "shadow", "accountId": "557058:baton"}
      """
          .formatted(TOKEN);

  String integration;

  @BeforeEach
  void jiraIntegration() {
    integration = JiraConnectorIntegrationTest.integration(acme, "jira", "acme-jira");
  }

  private String path(String id) {
    return "/api/v1/integrations/" + id + "/jira-connection";
  }

  @Test
  void savesReadsAndDeletesWithoutEverShowingTheCredential() {
    Api.Response created = acme.put(path(integration), GOOD);

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.get("baseUrl").asString()).isEqualTo("https://acme.atlassian.net");
    assertThat(body.get("auth").get("kind").asString()).isEqualTo("basic");
    assertThat(body.get("auth").get("email").asString()).isEqualTo("baton@acme.example");
    assertThat(body.get("mode").asString()).isEqualTo("shadow");
    assertThat(body.get("fields").get(0).get("type").asString()).isEqualTo("option");
    assertThat(body.get("version").asInt()).isEqualTo(1);
    assertThat(created.body()).doesNotContain(TOKEN);

    Api.Response read = acme.get(path(integration));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).doesNotContain(TOKEN);

    // a replace without auth keeps the stored credential
    Api.Response replaced =
        acme.put(path(integration), "{\"baseUrl\": \"https://acme.atlassian.net\"}");
    assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);
    assertThat(replaced.json().get("version").asInt()).isEqualTo(2);
    assertThat(replaced.json().get("mode").asString()).isEqualTo("on");
    assertThat(replaced.json().get("auth").get("email").asString()).isEqualTo("baton@acme.example");

    Api.Response bearer =
        acme.put(
            path(integration),
            "{\"baseUrl\": \"https://acme.atlassian.net\", \"auth\": {\"bearer\": \"oauth-"
                + TOKEN
                + "\"}}");
    assertThat(bearer.json().get("auth").get("kind").asString()).isEqualTo("bearer");
    assertThat(bearer.json().get("auth").get("email").isNull()).isTrue();

    assertThat(
            jdbc.sql(
                    "select count(*) from audit_entries where tenant_id = 'acme' and action like 'jira-connection.%'")
                .query(Long.class)
                .single())
        .isEqualTo(3);
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_entries where tenant_id = 'acme' and (coalesce(before, '') || coalesce(after, '')) like :t")
                .param("t", "%" + TOKEN + "%")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql(
                    "select count(*) from jira_connections where position(convert_to(:t, 'UTF8') in credential) > 0")
                .param("t", TOKEN)
                .query(Long.class)
                .single())
        .isZero();

    assertThat(acme.delete(path(integration)).status()).isEqualTo(204);
    assertProblem(acme.get(path(integration)), 404);
    assertProblem(acme.delete(path(integration)), 404);
  }

  @Test
  void badInputsAreListedTogetherAndChangeNothing() {
    Api.Response answer =
        acme.put(
            path(integration),
            """
            {"baseUrl": "http://acme.atlassian.net",
             "auth": {"email": "not-an-email", "bearer": "x"},
             "fields": [{"id": "summary", "value": "{nope}", "type": "number"}],
             "mode": "loud"}
            """);

    JsonNode problem = assertProblem(answer, 422);
    assertThat(fields(problem))
        .contains("baseUrl", "auth", "fields[0].id", "fields[0].value", "fields[0].type", "mode");
    assertProblem(acme.get(path(integration)), 404);

    JsonNode missing = assertProblem(acme.put(path(integration), "{}"), 422);
    assertThat(fields(missing)).contains("baseUrl", "auth");
    JsonNode halfBasic =
        assertProblem(
            acme.put(
                path(integration),
                "{\"baseUrl\": \"https://user:pw@acme.atlassian.net\", \"auth\": {\"email\":"
                    + " \"a@b.c\"}}"),
            422);
    assertThat(fields(halfBasic)).contains("baseUrl", "auth.apiToken");
    assertThat(jdbc.sql("select count(*) from jira_connections").query(Long.class).single())
        .isZero();
  }

  @Test
  void onlyTheTenantsOwnJiraIntegrationsHaveAConnection() {
    String github = JiraConnectorIntegrationTest.integration(acme, "github", "acme-github");
    assertProblem(acme.put(path(github), GOOD), 404);
    assertProblem(acme.get(path(github)), 404);
    assertProblem(acme.put(path(UUID.randomUUID().toString()), GOOD), 404);
    assertProblem(acme.put(path("not-a-uuid"), GOOD), 404);
    assertThat(acme.put(path(integration), GOOD).status()).isEqualTo(201);
    assertProblem(globex.get(path(integration)), 404);
    assertProblem(globex.put(path(integration), GOOD), 404);
    assertProblem(globex.delete(path(integration)), 404);
  }

  @Test
  void readingNeedsIntegrationsReadAndChangingIntegrationsWrite() {
    assertThat(acme.put(path(integration), GOOD).status()).isEqualTo(201);
    Api reader = acmeWith("integrations:read");

    assertThat(reader.get(path(integration)).status()).isEqualTo(200);
    assertThat(reader.put(path(integration), GOOD).status()).isEqualTo(403);
    assertThat(reader.delete(path(integration)).status()).isEqualTo(403);
    assertThat(acmeWith("work-items:read").get(path(integration)).status()).isEqualTo(403);
  }

  @Test
  void deletingTheIntegrationDeletesItsConnection() {
    assertThat(acme.put(path(integration), GOOD).status()).isEqualTo(201);

    assertThat(acme.delete("/api/v1/integrations/" + integration).status()).isEqualTo(204);

    assertThat(jdbc.sql("select count(*) from jira_connections").query(Long.class).single())
        .isZero();
  }
}
