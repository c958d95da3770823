package dev.baton.delivery;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventFeedIntegrationTest extends IntegrationTest {

  private String itemId;

  /** A work item taken through five transitions: requested, routed, accepted, started, closed. */
  @BeforeEach
  void aWorkedItem() {
    Given.person(acme, "alice");
    itemId = Given.itemOfferedTo(acme, "alice");
    Given.action(acme, itemId, "{\"action\":\"accept\"}");
    Given.action(acme, itemId, "{\"action\":\"start\"}");
    Given.action(acme, itemId, "{\"action\":\"close\",\"reason\":\"fixed\"}");
  }

  private JsonNode feed(Api api, String query) {
    Api.Response answer = api.get("/api/v1/events" + query);
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    return answer.json();
  }

  private static List<String> types(JsonNode items) {
    List<String> types = new ArrayList<>();
    items.forEach(e -> types.add(e.get("type").asString()));
    return types;
  }

  @Test
  void eachTransitionWritesOneCloudEventInOrder() {
    JsonNode items = feed(acme, "").get("items");

    assertThat(types(items))
        .containsExactly(
            "dev.baton.assignment.requested",
            "dev.baton.assignment.routed",
            "dev.baton.assignment.accepted",
            "dev.baton.assignment.started",
            "dev.baton.assignment.closed");
    List<String> states = new ArrayList<>();
    var ids = new HashSet<String>();
    long previousSequence = 0;
    Instant previousTime = Instant.EPOCH;
    for (JsonNode event : items) {
      assertThat(event.get("specversion").asString()).isEqualTo("1.0");
      assertThat(ids.add(UUID.fromString(event.get("id").asString()).toString())).isTrue();
      assertThat(event.get("source").asString()).isEqualTo("/baton/tenants/acme");
      assertThat(event.get("subject").asString()).isEqualTo(itemId);
      assertThat(event.get("datacontenttype").asString()).isEqualTo("application/json");
      Instant time = Instant.parse(event.get("time").asString());
      assertThat(time).isAfterOrEqualTo(previousTime);
      previousTime = time;
      assertThat(event.get("batonsequence").asLong()).isEqualTo(previousSequence + 1);
      previousSequence = event.get("batonsequence").asLong();
      JsonNode data = event.get("data");
      assertThat(data.get("workItem").get("id").asString()).isEqualTo(itemId);
      assertThat(data.get("workItem").get("title").asString()).isEqualTo("Offered to alice");
      states.add(data.get("assignment").get("state").asString());
    }
    assertThat(states)
        .containsExactly("UNASSIGNED", "OFFERED", "ACCEPTED", "IN_PROGRESS", "CLOSED");
    JsonNode closed = items.get(4).get("data");
    assertThat(closed.get("action").asString()).isEqualTo("close");
    assertThat(closed.get("reason").asString()).isEqualTo("fixed");
    assertThat(closed.get("previous").get("state").asString()).isEqualTo("IN_PROGRESS");
  }

  @Test
  void aRefusedTransitionWritesNoEvent() {
    assertProblem(
        acme.post("/api/v1/work-items/" + itemId + "/actions", "{\"action\":\"start\"}"), 409);

    assertThat(feed(acme, "").get("items")).hasSize(5);
  }

  @Test
  void pagingWithNextReturnsTheRestAndThenAnEmptyPageThatRepeatsTheCursor() {
    JsonNode first = feed(acme, "?limit=2");
    assertThat(types(first.get("items")))
        .containsExactly("dev.baton.assignment.requested", "dev.baton.assignment.routed");

    JsonNode second = feed(acme, "?limit=2&after=" + first.get("next").asString());
    assertThat(types(second.get("items")))
        .containsExactly("dev.baton.assignment.accepted", "dev.baton.assignment.started");

    JsonNode third = feed(acme, "?limit=2&after=" + second.get("next").asString());
    assertThat(types(third.get("items"))).containsExactly("dev.baton.assignment.closed");

    String cursor = third.get("next").asString();
    JsonNode empty = feed(acme, "?limit=2&after=" + cursor);
    assertThat(empty.get("items")).isEmpty();
    assertThat(empty.get("next").asString()).isEqualTo(cursor);

    Given.action(acme, itemId, "{\"action\":\"reopen\"}");
    JsonNode later = feed(acme, "?after=" + cursor);
    assertThat(types(later.get("items"))).containsExactly("dev.baton.assignment.reopened");
  }

  @Test
  void tenantsSeeOnlyTheirOwnEvents() {
    String globexItem = Given.workItem(globex, "Globex work");

    JsonNode globexEvents = feed(globex, "").get("items");
    assertThat(globexEvents).hasSize(1);
    assertThat(globexEvents.get(0).get("subject").asString()).isEqualTo(globexItem);
    assertThat(globexEvents.get(0).get("source").asString()).isEqualTo("/baton/tenants/globex");
    assertThat(globexEvents.get(0).get("batonsequence").asLong()).isEqualTo(1);

    List<String> acmeSubjects = new ArrayList<>();
    feed(acme, "").get("items").forEach(e -> acmeSubjects.add(e.get("subject").asString()));
    assertThat(acmeSubjects).containsOnly(itemId);
    assertThat(feed(globex, "?after=1").get("items")).isEmpty();
  }

  @Test
  void readingTheFeedNeedsTheEventsScope() {
    assertProblem(acmeWith("work-items:read", "audit:read").get("/api/v1/events"), 403);
    assertThat(feed(acmeWith("events:read"), "").get("items")).hasSize(5);
  }
}
