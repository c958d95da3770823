package dev.baton.roster;

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

class RosterIntegrationTest extends IntegrationTest {

  private static String person(String id, String extra) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"" + extra + "}";
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  /** The action of each entry of the tenant's audit log about {@code subjectType}, in order. */
  private List<String> auditedActions(String subjectType) {
    List<String> actions = new ArrayList<>();
    acme.get("/api/v1/audit?limit=500")
        .json()
        .get("items")
        .forEach(
            e -> {
              if (e.get("subject").get("type").asString().equals(subjectType)) {
                actions.add(
                    e.get("action").asString() + " " + e.get("subject").get("id").asString());
              }
            });
    return actions;
  }

  /** Every id of a paged list, walking the pages with {@code limit} and {@code cursor}. */
  private List<List<String>> pages(String path, int limit) {
    List<List<String>> pages = new ArrayList<>();
    String cursor = null;
    do {
      Api.Response answer =
          acme.get(path + "?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(answer.status()).as("%s", answer).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      answer.json().get("items").forEach(i -> ids.add(i.get("id").asString()));
      pages.add(ids);
      JsonNode next = answer.json().get("next");
      cursor = next.isNull() ? null : next.asString();
    } while (cursor != null && pages.size() < 10);
    return pages;
  }

  @Test
  void aPersonIsCreatedReadReplacedAndDeleted() {
    Api.Response created =
        acme.post(
            "/api/v1/people",
            person(
                "alice",
                ",\"email\":\"alice@example.com\",\"timeZone\":\"Europe/Berlin\","
                    + "\"identities\":{\"slack\":\"U123\",\"github\":\"alice-gh\"}"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("version").asInt()).isEqualTo(1);

    JsonNode read = acme.get("/api/v1/people/alice").json();
    assertThat(read.get("timeZone").asString()).isEqualTo("Europe/Berlin");
    assertThat(read.get("identities").get("slack").asString()).isEqualTo("U123");

    Api.Response replaced =
        acme.put("/api/v1/people/alice", "{\"name\":\"Alice Liddell\",\"timeZone\":\"UTC\"}");
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().get("name").asString()).isEqualTo("Alice Liddell");
    assertThat(replaced.json().get("version").asInt()).isEqualTo(2);
    assertThat(replaced.json().get("identities").get("slack").isNull()).isTrue();
    assertThat(replaced.json().get("email").isNull()).isTrue();

    assertThat(acme.delete("/api/v1/people/alice").status()).isEqualTo(204);
    assertProblem(acme.get("/api/v1/people/alice"), 404);
    assertThat(auditedActions("person"))
        .containsExactly("person.created alice", "person.updated alice", "person.deleted alice");
  }

  @Test
  void putCreatesAPersonThatDoesNotExistAndThenReplacesIt() {
    Api.Response first = acme.put("/api/v1/people/bob", "{\"name\":\"Bob\"}");
    Api.Response second = acme.put("/api/v1/people/bob", "{\"id\":\"bob\",\"name\":\"Robert\"}");

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json().get("timeZone").asString()).isEqualTo("UTC");
    assertThat(second.status()).isEqualTo(200);
    assertThat(acme.get("/api/v1/people/bob").json().get("name").asString()).isEqualTo("Robert");
  }

  @Test
  void putWithAnotherIdInTheBodyAnswers422() {
    JsonNode problem =
        assertProblem(acme.put("/api/v1/people/bob", "{\"id\":\"carol\",\"name\":\"Bob\"}"), 422);
    assertThat(fields(problem)).containsExactly("id");
    assertProblem(acme.get("/api/v1/people/bob"), 404);
  }

