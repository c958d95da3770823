package dev.baton.workitem;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IdempotencyIntegrationTest extends IntegrationTest {

  private static final String ITEM =
      "{\"title\":\"Checkout fails\",\"type\":\"bug\",\"priority\":\"P2\"}";

  private Api.Response create(String key, String body) {
    return acme.withHeader("Idempotency-Key", key).post("/api/v1/work-items", body);
  }

  private long workItemRows() {
    return RowCounts.of(jdbc, "work_items");
  }

  private List<String> listedIds(Api api) {
    List<String> ids = new ArrayList<>();
    api.get("/api/v1/work-items").json().get("items").forEach(i -> ids.add(i.get("id").asString()));
    return ids;
  }

  @Test
  void sameKeyAndSameBodyReplaysTheFirstAnswerAndCreatesOneItem() {
    Api.Response first = create("create-1", ITEM);
    Api.Response second = create("create-1", ITEM);

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(first.status());
    assertThat(second.body()).isEqualTo(first.body());
    String id = first.json().get("id").asString();
    assertThat(listedIds(acme)).containsExactly(id);
    assertThat(workItemRows()).isEqualTo(1);
  }

  @Test
  void sameKeyWithADifferentBodyAnswers422AndWritesNothing() {
    assertThat(create("create-1", ITEM).status()).isEqualTo(201);
    Map<String, Long> before = RowCounts.of(jdbc);

    Api.Response reused =
        create("create-1", "{\"title\":\"Something else\",\"type\":\"bug\",\"priority\":\"P1\"}");

    JsonNode problem = assertProblem(reused, 422);
    assertThat(fields(problem)).containsExactly("Idempotency-Key");
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    assertThat(listedIds(acme)).hasSize(1);
  }

  @Test
  void aKeyIsBoundToOneRequestSoReusingItOnAnotherPathAnswers422() {
    String id = Given.workItem(acme, "Already there");
    assertThat(create("shared", ITEM).status()).isEqualTo(201);
    Map<String, Long> before = RowCounts.of(jdbc);

    Api.Response reused =
        acme.withHeader("Idempotency-Key", "shared")
            .post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"close\"}");

    assertProblem(reused, 422);
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    JsonNode item = acme.get("/api/v1/work-items/" + id).json();
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("UNASSIGNED");
  }

  @Test
  void aRefusedRequestDoesNotUseUpItsKey() {
    Api.Response refused =
        create("retry-me", "{\"title\":\"Checkout fails\",\"type\":\"bug\",\"priority\":\"P9\"}");
    assertProblem(refused, 422);
    assertThat(RowCounts.of(jdbc, "idempotency_keys")).isZero();

    Api.Response corrected = create("retry-me", ITEM);

    assertThat(corrected.status()).isEqualTo(201);
    assertThat(workItemRows()).isEqualTo(1);
  }

  @Test
  void keysAreScopedToTheTenant() {
    Api.Response inAcme = create("same-key", ITEM);
    Api.Response inGlobex =
        globex.withHeader("Idempotency-Key", "same-key").post("/api/v1/work-items", ITEM);

    assertThat(inAcme.status()).isEqualTo(201);
    assertThat(inGlobex.status()).isEqualTo(201);
    assertThat(inGlobex.json().get("id").asString())
        .isNotEqualTo(inAcme.json().get("id").asString());
    assertThat(listedIds(acme)).containsExactly(inAcme.json().get("id").asString());
    assertThat(listedIds(globex)).containsExactly(inGlobex.json().get("id").asString());
  }

  @Test
  void bulkCreateReplayedWithItsKeyCreatesOneSetOfItems() {
    String body =
        "{\"items\":[" + ITEM + ",{\"title\":\"Second\",\"type\":\"task\",\"priority\":\"P3\"}]}";
    Api keyed = acme.withHeader("Idempotency-Key", "bulk-1");

    Api.Response first = keyed.post("/api/v1/work-items/bulk", body);
    Api.Response second = keyed.post("/api/v1/work-items/bulk", body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("succeeded").asInt()).isEqualTo(2);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(workItemRows()).isEqualTo(2);
    assertThat(listedIds(acme)).hasSize(2);
  }

  @Test
  void anActionReplayedWithItsKeyDoesNotTransitionTwice() {
    Given.person(acme, "alice");
    String id = Given.workItem(acme, "Checkout fails");
    Api keyed = acme.withHeader("Idempotency-Key", "assign-1").withHeader("If-Match", "\"1\"");
    String assign = "{\"action\":\"assign\",\"to\":\"person:alice\"}";

    Api.Response first = keyed.post("/api/v1/work-items/" + id + "/actions", assign);
    long eventsAfterFirst = RowCounts.of(jdbc, "outbox_events");
    Api.Response second = keyed.post("/api/v1/work-items/" + id + "/actions", assign);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    JsonNode item = acme.get("/api/v1/work-items/" + id).json();
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("OFFERED");
    assertThat(item.get("assignment").get("version").asInt()).isEqualTo(2);
    List<String> actions = new ArrayList<>();
    acme.get("/api/v1/work-items/" + id + "/audit")
        .json()
        .get("items")
        .forEach(e -> actions.add(e.get("action").asString()));
    assertThat(actions)
        .containsExactly("work-item.created", "assignment.requested", "assignment.routed");
    assertThat(RowCounts.of(jdbc, "outbox_events")).isEqualTo(eventsAfterFirst);
  }
}
