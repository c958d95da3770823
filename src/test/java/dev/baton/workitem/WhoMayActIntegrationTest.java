package dev.baton.workitem;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may move or close work, and how tokens bound to people may act. */
class WhoMayActIntegrationTest extends IntegrationTest {

  private Api bob;
  private Api carol;

  @BeforeEach
  void roster() {
    Given.person(acme, "alice");
    Given.person(acme, "bob");
    Given.person(acme, "carol");
    acme.post(
        "/api/v1/teams",
        "{\"id\":\"backend\",\"name\":\"Backend\",\"members\":[\"alice\",\"bob\"],\"leads\":[\"carol\"]}");
    bob = api(Given.token(acme, "bob", "work-items:write").json().get("token").asString());
    carol = api(Given.token(acme, "carol", "work-items:write").json().get("token").asString());
  }

  private static Api.Response act(Api api, String item, String body) {
    return api.post("/api/v1/work-items/" + item + "/actions", body);
  }

  @Test
  void aPersonCannotCloseOrReassignWorkSomeoneElseHolds() {
    String item = Given.itemOfferedTo(acme, "alice");
    assertProblem(act(bob, item, "{\"action\":\"close\"}"), 403);
    assertProblem(
        act(bob, item, "{\"action\":\"reassign\",\"to\":\"person:bob\",\"reason\":\"mine\"}"), 403);
    assertThat(
            acme.get("/api/v1/work-items/" + item).json().get("assignment").get("state").asString())
        .isEqualTo("OFFERED");
  }

  @Test
  void theLeadOfTheHoldersTeamMayReassignAndClose() {
    String item = Given.itemOfferedTo(acme, "alice");
    Api.Response moved =
        act(
            carol,
            item,
            "{\"action\":\"reassign\",\"to\":\"person:bob\",\"reason\":\"alice is out\"}");
    assertThat(moved.status()).isEqualTo(200);
    assertThat(act(carol, item, "{\"action\":\"close\"}").status()).isEqualTo(200);
  }

  @Test
  void aTokenBoundToAPersonCannotActForAnotherPerson() {
    Api bobWithActAs =
        api(Given.token(acme, "bob", "work-items:write", "act-as").json().get("token").asString());
    String item = Given.itemOfferedTo(acme, "alice");
    assertProblem(
        bobWithActAs
            .withHeader("Baton-Acting-For", "alice")
            .post("/api/v1/work-items/" + item + "/actions", "{\"action\":\"accept\"}"),
        403);
  }

  @Test
  void aTokenOfADeletedPersonNoLongerAuthenticates() {
    Given.person(acme, "dave");
    Api dave = api(Given.token(acme, "dave", "work-items:read").json().get("token").asString());
    assertThat(dave.get("/api/v1/work-items").status()).isEqualTo(200);
    assertThat(acme.delete("/api/v1/people/dave").status()).isEqualTo(204);
    assertProblem(dave.get("/api/v1/work-items"), 401);
  }

  @Test
  void aBulkActionWithAnUnknownActionIsRefusedAsAWhole() {
    String item = Given.workItem(acme, "one");
    assertProblem(
        acme.post(
            "/api/v1/work-items/actions", "{\"action\":\"explode\",\"ids\":[\"" + item + "\"]}"),
        422);
  }
}
