package dev.baton.workitem;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Work routed by the active policy on creation, decline and reopen; decisions recorded. */
class RoutingIntegrationTest extends IntegrationTest {

  static final String ROSTER =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice, skills: [backend, payments] }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: bob }
      spec: { displayName: Bob, skills: [backend, payments] }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: carol }
      spec: { displayName: Carol, skills: [backend] }
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
      ---
      apiVersion: baton.dev/v1
      kind: EscalationPolicy
      metadata: { name: sre-default }
      spec:
        steps:
          - { after: PT15M, action: notify, targets: [{ teamLead: backend }] }
      """;

  /** DESIGN.md section 8's example policy, as written. */
  static final String ENGINEERING =
      """
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:                                   # ordered; first match wins unless `continue: true`
          - name: p1-incidents-to-oncall
            when: item.priority == "P1" && item.type == "incident"     # CEL
            assign: { schedule: platform-oncall }
            escalation: sre-default
            notify: { slack: { channel: "#incidents" } }
          - name: premium-bugs
            when: item.customer.tier == "premium" && item.type == "bug"
            assign: { team: backend, strategy: least-loaded, requireSkills: [payments] }
        fallback: { queue: triage }
        tieBreaker: [load, lastAssignedAt, id]   # deterministic
      """;

  @BeforeEach
  void rosterAndPolicy() {
    assertThat(apply(ROSTER).status()).isEqualTo(200);
    Api.Response applied = apply(ENGINEERING);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
  }

  private Api.Response apply(String yaml) {
    return acme.withHeader("Content-Type", "application/yaml")
        .send("POST", "/api/v1/config/apply", yaml);
  }

  private JsonNode create(String json) {
    Api.Response created = acme.post("/api/v1/work-items", json);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json();
  }

  @Test
  void p1IncidentGoesToTheOnCallWithItsDecisionRecorded() {
    JsonNode item =
        create("{\"title\":\"Checkout down\",\"type\":\"incident\",\"priority\":\"P1\"}");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("OFFERED");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("person:carol");
    String id = item.get("id").asString();
    JsonNode decision =
        acme.get("/api/v1/work-items/" + id + "/decisions").json().get("items").get(0);
    assertThat(decision.get("rule").asString()).isEqualTo("p1-incidents-to-oncall");
    assertThat(decision.get("applied").asBoolean()).isTrue();
    assertThat(decision.get("policyVersion").asInt()).isEqualTo(1);
    assertThat(decision.get("trigger").asString()).isEqualTo("created");
    assertThat(decision.get("why").asString()).isNotBlank();
    assertThat(decision.get("record").get("notifications").get(0).toString())
        .contains("#incidents");
    List<String> actions = new ArrayList<>();
    auditEntries(id).forEach(e -> actions.add(e.get("action").asString()));
    // the rule names an escalation policy and gives no accept window: the chain starts at once
    assertThat(actions).endsWith("assignment.routed", "escalation.started");
    JsonNode routed = auditEntries(id).get(actions.indexOf("assignment.routed"));
    assertThat(routed.get("actor").get("id").asString()).isEqualTo("router");
    assertThat(routed.get("reason").asString()).isEqualTo(decision.get("why").asString());
  }

  @Test
  void premiumBugGoesToTheLeastLoadedMemberWithTheSkill() {
    create(
        "{\"title\":\"one\",\"type\":\"bug\",\"priority\":\"P2\",\"customer\":{\"tier\":\"premium\"}}");
    JsonNode second =
        create(
            "{\"title\":\"two\",\"type\":\"bug\",\"priority\":\"P2\",\"customer\":{\"tier\":\"premium\"}}");
    // alice took the first (tie broken by id); bob is now the least loaded with payments
    assertThat(second.get("assignment").get("owner").asString()).isEqualTo("person:bob");
    JsonNode record =
        acme.get("/api/v1/work-items/" + second.get("id").asString() + "/decisions")
            .json()
            .get("items")
            .get(0)
            .get("record");
    List<String> rejected = new ArrayList<>();
    record.get("rejected").forEach(r -> rejected.add(r.get("id").asString()));
    assertThat(rejected).contains("carol");
  }

  @Test
  void everythingElseFallsBackToTheTriageQueue() {
    JsonNode item = create("{\"title\":\"question\",\"type\":\"task\",\"priority\":\"P4\"}");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("QUEUED");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("queue:triage");
  }

  @Test
  void aDeclineReroutesAwayFromTheDecliner() {
    JsonNode item =
        create(
            "{\"title\":\"bug\",\"type\":\"bug\",\"priority\":\"P2\",\"customer\":{\"tier\":\"premium\"}}");
    String id = item.get("id").asString();
    String first = item.get("assignment").get("owner").asString();
    Api.Response declined =
        acme.post(
            "/api/v1/work-items/" + id + "/actions",
            "{\"action\":\"decline\",\"reason\":\"on leave\"}");
    assertThat(declined.status()).as("%s", declined).isEqualTo(200);
    String second = declined.json().get("assignment").get("owner").asString();
    assertThat(second).startsWith("person:").isNotEqualTo(first);
    JsonNode latest =
        acme.get("/api/v1/work-items/" + id + "/decisions").json().get("items").get(0);
    assertThat(latest.get("trigger").asString()).isEqualTo("declined");
  }

  @Test
  void aShadowPolicyDecidesButChangesNothing() {
    String shadow =
        """
        apiVersion: baton.dev/v1
        kind: RoutingPolicy
        metadata: { name: candidate }
        spec:
          mode: shadow
          rules:
            - name: everything-to-alice
              assign: { person: alice }
        """;
    assertThat(apply(shadow).status()).isEqualTo(200);
    JsonNode item = create("{\"title\":\"question\",\"type\":\"task\",\"priority\":\"P4\"}");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("queue:triage");
    JsonNode decisions =
        acme.get("/api/v1/work-items/" + item.get("id").asString() + "/decisions")
            .json()
            .get("items");
    assertThat(decisions).hasSize(2);
    List<String> applied = new ArrayList<>();
    decisions.forEach(
        d -> applied.add(d.get("policy").asString() + "=" + d.get("applied").asBoolean()));
    assertThat(applied).containsExactlyInAnyOrder("engineering=true", "candidate=false");
  }

  @Test
  void onlyOnePolicyCanBeLive() {
    String other =
        """
        apiVersion: baton.dev/v1
        kind: RoutingPolicy
        metadata: { name: other }
        spec:
          rules:
            - name: all
              assign: { queue: triage }
        """;
    assertProblem(apply(other), 409);
    assertThat(acme.get("/api/v1/policies/other").status()).isEqualTo(404);
  }

  @Test
  void versionsAreActivatedAndRolledBackWithAnAuditTrail() {
    String v2 = ENGINEERING.replace("fallback: { queue: triage }", "");
    Api.Response created =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/policies/engineering/versions?reason=no+fallback", v2);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().get("version").asInt()).isEqualTo(2);
    assertThat(
            acme.post("/api/v1/policies/engineering/activate", "{\"version\":2,\"reason\":\"try\"}")
                .json()
                .get("activeVersion")
                .asInt())
        .isEqualTo(2);
    JsonNode nothing = create("{\"title\":\"q\",\"type\":\"task\",\"priority\":\"P4\"}");
    assertThat(nothing.get("assignment").get("state").asString()).isEqualTo("UNASSIGNED");
    JsonNode rolledBack =
        acme.post("/api/v1/policies/engineering/rollback", "{\"reason\":\"items stranded\"}")
            .json();
    assertThat(rolledBack.get("activeVersion").asInt()).isEqualTo(1);
    List<String> actions = new ArrayList<>();
    acme.get("/api/v1/audit?limit=500")
        .json()
        .get("items")
        .forEach(e -> actions.add(e.get("action").asString()));
    assertThat(actions)
        .contains(
            "policy.version-created", "policy.activated", "policy.rolled-back", "routing.failed");
    JsonNode versions = acme.get("/api/v1/policies/engineering/versions").json().get("items");
    assertThat(versions.get(1).get("reason").asString()).isEqualTo("no fallback");
  }

  @Test
  void theRouteActionRoutesAnUnassignedItem() {
    acme.post("/api/v1/policies/engineering/activate", "{\"version\":1}");
    JsonNode item = create("{\"title\":\"q\",\"type\":\"task\",\"priority\":\"P4\"}");
    String id = item.get("id").asString();
    acme.post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"close\"}");
    Api.Response reopened =
        acme.post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"reopen\"}");
    assertThat(reopened.json().get("assignment").get("owner").asString()).isEqualTo("queue:triage");
    Api.Response routed =
        acme.post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"route\"}");
    assertThat(routed.status()).as("%s", routed).isEqualTo(200);
    assertThat(routed.json().get("assignment").get("owner").asString()).isEqualTo("queue:triage");
  }

  @Test
  void routeWithoutAnActivePolicyIsRefused() {
    JsonNode item = create("{\"title\":\"q\",\"type\":\"task\",\"priority\":\"P4\"}");
    String id = item.get("id").asString();
    Api.Response routed =
        globex.post(
            "/api/v1/work-items", "{\"title\":\"q\",\"type\":\"task\",\"priority\":\"P4\"}");
    String other = routed.json().get("id").asString();
    assertProblem(
        globex.post("/api/v1/work-items/" + other + "/actions", "{\"action\":\"route\"}"), 409);
    assertThat(acme.get("/api/v1/work-items/" + id).status()).isEqualTo(200);
  }

  @Test
  void simulatingADraftDecidesForExistingItemsAndWritesNothing() {
    create("{\"title\":\"a\",\"type\":\"task\",\"priority\":\"P4\"}");
    create("{\"title\":\"b\",\"type\":\"incident\",\"priority\":\"P1\"}");
    String draft =
        """
        apiVersion: baton.dev/v1
        kind: RoutingPolicy
        metadata: { name: draft }
        spec:
          rules:
            - name: all-to-bob
              assign: { person: bob }
        """;
    var before = RowCounts.of(jdbc);
    Api.Response simulated =
        acme.post(
            "/api/v1/policies/engineering/simulate",
            "{\"draft\":"
                + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(draft)
                + "}");
    assertThat(simulated.status()).as("%s", simulated).isEqualTo(200);
    assertThat(simulated.json().get("decisions")).hasSize(2);
    assertThat(simulated.json().get("load").get("person:bob").asInt()).isEqualTo(2);
    assertThat(simulated.json().get("differs").asInt()).isEqualTo(2);
    JsonNode first = simulated.json().get("decisions").get(0);
    assertThat(first.get("actual").get("owner").asString()).isIn("queue:triage", "person:carol");
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void invalidPoliciesAreRefusedWithTheFieldAndTheSchemaIsServed() {
    JsonNode problem =
        assertProblem(
            acme.withHeader("Content-Type", "application/yaml")
                .send(
                    "POST",
                    "/api/v1/policies/validate",
                    "apiVersion: baton.dev/v1\nkind: RoutingPolicy\nmetadata: {name: x}\nspec: {rules: [{name: a, assign: {team: t, strategy: fastest}}]}\n"),
            422);
    assertThat(problem.toString()).contains("strategy");
    JsonNode schema = acme.get("/api/v1/schemas/routing-policy").json();
    assertThat(schema.get("$schema").asString()).contains("2020-12");
    assertProblem(acme.post("/api/v1/policies/engineering/activate", "{\"version\":9}"), 404);
  }

  @Test
  void theActiveVersionCanBeSimulatedForChosenItems() {
    JsonNode item = create("{\"title\":\"q\",\"type\":\"task\",\"priority\":\"P4\"}");
    Api.Response simulated =
        acme.post(
            "/api/v1/policies/engineering/simulate",
            "{\"items\":[\"" + item.get("id").asString() + "\"]}");
    assertThat(simulated.status()).as("%s", simulated).isEqualTo(200);
    assertThat(simulated.json().get("version").asInt()).isEqualTo(1);
    assertThat(simulated.json().get("differs").asInt()).isZero();
  }

  @Test
  void theDecisionEndpointExplainsTheCurrentRoutingAndRoutingCanBeSkipped() {
    JsonNode item = create("{\"title\":\"q\",\"type\":\"task\",\"priority\":\"P4\"}");
    JsonNode decision =
        acme.get("/api/v1/work-items/" + item.get("id").asString() + "/decision").json();
    assertThat(decision.get("outcome").asString()).isEqualTo("FALLBACK");
    assertThat(decision.get("why").asString()).startsWith("No rule chose an owner");
    Api.Response unrouted =
        acme.post(
            "/api/v1/work-items?route=false",
            "{\"title\":\"later\",\"type\":\"task\",\"priority\":\"P4\"}");
    assertThat(unrouted.json().get("assignment").get("state").asString()).isEqualTo("UNASSIGNED");
    assertProblem(
        acme.get("/api/v1/work-items/" + unrouted.json().get("id").asString() + "/decision"), 404);
  }

  @Test
  void theExportedConfigurationIncludingThePolicyAppliesBackUnchanged() {
    String exported = acme.get("/api/v1/config/export").body();
    assertThat(exported).contains("RoutingPolicy").contains("p1-incidents-to-oncall");
    Api.Response again = apply(exported);
    assertThat(again.status()).as("%s", again).isEqualTo(200);
    List<String> outcomes = new ArrayList<>();
    again.json().get("results").forEach(r -> outcomes.add(r.get("outcome").asString()));
    assertThat(outcomes).containsOnly("unchanged").hasSize(8);
  }

  private JsonNode auditEntries(String id) {
    return acme.get("/api/v1/work-items/" + id + "/audit").json().get("items");
  }
}
