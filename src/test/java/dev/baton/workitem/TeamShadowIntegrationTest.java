package dev.baton.workitem;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A team in shadow or off mode: the live policy's decisions for it are held back. */
class TeamShadowIntegrationTest extends IntegrationTest {

  private static final String SETUP =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: bob }
      spec: { displayName: Bob }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: dave }
      spec: { displayName: Dave }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: backend }
      spec: { members: [alice, bob], mode: shadow }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: web }
      spec: { members: [dave] }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: web-triage }
      spec: { team: web }
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:
          - name: bugs-to-backend
            when: item.type == "bug"
            assign: { team: backend, strategy: round-robin }
          - name: ui-to-dave
            when: item.type == "ui"
            assign: { person: dave }
        fallback: { queue: web-triage }
      """;

  @BeforeEach
  void setUp() {
    Api.Response applied = apply(SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
  }

  @Test
  void aShadowTeamsDecisionIsStoredAsShadowAndNothingIsAssignedOrSent() {
    String id = create("bug");

    JsonNode item = acme.get("/api/v1/work-items/" + id).json();
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("UNASSIGNED");
    JsonNode decisions = acme.get("/api/v1/work-items/" + id + "/decisions").json().get("items");
    assertThat(decisions).hasSize(1);
    JsonNode decision = decisions.get(0);
    assertThat(decision.get("applied").asBoolean()).isFalse();
    assertThat(decision.get("mode").asString()).isEqualTo("shadow");
    assertThat(decision.get("rule").asString()).isEqualTo("bugs-to-backend");
    assertThat(decision.get("owner").asString()).startsWith("person:");
    assertThat(decision.get("why").asString())
        .endsWith("(team backend is in shadow mode: recorded, not applied)");
    assertThat(lastAuditAction(id)).isEqualTo("routing.held");
    assertThat(eventTypes(id)).doesNotContain("assignment.routed", "assignment.queued");
  }

  @Test
  void workForOtherTeamsIsRoutedAsUsual() {
    String ui = create("ui");
    String other = create("question");

    assertThat(owner(ui)).isEqualTo("person:dave");
    assertThat(owner(other)).isEqualTo("queue:web-triage");
  }

  @Test
  void anOffTeamsWorkStaysUnroutedWithoutAStoredDecision() {
    putTeam("web", "{\"id\":\"web\",\"name\":\"Web\",\"members\":[\"dave\"],\"mode\":\"off\"}");

    String ui = create("ui");

    assertThat(state(ui)).isEqualTo("UNASSIGNED");
    assertThat(acme.get("/api/v1/work-items/" + ui + "/decisions").json().get("items")).isEmpty();
    JsonNode held = lastAuditEntry(ui);
    assertThat(held.get("action").asString()).isEqualTo("routing.held");
    assertThat(held.get("reason").asString()).endsWith("(team web is in off mode: not routed)");
  }

  @Test
  void switchingTheTeamOnLetsTheNextRouteTakeEffect() {
    String id = create("bug");
    putTeam("backend", "{\"id\":\"backend\",\"name\":\"backend\",\"members\":[\"alice\",\"bob\"]}");

    Api.Response routed =
        acme.post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"route\"}");

    assertThat(routed.status()).as("%s", routed).isEqualTo(200);
    assertThat(state(id)).isEqualTo("OFFERED");
    List<String> applied = new ArrayList<>();
    acme.get("/api/v1/work-items/" + id + "/decisions")
        .json()
        .get("items")
        .forEach(d -> applied.add(d.get("mode").asString() + "=" + d.get("applied").asBoolean()));
    assertThat(applied).containsExactlyInAnyOrder("shadow=false", "on=true");
  }

  @Test
  void anUnknownModeIsRefusedAndChangesNothing() {
    Api.Response refused =
        acme.put(
            "/api/v1/teams/web",
            "{\"id\":\"web\",\"name\":\"Web\",\"members\":[\"dave\"],\"mode\":\"maybe\"}");

    assertProblem(refused, 422);
    assertThat(refused.body()).contains("mode").contains("[on, shadow, off]");
    assertThat(acme.get("/api/v1/teams/web").json().get("mode").asString()).isEqualTo("on");
  }

  @Test
  void theModeIsExportedAndAppliesBackUnchanged() {
    Api.Response exported = acme.get("/api/v1/config/export");
    assertThat(exported.body()).contains("mode: \"shadow\"");

    Api.Response again = apply(exported.body());

    List<String> outcomes = new ArrayList<>();
    again.json().get("results").forEach(r -> outcomes.add(r.get("outcome").asString()));
    assertThat(outcomes).containsOnly("unchanged");
  }

  private Api.Response apply(String yaml) {
    return acme.withHeader("Content-Type", "application/yaml")
        .send("POST", "/api/v1/config/apply", yaml);
  }

  private void putTeam(String id, String json) {
    Api.Response put = acme.put("/api/v1/teams/" + id, json);
    assertThat(put.status()).as("%s", put).isEqualTo(200);
  }

  private String create(String type) {
    Api.Response created =
        acme.post(
            "/api/v1/work-items",
            "{\"title\":\"a " + type + "\",\"type\":\"" + type + "\",\"priority\":\"P3\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private String owner(String id) {
    return acme.get("/api/v1/work-items/" + id).json().get("assignment").get("owner").asString();
  }

  private String state(String id) {
    return acme.get("/api/v1/work-items/" + id).json().get("assignment").get("state").asString();
  }

  private JsonNode lastAuditEntry(String id) {
    JsonNode entries = acme.get("/api/v1/work-items/" + id + "/audit").json().get("items");
    return entries.get(entries.size() - 1);
  }

  private String lastAuditAction(String id) {
    return lastAuditEntry(id).get("action").asString();
  }

  private List<String> eventTypes(String id) {
    return jdbc.sql(
            "select type from outbox_events where tenant_id = 'acme' and cloud_event like :id")
        .param("id", "%" + id + "%")
        .query(String.class)
        .list();
  }
}
