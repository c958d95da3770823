package dev.baton.tenant;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every family of endpoints keeps {@code acme}'s objects out of {@code globex}'s reach: direct
 * access answers 404, lists leave them out, and nothing of {@code acme}'s changes.
 */
class TenantIsolationIntegrationTest extends IntegrationTest {

  private String itemId;
  private String tokenId;
  private Api acmeLimited;
  private Map<String, String> acmeBefore;

  @BeforeEach
  void acmeHasOneOfEverything() {
    Given.person(acme, "alice");
    Given.team(acme, "backend", "alice");
    Given.queue(acme, "triage", "backend");
    itemId = Given.itemOfferedTo(acme, "alice");
    Api.Response token = Given.token(acme, null, "work-items:read");
    tokenId = token.json().get("id").asString();
    acmeLimited = api(token.json().get("token").asString());
    Given.workItem(globex, "Globex's own work");
    acmeBefore = acmeState();
  }

  /** Every acme object as acme sees it, and acme's audit chain head. */
  private Map<String, String> acmeState() {
    Map<String, String> state = new LinkedHashMap<>();
    for (String path :
        List.of(
            "/api/v1/work-items/" + itemId,
            "/api/v1/work-items/" + itemId + "/audit",
            "/api/v1/people/alice",
            "/api/v1/teams/backend",
            "/api/v1/queues/triage",
            "/api/v1/tokens",
            "/api/v1/events",
            "/api/v1/audit?limit=500",
            "/api/v1/audit/verify")) {
      Api.Response answer = acme.get(path);
      assertThat(answer.status()).as(path + " " + answer).isEqualTo(200);
      // when a token was last used is bookkeeping, not a change to the token
      state.put(path, answer.body().replaceAll("\"lastUsedAt\":(null|\"[^\"]*\")", ""));
    }
    return state;
  }

  @AfterEach
  void acmeIsUnchanged() {
    assertThat(acmeState()).isEqualTo(acmeBefore);
    assertThat(acmeLimited.get("/api/v1/work-items").status()).isEqualTo(200);
  }

  private static List<String> values(JsonNode items, String field) {
    List<String> values = new ArrayList<>();
    items.forEach(i -> values.add(i.path(field).asString("")));
    return values;
  }

  @Test
  void anotherTenantsWorkItemIsNotFound() {
    assertProblem(globex.get("/api/v1/work-items/" + itemId), 404);
    assertProblem(globex.get("/api/v1/work-items/" + itemId + "/audit"), 404);
    assertProblem(
        globex
            .withHeader("If-Match", "\"2\"")
            .post("/api/v1/work-items/" + itemId + "/actions", "{\"action\":\"close\"}"),
        404);
    assertProblem(
        globex.post(
            "/api/v1/work-items/" + itemId + "/actions",
            "{\"action\":\"override\",\"to\":\"person:alice\",\"reason\":\"mine now\"}"),
        404);
  }

  @Test
  void anotherTenantsWorkItemsAreLeftOutOfLists() {
    JsonNode all = globex.get("/api/v1/work-items").json().get("items");
    assertThat(all).hasSize(1);
    assertThat(values(all, "id")).doesNotContain(itemId);
    assertThat(globex.get("/api/v1/work-items?owner=person:alice").json().get("items")).isEmpty();
    assertThat(globex.get("/api/v1/work-items?state=OFFERED").json().get("items")).isEmpty();
    assertThat(globex.get("/api/v1/work-items?team=backend").json().get("items")).isEmpty();
  }

