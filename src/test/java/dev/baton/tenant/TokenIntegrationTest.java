package dev.baton.tenant;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TokenIntegrationTest extends IntegrationTest {

  @BeforeEach
  void people() {
    Given.person(acme, "alice");
    Given.person(acme, "bob");
  }

  /** The token with this id as the list shows it. */
  private JsonNode listed(String tokenId) {
    for (JsonNode token : acme.get("/api/v1/tokens").json().get("items")) {
      if (token.get("id").asString().equals(tokenId)) {
        return token;
      }
    }
    throw new AssertionError("token " + tokenId + " is not listed");
  }

  /** The actor of the first audit entry about a work item. */
  private JsonNode creatorOf(String workItemId) {
    return acme.get("/api/v1/work-items/" + workItemId + "/audit")
        .json()
        .get("items")
        .get(0)
        .get("actor");
  }

  @Test
  void aNewTokensValueIsShownOnceAndOnlyItsPrefixIsListed() {
    Api.Response created = Given.token(acme, null, "work-items:read", "roster:read");
    String value = created.json().get("token").asString();
    String id = created.json().get("id").asString();

    assertThat(value).startsWith("bt_").hasSizeGreaterThan(40);
    assertThat(created.json().get("prefix").asString()).isEqualTo(value.substring(0, 8));
    Api.Response list = acme.get("/api/v1/tokens");
    assertThat(list.body()).doesNotContain(value);
    JsonNode token = listed(id);
    assertThat(token.get("prefix").asString()).isEqualTo(value.substring(0, 8));
    assertThat(token.has("token")).isFalse();
    assertThat(
            jdbc.sql("select count(*) from api_tokens where token_hash = :v or prefix = :v")
                .param("v", value)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(api(value).get("/api/v1/people").status()).isEqualTo(200);
  }

  @Test
  void aRevokedTokenAnswers401FromThenOn() {
    Api.Response created = Given.token(acme, null, "work-items:read");
    Api token = api(created.json().get("token").asString());
    String id = created.json().get("id").asString();
    assertThat(token.get("/api/v1/work-items").status()).isEqualTo(200);

    Api.Response revoked = acme.delete("/api/v1/tokens/" + id);

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
    assertProblem(token.get("/api/v1/work-items"), 401);
    assertThat(listed(id).get("revokedAt").isNull()).isFalse();
    assertThat(acme.delete("/api/v1/tokens/" + id).status()).isEqualTo(200);
    assertProblem(acme.delete("/api/v1/tokens/not-a-token-id"), 404);
  }

  @Test
  void anExpiredTokenAnswers401() {
    Api.Response created = Given.token(acme, null, "work-items:read");
    jdbc.sql("update api_tokens set expires_at = now() - interval '1 second' where id = :id::uuid")
        .param("id", created.json().get("id").asString())
        .update();

    assertProblem(api(created.json().get("token").asString()).get("/api/v1/work-items"), 401);
  }

  @Test
  void unknownScopesBoundPeopleAndPastExpiriesAnswer422() {
    Map<String, Long> before = RowCounts.of(jdbc);

    assertThat(
            fields(
                assertProblem(
                    acme.post("/api/v1/tokens", "{\"name\":\"t\",\"scopes\":[\"everything\"]}"),
                    422)))
        .containsExactly("scopes");
    assertThat(
            fields(
                assertProblem(
                    acme.post(
                        "/api/v1/tokens",
                        "{\"name\":\"t\",\"scopes\":[\"admin\"],\"person\":\"ghost\"}"),
                    422)))
        .containsExactly("person");
    assertThat(
            fields(
                assertProblem(
                    acme.post(
                        "/api/v1/tokens",
                        "{\"name\":\"t\",\"scopes\":[\"admin\"],"
                            + "\"expiresAt\":\"2000-01-01T00:00:00Z\"}"),
                    422)))
        .containsExactly("expiresAt");
    assertThat(fields(assertProblem(acme.post("/api/v1/tokens", "{\"scopes\":[]}"), 422)))
        .containsExactlyInAnyOrder("name", "scopes");
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void theLastUseOfATokenIsRecorded() {
    Api.Response created = Given.token(acme, null, "work-items:read");
    String id = created.json().get("id").asString();
    assertThat(listed(id).get("lastUsedAt").isNull()).isTrue();

    api(created.json().get("token").asString()).get("/api/v1/work-items");

    assertThat(listed(id).get("lastUsedAt").isNull()).isFalse();
  }

  @Test
  void aTokenBoundToAPersonActsAsThatPerson() {
    Api.Response created = Given.token(acme, "alice", "work-items:write");
    Api alice = api(created.json().get("token").asString());

    String id = Given.workItem(alice, "Reported by Alice");

    JsonNode actor = creatorOf(id);
    assertThat(actor.get("type").asString()).isEqualTo("person");
    assertThat(actor.get("id").asString()).isEqualTo("alice");
    assertThat(actor.get("via").asString())
        .isEqualTo("token:" + created.json().get("id").asString());
  }

  @Test
  void actingForAPersonNeedsTheActAsScope() {
    Api service = acmeWith("work-items:write").withHeader("Baton-Acting-For", "alice");
    Map<String, Long> before = RowCounts.of(jdbc);

    JsonNode problem =
        assertProblem(
            service.post(
                "/api/v1/work-items", "{\"title\":\"t\",\"type\":\"bug\",\"priority\":\"P2\"}"),
            403);

    assertThat(problem.get("missingScope").asString()).isEqualTo("act-as");
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void actingForAnUnknownPersonAnswers422() {
    Api service = acmeWith("work-items:write", "act-as").withHeader("Baton-Acting-For", "ghost");
    Map<String, Long> before = RowCounts.of(jdbc);

    assertProblem(
        service.post(
            "/api/v1/work-items", "{\"title\":\"t\",\"type\":\"bug\",\"priority\":\"P2\"}"),
        422);
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void actingForAKnownPersonIsRecordedAsThatPerson() {
    Api service = acmeWith("work-items:write", "act-as").withHeader("Baton-Acting-For", "bob");

    String id = Given.workItem(service, "Filed on Bob's behalf");

    JsonNode actor = creatorOf(id);
    assertThat(actor.get("type").asString()).isEqualTo("person");
    assertThat(actor.get("id").asString()).isEqualTo("bob");
    assertThat(actor.get("via").asString()).startsWith("token:");
  }

  @Test
  void aPersonCannotAcceptWorkOfferedToSomeoneElse() {
    String id = Given.itemOfferedTo(acme, "bob");
    Api alice = api(Given.token(acme, "alice", "work-items:write").json().get("token").asString());
    Map<String, Long> before = RowCounts.of(jdbc);

    assertProblem(
        alice.post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"accept\"}"), 403);

    JsonNode assignment = acme.get("/api/v1/work-items/" + id).json().get("assignment");
    assertThat(assignment.get("state").asString()).isEqualTo("OFFERED");
    assertThat(assignment.get("owner").asString()).isEqualTo("person:bob");
    assertThat(assignment.get("version").asInt()).isEqualTo(2);
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);

    Api bob = api(Given.token(acme, "bob", "work-items:write").json().get("token").asString());
    assertThat(
            bob.post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"accept\"}").status())
        .isEqualTo(200);
  }

  @Test
  void actingForSomeoneElseCannotAcceptWorkOfferedToAnother() {
    String id = Given.itemOfferedTo(acme, "bob");

    assertProblem(
        acme.withHeader("Baton-Acting-For", "alice")
            .post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"accept\"}"),
        403);
    assertThat(
            acme.get("/api/v1/work-items/" + id).json().get("assignment").get("state").asString())
        .isEqualTo("OFFERED");
  }

  @Test
  void aTenantAdminCannotCreateTenants() {
    Map<String, Long> before = RowCounts.of(jdbc);

    assertProblem(acme.post("/api/v1/tenants", "{\"id\":\"initech\",\"name\":\"Initech\"}"), 403);
    assertProblem(acme.get("/api/v1/tenants"), 403);

    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    assertThat(tenants.exists("initech")).isFalse();
  }

  @Test
  void aTenantAdminCannotMintATokenThatCreatesTenants() {
    Map<String, Long> before = RowCounts.of(jdbc);

    Api.Response minted =
        acme.post("/api/v1/tokens", "{\"name\":\"escalate\",\"scopes\":[\"tenants:admin\"]}");

    assertProblem(minted, 403);
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void aTokenCanOnlyGrantScopesItHolds() {
    Api limited = acmeWith("admin");
    Api.Response granted =
        limited.post("/api/v1/tokens", "{\"name\":\"reader\",\"scopes\":[\"audit:read\"]}");

    assertThat(granted.status()).isEqualTo(201);
  }

  @Test
  void managingTokensNeedsTheAdminScope() {
    Api limited = acmeWith("work-items:write", "roster:write", "act-as");

    assertProblem(limited.get("/api/v1/tokens"), 403);
    assertProblem(limited.post("/api/v1/tokens", "{\"name\":\"t\",\"scopes\":[\"admin\"]}"), 403);
  }

  @Test
  void creatingAndRevokingTokensIsAudited() {
    Api.Response created = Given.token(acme, null, "work-items:read");
    String id = created.json().get("id").asString();
    acme.delete("/api/v1/tokens/" + id);

    java.util.List<String> actions = new java.util.ArrayList<>();
    acme.get("/api/v1/audit?limit=500")
        .json()
        .get("items")
        .forEach(
            e -> {
              if (e.get("subject").get("id").asString().equals(id)) {
                actions.add(e.get("action").asString());
              }
            });
    assertThat(actions).containsExactly("api-token.created", "api-token.revoked");
    assertThat(acme.get("/api/v1/audit?limit=500").body())
        .doesNotContain(created.json().get("token").asString());
  }
}
