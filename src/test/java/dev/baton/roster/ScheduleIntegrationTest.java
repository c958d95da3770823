package dev.baton.roster;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Schedules through the API: stored as written, asked who is on call, overrides, time off. */
class ScheduleIntegrationTest extends IntegrationTest {

  static final String PLATFORM_ONCALL =
      """
      {"id": "platform-oncall", "name": "Platform on-call", "timeZone": "America/New_York",
       "rotations": [{"name": "primary", "type": "weekly", "handoff": {"day": "MON", "time": "10:00"},
                      "start": "2026-01-05", "participants": ["alice", "bob"]}]}
      """;

  @BeforeEach
  void people() {
    Given.person(acme, "alice");
    Given.person(acme, "bob");
    Given.person(acme, "carol");
    assertThat(acme.post("/api/v1/schedules", PLATFORM_ONCALL).status()).isEqualTo(201);
  }

  private @org.jspecify.annotations.Nullable String onCallAt(String instant) {
    JsonNode shift =
        acme.get("/api/v1/schedules/platform-oncall/on-call?at=" + instant).json().get("onCall");
    return shift.isNull() ? null : shift.get("person").asString();
  }

  @Test
  void handOffFollowsNewYorkLocalTimeAcrossTheSpringChange() {
    // 9 March 2026 is the first Monday after the US clocks moved: 10:00 EDT is 14:00 UTC
    assertThat(onCallAt("2026-03-09T13:59:00Z")).isEqualTo("alice");
    assertThat(onCallAt("2026-03-09T14:01:00Z")).isEqualTo("bob");
    assertThat(onCallAt("2026-01-01T00:00:00Z")).isNull();
  }

  @Test
  void nextShiftsAreListedInOrder() {
    JsonNode shifts =
        acme.get("/api/v1/schedules/platform-oncall/shifts?from=2026-03-02T15:00:00Z&count=3")
            .json()
            .get("items");
    assertThat(shifts).hasSize(3);
    assertThat(shifts.get(0).get("person").asString()).isEqualTo("alice");
    assertThat(shifts.get(1).get("person").asString()).isEqualTo("bob");
    assertThat(shifts.get(1).get("start").asString()).isEqualTo("2026-03-09T14:00:00Z");
  }

  @Test
  void anOverrideCoversItsPeriodAndCanBeRemoved() {
    Api.Response added =
        acme.post(
            "/api/v1/schedules/platform-oncall/overrides",
            "{\"person\":\"carol\",\"from\":\"2026-03-10T00:00:00Z\",\"to\":\"2026-03-11T00:00:00Z\",\"reason\":\"swap\"}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(onCallAt("2026-03-10T12:00:00Z")).isEqualTo("carol");
    assertThat(
            acme.delete(
                    "/api/v1/schedules/platform-oncall/overrides/"
                        + added.json().get("id").asString())
                .status())
        .isEqualTo(204);
    assertThat(onCallAt("2026-03-10T12:00:00Z")).isEqualTo("bob");
  }

  @Test
  void timeOffHandsTheTurnToTheNextParticipant() {
    acme.post(
        "/api/v1/people/bob/time-off",
        "{\"from\":\"2026-03-10T00:00:00Z\",\"to\":\"2026-03-12T00:00:00Z\"}");
    JsonNode shift =
        acme.get("/api/v1/schedules/platform-oncall/on-call?at=2026-03-11T00:00:00Z")
            .json()
            .get("onCall");
    assertThat(shift.get("person").asString()).isEqualTo("alice");
    assertThat(shift.get("reason").asString()).contains("bob");
  }

  @Test
  void badSchedulesAreRefusedNamingTheField() {
    JsonNode problem =
        assertProblem(
            acme.put(
                "/api/v1/schedules/broken",
                """
                {"timeZone": "America/New_York", "rotations": [{"name": "primary", "type": "weekly",
                 "handoff": {"time": "10:00"}, "start": "2026-01-05", "participants": ["ghost"]}]}
                """),
            422);
    assertThat(problem.toString()).contains("rotations[0].participants");
    assertProblem(
        acme.put("/api/v1/schedules/broken", "{\"timeZone\":\"Nowhere/Else\",\"rotations\":[]}"),
        422);
    assertThat(acme.get("/api/v1/schedules/broken").status()).isEqualTo(404);
  }

  @Test
  void schedulesAreTenantScoped() {
    assertThat(globex.get("/api/v1/schedules/platform-oncall").status()).isEqualTo(404);
    assertThat(globex.get("/api/v1/schedules/platform-oncall/on-call").status()).isEqualTo(404);
    assertThat(globex.get("/api/v1/schedules").json().get("items")).isEmpty();
  }

  @Test
  void designScheduleDocumentIsAcceptedByConfigApply() {
    String yaml =
        """
        apiVersion: baton.dev/v1
        kind: Schedule
        metadata: { name: platform-oncall }
        spec:
          timeZone: America/New_York
          rotations:
            - name: primary
              type: weekly
              handoff: { day: MON, time: "10:00" }
              start: 2026-01-05
              participants: [alice, bob]
        """;
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", yaml);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    assertThat(applied.json().get("results").get(0).get("outcome").asString()).isEqualTo("updated");
    assertThat(onCallAt("2026-03-09T14:01:00Z")).isEqualTo("bob");
  }
}