  @Test
  void bulkActionsOnAnotherTenantsItemsFindNothing() {
    Api.Response answer =
        globex.post(
            "/api/v1/work-items/actions", "{\"action\":\"close\",\"ids\":[\"" + itemId + "\"]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("succeeded").asInt()).isZero();
    JsonNode result = answer.json().get("results").get(0);
    assertThat(result.get("id").asString()).isEqualTo(itemId);
    assertThat(result.get("status").asInt()).isEqualTo(404);
  }

  @Test
  void anotherTenantsPeopleAreNotFoundAndCannotBeNamed() {
    assertProblem(globex.get("/api/v1/people/alice"), 404);
    assertProblem(globex.delete("/api/v1/people/alice"), 404);
    assertThat(globex.get("/api/v1/people").json().get("items")).isEmpty();

    String globexItem = Given.workItem(globex, "Needs an owner");
    JsonNode problem =
        assertProblem(
            globex.post(
                "/api/v1/work-items/" + globexItem + "/actions",
                "{\"action\":\"assign\",\"to\":\"person:alice\"}"),
            422);
    assertThat(fields(problem)).containsExactly("to");
    assertProblem(globex.withHeader("Baton-Acting-For", "alice").get("/api/v1/work-items"), 422);
  }

  @Test
  void anotherTenantsTeamsAndMembersAreNotFound() {
    assertProblem(globex.get("/api/v1/teams/backend"), 404);
    assertProblem(globex.delete("/api/v1/teams/backend"), 404);
    assertProblem(globex.post("/api/v1/teams/backend/members", "{\"person\":\"alice\"}"), 404);
    assertProblem(globex.delete("/api/v1/teams/backend/members/alice"), 404);
    assertThat(globex.get("/api/v1/teams").json().get("items")).isEmpty();

    JsonNode problem =
        assertProblem(
            globex.post(
                "/api/v1/teams", "{\"id\":\"ops\",\"name\":\"Ops\",\"members\":[\"alice\"]}"),
            422);
    assertThat(fields(problem)).containsExactly("members");
  }

  @Test
  void anotherTenantsQueuesAreNotFound() {
    assertProblem(globex.get("/api/v1/queues/triage"), 404);
    assertProblem(globex.delete("/api/v1/queues/triage"), 404);
    assertThat(globex.get("/api/v1/queues").json().get("items")).isEmpty();

    JsonNode problem =
        assertProblem(
            globex.post(
                "/api/v1/queues", "{\"id\":\"inbox\",\"name\":\"Inbox\",\"team\":\"backend\"}"),
            422);
    assertThat(fields(problem)).containsExactly("team");
  }

  @Test
  void sameIdsInAnotherTenantAreThatTenantsOwnObjects() {
    assertThat(globex.put("/api/v1/people/alice", "{\"name\":\"Globex Alice\"}").status())
        .isEqualTo(201);
    assertThat(globex.put("/api/v1/teams/backend", "{\"name\":\"Globex backend\"}").status())
        .isEqualTo(201);
    assertThat(
            globex
                .put("/api/v1/queues/triage", "{\"name\":\"Globex triage\",\"team\":\"backend\"}")
                .status())
        .isEqualTo(201);

    assertThat(globex.get("/api/v1/people/alice").json().get("name").asString())
        .isEqualTo("Globex Alice");
    assertThat(acme.get("/api/v1/people/alice").json().get("name").asString()).isEqualTo("alice");
    assertThat(globex.delete("/api/v1/queues/triage").status()).isEqualTo(204);
    assertThat(globex.delete("/api/v1/teams/backend").status()).isEqualTo(204);
    assertThat(globex.delete("/api/v1/people/alice").status()).isEqualTo(204);
  }

  @Test
  void anotherTenantsTokensCannotBeRevokedOrListed() {
    assertProblem(globex.delete("/api/v1/tokens/" + tokenId), 404);

    JsonNode tokens = globex.get("/api/v1/tokens").json().get("items");
    assertThat(values(tokens, "id")).doesNotContain(tokenId);
  }

  @Test
  void theEventFeedShowsOnlyTheTenantsOwnEvents() {
    JsonNode events = globex.get("/api/v1/events").json().get("items");

    assertThat(events).isNotEmpty();
    assertThat(values(events, "subject")).doesNotContain(itemId);
    assertThat(values(events, "source")).containsOnly("/baton/tenants/globex");
  }

  @Test
  void theAuditLogAndItsVerificationCoverOnlyTheTenantsOwnEntries() {
    JsonNode entries = globex.get("/api/v1/audit?limit=500").json().get("items");
    List<String> subjects = new ArrayList<>();
    entries.forEach(e -> subjects.add(e.get("subject").get("id").asString()));

    assertThat(subjects).doesNotContain(itemId, "alice", "backend", "triage", tokenId, "acme");
    long globexRows =
        jdbc.sql("select count(*) from audit_entries where tenant_id = 'globex'")
            .query(Long.class)
            .single();
    assertThat(entries).hasSize((int) globexRows);
    JsonNode verification = globex.get("/api/v1/audit/verify").json();
    assertThat(verification.get("intact").asBoolean()).isTrue();
    assertThat(verification.get("entries").asLong()).isEqualTo(globexRows);
  }
}