  @Test
  void aDuplicatePersonIdAnswers409() {
    Given.person(acme, "alice");

    assertProblem(acme.post("/api/v1/people", person("alice", "")), 409);
    assertThat(acme.get("/api/v1/people/alice").json().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void aDuplicateSlackIdentityAnswers409NamingTheField() {
    assertThat(
            acme.post("/api/v1/people", person("alice", ",\"identities\":{\"slack\":\"U123\"}"))
                .status())
        .isEqualTo(201);
    Map<String, Long> before = RowCounts.of(jdbc);

    JsonNode onCreate =
        assertProblem(
            acme.post("/api/v1/people", person("bob", ",\"identities\":{\"slack\":\"U123\"}")),
            409);
    assertThat(onCreate.get("field").asString()).isEqualTo("identities.slack");
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);

    Given.person(acme, "carol");
    JsonNode onReplace =
        assertProblem(
            acme.put(
                "/api/v1/people/carol", "{\"name\":\"Carol\",\"identities\":{\"slack\":\"U123\"}}"),
            409);
    assertThat(onReplace.get("field").asString()).isEqualTo("identities.slack");
    assertThat(acme.get("/api/v1/people/carol").json().get("identities").get("slack").isNull())
        .isTrue();
  }

  @Test
  void aDuplicateEmailInAnotherCaseAnswers409NamingTheField() {
    acme.post("/api/v1/people", person("alice", ",\"email\":\"alice@example.com\""));

    JsonNode problem =
        assertProblem(
            acme.post("/api/v1/people", person("bob", ",\"email\":\"ALICE@example.com\"")), 409);
    assertThat(problem.get("field").asString()).isEqualTo("email");
  }

  @Test
  void anInvalidTimeZoneAnswers422() {
    JsonNode problem =
        assertProblem(
            acme.post("/api/v1/people", person("alice", ",\"timeZone\":\"Mars/Olympus\"")), 422);
    assertThat(fields(problem)).containsExactly("timeZone");
    assertProblem(acme.get("/api/v1/people/alice"), 404);
  }

  @Test
  void anInvalidIdAnswers422() {
    JsonNode problem = assertProblem(acme.post("/api/v1/people", person("Alice Smith", "")), 422);
    assertThat(fields(problem)).containsExactly("id");
  }

  @Test
  void aTeamIsCreatedReplacedAndDeleted() {
    Given.person(acme, "alice");
    Given.person(acme, "bob");

    Api.Response created =
        acme.post(
            "/api/v1/teams",
            "{\"id\":\"backend\",\"name\":\"Backend\",\"members\":[\"bob\",\"alice\",\"bob\"]}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(strings(created.json().get("members"))).containsExactly("alice", "bob");

    Api.Response replaced =
        acme.put("/api/v1/teams/backend", "{\"name\":\"Back end\",\"members\":[\"bob\"]}");
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(strings(replaced.json().get("members"))).containsExactly("bob");
    assertThat(replaced.json().get("version").asInt()).isEqualTo(2);

    assertThat(acme.put("/api/v1/teams/frontend", "{\"name\":\"Frontend\"}").status())
        .isEqualTo(201);
    assertProblem(acme.post("/api/v1/teams", "{\"id\":\"frontend\",\"name\":\"Again\"}"), 409);

    assertThat(acme.delete("/api/v1/teams/backend").status()).isEqualTo(204);
    assertProblem(acme.get("/api/v1/teams/backend"), 404);
    assertThat(auditedActions("team"))
        .containsExactly(
            "team.created backend",
            "team.updated backend",
            "team.created frontend",
            "team.deleted backend");
  }

  @Test
  void aTeamWithAnUnknownMemberAnswers422() {
    Given.person(acme, "alice");

    JsonNode problem =
        assertProblem(
            acme.post(
                "/api/v1/teams",
                "{\"id\":\"backend\",\"name\":\"Backend\",\"members\":[\"alice\",\"ghost\"]}"),
            422);

    assertThat(fields(problem)).containsExactly("members");
    assertThat(problem.get("detail").asString()).contains("ghost");
    assertProblem(acme.get("/api/v1/teams/backend"), 404);
  }

  @Test
  void membersAreAddedAndRemovedOneByOne() {
    Given.person(acme, "alice");
    Given.person(acme, "bob");
    Given.team(acme, "backend", "alice");

    Api.Response added = acme.post("/api/v1/teams/backend/members", "{\"person\":\"bob\"}");
    assertThat(added.status()).isEqualTo(200);
    assertThat(strings(added.json().get("members"))).containsExactly("alice", "bob");

    Api.Response removed = acme.delete("/api/v1/teams/backend/members/alice");
    assertThat(removed.status()).isEqualTo(200);
    assertThat(strings(removed.json().get("members"))).containsExactly("bob");

    assertProblem(acme.delete("/api/v1/teams/backend/members/alice"), 404);
    assertThat(
            fields(
                assertProblem(
                    acme.post("/api/v1/teams/backend/members", "{\"person\":\"ghost\"}"), 422)))
        .containsExactly("person");
    assertThat(strings(acme.get("/api/v1/teams/backend").json().get("members")))
        .containsExactly("bob");
    assertThat(auditedActions("team"))
        .containsExactly(
            "team.created backend", "team.member-added backend", "team.member-removed backend");
  }

  @Test
  void aQueueIsCreatedReplacedAndDeleted() {
    Given.person(acme, "alice");
    Given.team(acme, "backend", "alice");
    Given.team(acme, "frontend", "alice");

    Api.Response created =
        acme.post("/api/v1/queues", "{\"id\":\"triage\",\"name\":\"Triage\",\"team\":\"backend\"}");
    assertThat(created.status()).isEqualTo(201);
    assertProblem(
        acme.post("/api/v1/queues", "{\"id\":\"triage\",\"name\":\"Again\",\"team\":\"backend\"}"),
        409);
    assertThat(
            fields(
                assertProblem(
                    acme.post(
                        "/api/v1/queues",
                        "{\"id\":\"inbox\",\"name\":\"Inbox\",\"team\":\"ghost\"}"),
                    422)))
        .containsExactly("team");

    Api.Response moved =
        acme.put("/api/v1/queues/triage", "{\"name\":\"Triage\",\"team\":\"frontend\"}");
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().get("team").asString()).isEqualTo("frontend");
    assertThat(
            acme.put("/api/v1/queues/inbox", "{\"name\":\"Inbox\",\"team\":\"backend\"}").status())
        .isEqualTo(201);

    assertThat(acme.delete("/api/v1/queues/triage").status()).isEqualTo(204);
    assertProblem(acme.get("/api/v1/queues/triage"), 404);
    assertThat(auditedActions("queue"))
        .containsExactly(
            "queue.created triage",
            "queue.updated triage",
            "queue.created inbox",
            "queue.deleted triage");
  }

  @Test
  void aTeamThatOwnsAQueueCannotBeDeleted() {
    Given.person(acme, "alice");
    Given.team(acme, "backend", "alice");
    Given.queue(acme, "triage", "backend");

    JsonNode problem = assertProblem(acme.delete("/api/v1/teams/backend"), 409);

    assertThat(strings(problem.get("queues"))).containsExactly("triage");
    assertThat(acme.get("/api/v1/teams/backend").status()).isEqualTo(200);
  }

  @Test
  void aPersonHoldingOpenWorkCannotBeDeletedUntilItIsClosed() {
    Given.person(acme, "alice");
    String id = Given.itemOfferedTo(acme, "alice");

    JsonNode problem = assertProblem(acme.delete("/api/v1/people/alice"), 409);
    assertThat(problem.get("openAssignments").asLong()).isEqualTo(1);
    assertThat(acme.get("/api/v1/people/alice").status()).isEqualTo(200);

    Given.action(acme, id, "{\"action\":\"close\"}");
    assertThat(acme.delete("/api/v1/people/alice").status()).isEqualTo(204);
  }

  @Test
  void aQueueHoldingOpenWorkCannotBeDeletedUntilItIsClosed() {
    Given.person(acme, "alice");
    Given.team(acme, "backend", "alice");
    Given.queue(acme, "triage", "backend");
    String id = Given.workItem(acme, "Queued");
    Given.action(acme, id, "{\"action\":\"assign\",\"to\":\"queue:triage\"}");

    JsonNode problem = assertProblem(acme.delete("/api/v1/queues/triage"), 409);
    assertThat(problem.get("openAssignments").asLong()).isEqualTo(1);
    assertThat(acme.get("/api/v1/queues/triage").status()).isEqualTo(200);

    Given.action(acme, id, "{\"action\":\"close\"}");
    assertThat(acme.delete("/api/v1/queues/triage").status()).isEqualTo(204);
  }

  @Test
  void listsArePagedWithLimitAndCursor() {
    for (String id : List.of("erin", "alice", "dave", "carol", "bob")) {
      Given.person(acme, id);
    }
    Given.team(acme, "t1");
    Given.team(acme, "t2");
    Given.team(acme, "t3");
    Given.queue(acme, "q1", "t1");
    Given.queue(acme, "q2", "t1");
    Given.queue(acme, "q3", "t2");

    assertThat(pages("/api/v1/people", 2))
        .containsExactly(List.of("alice", "bob"), List.of("carol", "dave"), List.of("erin"));
    assertThat(pages("/api/v1/teams", 2)).containsExactly(List.of("t1", "t2"), List.of("t3"));
    assertThat(pages("/api/v1/queues", 3)).containsExactly(List.of("q1", "q2", "q3"));
  }
}
