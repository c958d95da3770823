package dev.baton.workitem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AssignmentLifecycleIntegrationTest extends IntegrationTest {

  @BeforeEach
  void roster() {
    assertThat(acme.post("/api/v1/people", "{\"id\":\"alice\",\"name\":\"Alice\"}").status())
        .isEqualTo(201);
    assertThat(acme.post("/api/v1/people", "{\"id\":\"bob\",\"name\":\"Bob\"}").status())
        .isEqualTo(201);
    assertThat(
            acme.post(
                    "/api/v1/teams",
                    "{\"id\":\"backend\",\"name\":\"Backend\",\"members\":[\"alice\",\"bob\"]}")
                .status())
        .isEqualTo(201);
    assertThat(
            acme.post(
                    "/api/v1/queues",
                    "{\"id\":\"triage\",\"name\":\"Triage\",\"team\":\"backend\"}")
                .status())
        .isEqualTo(201);
  }

  private String newItem() {
    Api.Response created =
        acme.post(
            "/api/v1/work-items",
            "{\"title\":\"Checkout fails\",\"type\":\"bug\",\"priority\":\"P2\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("assignment").get("state").asString()).isEqualTo("UNASSIGNED");
    return created.json().get("id").asString();
  }

  private Api.Response act(String id, int version, String body) {
    return acme.withHeader("If-Match", "\"" + version + "\"")
        .post("/api/v1/work-items/" + id + "/actions", body);
  }

  @Test
  void wholeLifecycleIsAppliedAndAudited() {
    String id = newItem();
    List<String[]> steps =
        List.of(
            new String[] {
              "{\"action\":\"assign\",\"to\":\"person:alice\"}", "OFFERED", "person:alice"
            },
            new String[] {"{\"action\":\"accept\"}", "ACCEPTED", "person:alice"},
            new String[] {"{\"action\":\"start\"}", "IN_PROGRESS", "person:alice"},
            new String[] {
              "{\"action\":\"block\",\"reason\":\"waiting for vendor\"}", "BLOCKED", "person:alice"
            },
            new String[] {"{\"action\":\"unblock\"}", "IN_PROGRESS", "person:alice"},
            new String[] {
              "{\"action\":\"reassign\",\"to\":\"queue:triage\",\"reason\":\"needs triage\"}",
              "QUEUED",
              "queue:triage"
            },
            new String[] {
              "{\"action\":\"accept\",\"to\":\"person:bob\"}", "ACCEPTED", "person:bob"
            },
            new String[] {"{\"action\":\"close\",\"reason\":\"fixed\"}", "CLOSED", "person:bob"},
            new String[] {"{\"action\":\"reopen\"}", "UNASSIGNED", null});
    int version = 1;
    for (String[] step : steps) {
      Api.Response answer = act(id, version, step[0]);
      assertThat(answer.status()).as(step[0] + " -> " + answer).isEqualTo(200);
      JsonNode assignment = answer.json().get("assignment");
      assertThat(assignment.get("state").asString()).isEqualTo(step[1]);
      assertThat(assignment.get("owner").isNull() ? null : assignment.get("owner").asString())
          .isEqualTo(step[2]);
      assertThat(assignment.get("version").asInt()).isEqualTo(version + 1);
      version++;
    }

    JsonNode audit = acme.get("/api/v1/work-items/" + id + "/audit").json().get("items");
    List<String> actions = new ArrayList<>();
    audit.forEach(e -> actions.add(e.get("action").asString()));
    assertThat(actions)
        .containsExactly(
            "work-item.created",
            "assignment.requested",
            "assignment.routed",
            "assignment.accepted",
            "assignment.started",
            "assignment.blocked",
            "assignment.unblocked",
            "assignment.reassigned",
            "assignment.accepted",
            "assignment.closed",
            "assignment.reopened");
    JsonNode blocked = audit.get(5);
    assertThat(blocked.get("reason").asString()).isEqualTo("waiting for vendor");
    assertThat(blocked.get("before").get("state").asString()).isEqualTo("IN_PROGRESS");
    assertThat(blocked.get("after").get("state").asString()).isEqualTo("BLOCKED");
    assertThat(blocked.get("actor").get("type").asString()).isEqualTo("token");
    assertThat(blocked.get("correlationId").asString()).isNotBlank();
    assertThat(acme.get("/api/v1/audit/verify").json().get("intact").asBoolean()).isTrue();
  }

  @Test
  void disallowedTransitionAnswers409NamingStateAndAllowedActions() {
    String id = newItem();
    Api.Response answer = act(id, 1, "{\"action\":\"start\"}");
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("currentState").asString()).isEqualTo("UNASSIGNED");
    List<String> allowed = new ArrayList<>();
    answer.json().get("allowedActions").forEach(a -> allowed.add(a.asString()));
    assertThat(allowed).containsExactly("route", "assign", "reassign", "override", "close");
  }

  @Test
  void staleVersionAnswers412AndChangesNothing() {
    String id = newItem();
    assertThat(act(id, 1, "{\"action\":\"assign\",\"to\":\"person:alice\"}").status())
        .isEqualTo(200);
    Api.Response stale = act(id, 1, "{\"action\":\"assign\",\"to\":\"person:bob\"}");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().get("currentVersion").asInt()).isEqualTo(2);
    JsonNode item = acme.get("/api/v1/work-items/" + id).json();
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("person:alice");
  }

  @Test
  void missingReasonAnswers422() {
    String id = newItem();
    act(id, 1, "{\"action\":\"assign\",\"to\":\"person:alice\"}");
    Api.Response answer = act(id, 2, "{\"action\":\"decline\"}");
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
    assertThat(acme.get("/api/v1/work-items/" + id).json().get("assignment").get("version").asInt())
        .isEqualTo(2);
  }
}
