package dev.baton.workitem;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.assignment.AssignmentAction;
import dev.baton.assignment.AssignmentCommand;
import dev.baton.assignment.Assignments;
import dev.baton.assignment.Owner;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Overrides stand against automatic changes; a reclaim rule takes overridden work back. */
class OverrideIntegrationTest extends IntegrationTest {

  static final String ROSTER =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice, capacity: { maxOpen: 1 } }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: bob }
      spec: { displayName: Bob }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: carol }
      spec: { displayName: Carol }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: backend }
      spec: { members: [alice, bob, carol], leads: [carol] }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: triage }
      spec: { team: backend }
      ---
      apiVersion: baton.dev/v1
      kind: Schedule
      metadata: { name: platform-oncall }
      spec:
        timeZone: America/New_York
        rotations:
          - name: primary
            type: daily
            handoff: { time: "10:00" }
            start: 2026-01-05
            participants: [carol]
      """;

  static final String POLICY =
      """
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:
          - name: p1-incidents-to-oncall
            when: item.priority == "P1" && item.type == "incident"
            assign: { schedule: platform-oncall }
            reclaim: true
          - name: bugs-to-bob
            when: item.type == "bug"
            assign: { person: bob }
        fallback: { queue: triage }
      """;

  @Autowired Assignments assignments;
  @Autowired WorkItems items;

  private void given(String yaml) {
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", yaml);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
  }

  private JsonNode create(String json) {
    Api.Response created = acme.post("/api/v1/work-items", json);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json();
  }

  private Api.Response act(String id, String body) {
    return acme.post("/api/v1/work-items/" + id + "/actions", body);
  }

  @Test
  void anOverrideStandsAgainstCapacityAndAutomaticCommands() {
    given(ROSTER);
    given(POLICY);
    // alice is at her cap of one open item before the override
    String other = Given.workItem(acme, "Other bug");
    Given.action(
        acme, other, "{\"action\":\"override\",\"to\":\"person:alice\",\"reason\":\"hers\"}");
    String id =
        create("{\"title\":\"Login broken\",\"type\":\"bug\",\"priority\":\"P2\"}")
            .get("id")
            .asString();
    assertThat(owner(id)).isEqualTo("person:bob");

    Api.Response overridden =
        act(id, "{\"action\":\"override\",\"to\":\"person:alice\",\"reason\":\"she knows it\"}");

    assertThat(overridden.status()).as("%s", overridden).isEqualTo(200);
    assertThat(overridden.json().get("assignment").get("state").asString()).isEqualTo("ACCEPTED");
    assertThat(owner(id)).isEqualTo("person:alice");
    JsonNode entry = lastAuditEntry(id);
    assertThat(entry.get("action").asString()).isEqualTo("assignment.overridden");
    assertThat(entry.get("actor").get("type").asString()).isEqualTo("token");
    assertThat(assignments.overriddenBy("acme", UUID.fromString(id))).isPresent();

    // the policy would route it to bob again, but routing no longer applies to accepted work
    assertProblem(act(id, "{\"action\":\"route\"}"), 409);
    // bob, who was offered it before, cannot decline it away from alice
    Api bob = api(Given.token(acme, "bob", "work-items:write").json().get("token").asString());
    assertProblem(
        bob.post(
            "/api/v1/work-items/" + id + "/actions", "{\"action\":\"decline\",\"reason\":\"x\"}"),
        409);
    // an automatic step (an escalation timer, a capacity rebalance) may not move it
    WorkItem item = items.get("acme", UUID.fromString(id));
    for (AssignmentAction action : List.of(AssignmentAction.ESCALATE, AssignmentAction.REASSIGN)) {
      assertThatThrownBy(
              () ->
                  assignments.apply(
                      "acme",
                      WorkItems.subject(item),
                      new AssignmentCommand(
                          action,
                          Owner.person("bob"),
                          "automatic",
                          null,
                          Actor.system("escalation"),
                          "escalation",
                          false)))
          .isInstanceOf(BatonException.Conflict.class)
          .hasMessageContaining("override");
    }
    assertThat(owner(id)).isEqualTo("person:alice");
    assertThat(lastAuditEntry(id).get("action").asString()).isEqualTo("assignment.overridden");

    // a person may still move it, and then the override no longer stands
    Given.action(acme, id, "{\"action\":\"reassign\",\"to\":\"person:bob\",\"reason\":\"back\"}");
    assertThat(assignments.overriddenBy("acme", UUID.fromString(id))).isEmpty();
  }

  @Test
  void aReclaimRuleTakesAnOverriddenP1IncidentBackToTheOnCall() {
    given(ROSTER);
    given(POLICY);
    String id =
        create("{\"title\":\"Checkout down\",\"type\":\"incident\",\"priority\":\"P1\"}")
            .get("id")
            .asString();
    assertThat(owner(id)).isEqualTo("person:carol");

    Api.Response answer =
        act(id, "{\"action\":\"override\",\"to\":\"person:alice\",\"reason\":\"I'll take it\"}");

    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    assertThat(answer.json().get("assignment").get("state").asString()).isEqualTo("OFFERED");
    assertThat(answer.json().get("assignment").get("owner").asString()).isEqualTo("person:carol");
    List<JsonNode> audit = auditEntries(id);
    JsonNode override = audit.get(audit.size() - 2);
    JsonNode reclaim = audit.get(audit.size() - 1);
    assertThat(override.get("action").asString()).isEqualTo("assignment.overridden");
    assertThat(override.get("after").get("owner").asString()).isEqualTo("person:alice");
    assertThat(reclaim.get("action").asString()).isEqualTo("assignment.reassigned");
    assertThat(reclaim.get("actor").get("id").asString()).isEqualTo("router");
    assertThat(reclaim.get("reason").asString())
        .startsWith("reclaimed by rule p1-incidents-to-oncall of policy engineering version 1");
    JsonNode decision =
        acme.get("/api/v1/work-items/" + id + "/decisions").json().get("items").get(0);
    assertThat(decision.get("trigger").asString()).isEqualTo("reclaim");
    assertThat(decision.get("rule").asString()).isEqualTo("p1-incidents-to-oncall");
    assertThat(decision.get("applied").asBoolean()).isTrue();
    JsonNode events = acme.get("/api/v1/events?limit=100").json().get("items");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.get("type").asString()).isEqualTo("dev.baton.assignment.reassigned");
    assertThat(last.get("data").get("decision").get("rule").asString())
        .isEqualTo("p1-incidents-to-oncall");
    assertThat(last.get("data").get("decision").get("reclaim").asBoolean()).isTrue();
    assertThat(last.get("data").get("decision").get("id").asString())
        .isEqualTo(decision.get("id").asString());
    assertThat(assignments.overriddenBy("acme", UUID.fromString(id))).isEmpty();
  }

  @Test
  void workNoReclaimRuleDecidesForKeepsItsOverride() {
    given(ROSTER);
    given(POLICY);
    String id =
        create("{\"title\":\"Slow page\",\"type\":\"task\",\"priority\":\"P3\"}")
            .get("id")
            .asString();
    assertThat(owner(id)).isEqualTo("queue:triage");

    Given.action(
        acme, id, "{\"action\":\"override\",\"to\":\"person:alice\",\"reason\":\"mine now\"}");

    assertThat(owner(id)).isEqualTo("person:alice");
    assertThat(lastAuditEntry(id).get("action").asString()).isEqualTo("assignment.overridden");
    assertThat(acme.get("/api/v1/work-items/" + id + "/decisions").json().get("items"))
        .allSatisfy(d -> assertThat(d.get("trigger").asString()).isNotEqualTo("reclaim"));
  }

  @Test
  void aReclaimWithoutATargetIsRefusedBySchema() {
    Api.Response refused =
        acme.withHeader("Content-Type", "application/yaml")
            .send(
                "POST",
                "/api/v1/policies/validate",
                """
                apiVersion: baton.dev/v1
                kind: RoutingPolicy
                metadata: { name: broken }
                spec:
                  rules:
                    - name: takes-back
                      when: item.priority == "P1"
                      reclaim: true
                """);
    assertProblem(refused, 422);
    assertThat(refused.body()).contains("assign");
  }

  private String owner(String id) {
    return acme.get("/api/v1/work-items/" + id).json().get("assignment").get("owner").asString();
  }

  private List<JsonNode> auditEntries(String id) {
    List<JsonNode> entries = new ArrayList<>();
    acme.get("/api/v1/work-items/" + id + "/audit").json().get("items").forEach(entries::add);
    return entries;
  }

  private JsonNode lastAuditEntry(String id) {
    List<JsonNode> entries = auditEntries(id);
    return entries.get(entries.size() - 1);
  }
}
