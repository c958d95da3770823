package dev.baton.roster;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Skills, capacity, working hours, the active flag, time off and team leads. */
class RosterDepthIntegrationTest extends IntegrationTest {

  private static final String ALICE =
      """
      {"id": "alice", "name": "Alice", "timeZone": "Europe/Berlin",
       "skills": {"backend": 3, "payments": 1},
       "capacity": {"maxOpen": 5, "perPriority": {"P1": 1}},
       "workingHours": {"days": ["MON", "TUE", "WED", "THU", "FRI"], "from": "09:00", "to": "17:00"}}
      """;

  @Test
  void personKeepsRoutingDetails() {
    JsonNode alice = acme.post("/api/v1/people", ALICE).json();
    assertThat(alice.get("active").asBoolean()).isTrue();
    assertThat(alice.get("skills").get("backend").asInt()).isEqualTo(3);
    assertThat(alice.get("capacity").get("maxOpen").asInt()).isEqualTo(5);
    assertThat(alice.get("capacity").get("perPriority").get("P1").asInt()).isEqualTo(1);
    assertThat(alice.get("workingHours").get("from").asString()).isEqualTo("09:00");
    JsonNode read = acme.get("/api/v1/people/alice").json();
    assertThat(read.get("skills")).isEqualTo(alice.get("skills"));
    assertThat(read.get("workingHours")).isEqualTo(alice.get("workingHours"));
  }

  @Test
  void skillsMayBeAPlainListWithLevelOne() {
    JsonNode bob =
        acme.post(
                "/api/v1/people",
                "{\"id\":\"bob\",\"name\":\"Bob\",\"skills\":[\"backend\",\"payments\"],\"active\":false}")
            .json();
    assertThat(bob.get("skills").get("payments").asInt()).isEqualTo(1);
    assertThat(bob.get("active").asBoolean()).isFalse();
  }

  @Test
  void badRoutingDetailsAreRefusedNamingEachField() {
    Api.Response answer =
        acme.post(
            "/api/v1/people",
            """
            {"id": "carol", "name": "Carol", "skills": {"backend": 11, "Bad Name": 1},
             "capacity": {"maxOpen": -1, "perPriority": {"P9": 1}},
             "workingHours": {"days": ["MONDAY"], "from": "9am", "to": "17:00"}}
            """);
    JsonNode problem = assertProblem(answer, 422);
    List<String> fields = new ArrayList<>();
    problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields)
        .contains(
            "skills.backend",
            "skills.Bad Name",
            "capacity.maxOpen",
            "capacity.perPriority",
            "workingHours.days",
            "workingHours.from");
    assertThat(acme.get("/api/v1/people/carol").status()).isEqualTo(404);
  }

  @Test
  void timeOffIsAddedListedAndRemovedWithAnAuditTrail() {
    acme.post("/api/v1/people", ALICE);
    Api.Response added =
        acme.post(
            "/api/v1/people/alice/time-off",
            "{\"from\":\"2030-07-01T00:00:00Z\",\"to\":\"2030-07-15T00:00:00Z\",\"reason\":\"holiday\"}");
    assertThat(added.status()).isEqualTo(201);
    String id = added.json().get("id").asString();
    JsonNode listed = acme.get("/api/v1/people/alice/time-off").json().get("items");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("reason").asString()).isEqualTo("holiday");
    assertThat(globex.get("/api/v1/people/alice/time-off").status()).isEqualTo(404);
    assertThat(acme.delete("/api/v1/people/alice/time-off/" + id).status()).isEqualTo(204);
    assertThat(acme.get("/api/v1/people/alice/time-off").json().get("items")).isEmpty();
    List<String> actions = new ArrayList<>();
    acme.get("/api/v1/audit?limit=100")
        .json()
        .get("items")
        .forEach(e -> actions.add(e.get("action").asString()));
    assertThat(actions).contains("person.time-off-added", "person.time-off-removed");
  }

  @Test
  void timeOffMustEndAfterItStarts() {
    acme.post("/api/v1/people", ALICE);
    assertProblem(
        acme.post(
            "/api/v1/people/alice/time-off",
            "{\"from\":\"2030-07-15T00:00:00Z\",\"to\":\"2030-07-01T00:00:00Z\"}"),
        422);
    assertProblem(acme.post("/api/v1/people/nobody/time-off", "{}"), 404);
  }

  @Test
  void teamsHaveLeadsWhoNeedNotBeMembers() {
    Given.person(acme, "alice");
    Given.person(acme, "carol");
    JsonNode team =
        acme.post(
                "/api/v1/teams",
                "{\"id\":\"backend\",\"name\":\"Backend\",\"members\":[\"alice\"],\"leads\":[\"carol\"]}")
            .json();
    assertThat(team.get("leads").get(0).asString()).isEqualTo("carol");
    assertThat(team.get("members")).hasSize(1);
    assertProblem(
        acme.put("/api/v1/teams/backend", "{\"name\":\"Backend\",\"leads\":[\"ghost\"]}"), 422);
  }

  @Test
  void deletingAPersonRecordsTheMembershipsItEnds() {
    Given.person(acme, "alice");
    Given.team(acme, "backend", "alice");
    assertThat(acme.delete("/api/v1/people/alice").status()).isEqualTo(204);
    List<String> actions = new ArrayList<>();
    acme.get("/api/v1/audit?limit=100")
        .json()
        .get("items")
        .forEach(e -> actions.add(e.get("action").asString()));
    assertThat(actions).contains("team.member-removed", "person.deleted");
    assertThat(acme.get("/api/v1/teams/backend").json().get("members")).isEmpty();
  }
}
