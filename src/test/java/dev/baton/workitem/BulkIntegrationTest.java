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

class BulkIntegrationTest extends IntegrationTest {

  private static String item(String title, String priority) {
    return "{\"title\":\"" + title + "\",\"type\":\"bug\",\"priority\":\"" + priority + "\"}";
  }

  private static String bulk(List<String> entries) {
    return "{\"items\":[" + String.join(",", entries) + "]}";
  }

  private Api.Response bulkCreate(List<String> entries) {
    return acme.post("/api/v1/work-items/bulk", bulk(entries));
  }

  private Api.Response bulkAction(String action, List<String> ids) {
    List<String> quoted = ids.stream().map(id -> "\"" + id + "\"").toList();
    return acme.post(
        "/api/v1/work-items/actions",
        action.substring(0, action.length() - 1) + ",\"ids\":[" + String.join(",", quoted) + "]}");
  }

  private String stateOf(String id) {
    return acme.get("/api/v1/work-items/" + id).json().get("assignment").get("state").asString();
  }

  @Test
  void oneBadEntryIsReportedWhileTheGoodOnesAreCreated() {
    Api.Response answer =
        bulkCreate(List.of(item("First", "P1"), item("Second", "P9"), item("Third", "P3")));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.get("succeeded").asInt()).isEqualTo(2);
    assertThat(body.get("failed").asInt()).isEqualTo(1);
    JsonNode results = body.get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("index").asInt()).isZero();
    assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
    assertThat(results.get(0).get("item").get("title").asString()).isEqualTo("First");
    assertThat(results.get(1).get("status").asInt()).isEqualTo(422);
    assertThat(fields(results.get(1).get("problem"))).containsExactly("items[1].priority");
    assertThat(results.get(1).has("item")).isFalse();
    assertThat(results.get(2).get("status").asInt()).isEqualTo(201);

    List<String> titles = new ArrayList<>();
    acme.get("/api/v1/work-items")
        .json()
        .get("items")
        .forEach(i -> titles.add(i.get("title").asString()));
    assertThat(titles).containsExactlyInAnyOrder("First", "Third");
    assertThat(RowCounts.of(jdbc, "work_items")).isEqualTo(2);
  }

  @Test
  void aRefusedEntryLeavesNoGapInTheAuditChainOrTheEventFeed() {
    bulkCreate(List.of(item("First", "P1"), "{\"title\":\"\"}", item("Third", "P3")));

    assertThat(acme.get("/api/v1/audit/verify").json().get("intact").asBoolean()).isTrue();
    List<Long> sequence = new ArrayList<>();
    acme.get("/api/v1/events")
        .json()
        .get("items")
        .forEach(e -> sequence.add(e.get("batonsequence").asLong()));
    assertThat(sequence).containsExactly(1L, 2L);
  }

  @Test
  void moreThan500EntriesAnswer422AndWriteNothing() {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      entries.add(item("Item " + i, "P3"));
    }
    Map<String, Long> before = RowCounts.of(jdbc);

    Api.Response answer =
        acme.withHeader("Idempotency-Key", "too-many")
            .post("/api/v1/work-items/bulk", bulk(entries));

    JsonNode problem = assertProblem(answer, 422);
    assertThat(fields(problem)).containsExactly("items");
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void exactly500EntriesAreAccepted() {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      entries.add(item("Item " + i, "P3"));
    }

    Api.Response answer = bulkCreate(entries);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("succeeded").asInt()).isEqualTo(500);
    assertThat(RowCounts.of(jdbc, "work_items")).isEqualTo(500);
  }

  @Test
  void anEmptyOrNullEntryListAnswers422() {
    Map<String, Long> before = RowCounts.of(jdbc);

    assertThat(fields(assertProblem(bulkCreate(List.of()), 422))).containsExactly("items");
    assertThat(fields(assertProblem(acme.post("/api/v1/work-items/bulk", "{}"), 422)))
        .containsExactly("items");
    assertThat(fields(assertProblem(bulkCreate(List.of(item("a", "P1"), "null")), 422)))
        .containsExactly("items[1]");
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void aBulkActionAppliesToEachItemAndReportsTheOneThatFails() {
    Given.person(acme, "alice");
    String first = Given.workItem(acme, "First");
    String alreadyOffered = Given.itemOfferedTo(acme, "alice");
    String third = Given.workItem(acme, "Third");
    String unknown = "0190f0e0-0000-7000-8000-000000000000";

    Api.Response answer =
        bulkAction(
            "{\"action\":\"assign\",\"to\":\"person:alice\"}",
            List.of(first, alreadyOffered, third, unknown));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.get("succeeded").asInt()).isEqualTo(2);
    assertThat(body.get("failed").asInt()).isEqualTo(2);
    JsonNode results = body.get("results");
    assertThat(results.get(0).get("id").asString()).isEqualTo(first);
    assertThat(results.get(0).get("status").asInt()).isEqualTo(200);
    assertThat(results.get(0).get("item").get("assignment").get("state").asString())
        .isEqualTo("OFFERED");
    assertThat(results.get(1).get("status").asInt()).isEqualTo(409);
    assertThat(results.get(1).get("problem").get("currentState").asString()).isEqualTo("OFFERED");
    assertThat(results.get(2).get("status").asInt()).isEqualTo(200);
    assertThat(results.get(3).get("status").asInt()).isEqualTo(404);

    assertThat(stateOf(first)).isEqualTo("OFFERED");
    assertThat(stateOf(third)).isEqualTo("OFFERED");
    JsonNode offered = acme.get("/api/v1/work-items/" + alreadyOffered).json().get("assignment");
    assertThat(offered.get("version").asInt()).isEqualTo(2);
    assertThat(acme.get("/api/v1/audit/verify").json().get("intact").asBoolean()).isTrue();
  }

  @Test
  void aBulkActionWithAMissingReasonFailsForEveryItemAndChangesNothing() {
    String first = Given.workItem(acme, "First");
    String second = Given.workItem(acme, "Second");
    Map<String, Long> before = RowCounts.of(jdbc);

    Api.Response answer =
        bulkAction("{\"action\":\"reassign\",\"to\":\"person:nobody\"}", List.of(first, second));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("succeeded").asInt()).isZero();
    answer
        .json()
        .get("results")
        .forEach(
            r -> {
              assertThat(r.get("status").asInt()).isEqualTo(422);
              assertThat(fields(r.get("problem"))).contains("reason");
            });
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void moreThan500IdsAnswer422() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      ids.add("0190f0e0-0000-7000-8000-" + String.format("%012d", i));
    }

    assertThat(fields(assertProblem(bulkAction("{\"action\":\"close\"}", ids), 422)))
        .containsExactly("ids");
  }
}
