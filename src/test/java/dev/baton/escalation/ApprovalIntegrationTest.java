package dev.baton.escalation;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestClock;
import dev.baton.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Approvals: reassigning work in progress to another team waits for a lead of the holding team, who
 * approves or denies it; a request nobody decides ends at its timeout with the policy's outcome,
 * once.
 */
@Import(EscalationIntegrationTest.Clocks.class)
@TestPropertySource(properties = "baton.timers.run=false")
class ApprovalIntegrationTest extends IntegrationTest {

  static final String ROSTER =
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
      metadata: { name: carol }
      spec: { displayName: Carol }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: dave }
      spec: { displayName: Dave }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: backend }
      spec: { members: [alice, bob], leads: [carol] }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: frontend }
      spec: { members: [dave] }
      """;

  static String policy(String onTimeout) {
    return """
        ---
        apiVersion: baton.dev/v1
        kind: RoutingPolicy
        metadata: { name: engineering }
        spec:
          approvals: { timeout: PT2H, onTimeout: %s }
          rules:
            - name: to-alice
              assign: { person: alice }
        """
        .formatted(onTimeout);
  }

  @Autowired TestClock clock;
  @Autowired DataSource dataSource;
  @Autowired Timers timers;
  @Autowired Approvals approvals;
  @Autowired dev.baton.workitem.WorkItemActions actions;

  private ManualScheduler node;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("approvals"));
  }

  @BeforeEach
  void configure() {
    clock.reset();
    node = ManualTimers.node(dataSource, timers, clock, "node-a");
    apply(ROSTER + policy("deny"));
  }

  @Test
  void anApprovalAppliesTheActionAsTheRequesterWithTheApproverRecorded() {
    String id = inProgressWithAlice();
    JsonNode request = requestReassign(id, "person:dave");
    assertThat(request.get("state").asString()).isEqualTo("pending");
    assertThat(request.get("approvers").toString()).isEqualTo("[\"carol\"]");
    assertThat(assignment(id)).isEqualTo("IN_PROGRESS person:alice");
    assertThat(audit(id, "approval.")).containsExactly("approval.requested");
    List<JsonNode> requested = events(id, "approval.requested");
    assertThat(requested).hasSize(1);
    assertThat(requested.get(0).get("data").get("targets").toString())
        .isEqualTo("[\"person:carol\"]");
    assertThat(pendingTimers()).isEqualTo(1);

    // asking again answers the same request
    JsonNode again = requestReassign(id, "person:dave");
    assertThat(again.get("id").asString()).isEqualTo(request.get("id").asString());
    assertThat(
            acme.get("/api/v1/approvals?state=pending").json().get("items").valueStream().count())
        .isEqualTo(1);
    // another tenant sees none of it
    assertThat(globex.get("/api/v1/approvals").json().get("items").isEmpty()).isTrue();
    assertThat(globex.get("/api/v1/approvals/" + request.get("id").asString()).status())
        .isEqualTo(404);

    Api.Response approved =
        acme.withHeader("Baton-Acting-For", "carol")
            .post(
                "/api/v1/approvals/" + request.get("id").asString() + "/approve",
                "{\"reason\":\"fine by me\"}");
    assertThat(approved.status()).as("%s", approved).isEqualTo(200);
    assertThat(approved.json().get("state").asString()).isEqualTo("approved");
    assertThat(approved.json().get("decidedBy").asString()).startsWith("person:carol via token:");
    assertThat(assignment(id)).isEqualTo("OFFERED person:dave");
    assertThat(audit(id, "approval.")).containsExactly("approval.requested", "approval.granted");
    JsonNode granted = entry(id, "approval.granted");
    assertThat(granted.get("actor").get("id").asString()).isEqualTo("carol");
    JsonNode reassigned = entry(id, "assignment.reassigned");
    assertThat(reassigned.get("source").asString()).isEqualTo("approval");
    assertThat(reassigned.get("reason").asString()).contains("approved by person:carol");
    assertThat(pendingTimers()).isZero();

    // decided once: a second decision is refused, and the timeout finds nothing to do
    Api.Response twice =
        acme.withHeader("Baton-Acting-For", "carol")
            .post("/api/v1/approvals/" + request.get("id").asString() + "/deny", "{}");
    assertProblem(twice, 409);
    approvals.fire(
        Approvals.timerId("acme", java.util.UUID.fromString(request.get("id").asString())));
    assertThat(audit(id, "approval.")).containsExactly("approval.requested", "approval.granted");
  }

  @Test
  void aDenialChangesNothing() {
    String id = inProgressWithAlice();
    String request = requestReassign(id, "person:dave").get("id").asString();
    Api.Response denied =
        acme.withHeader("Baton-Acting-For", "carol")
            .post("/api/v1/approvals/" + request + "/deny", "{\"reason\":\"stays here\"}");
    assertThat(denied.status()).as("%s", denied).isEqualTo(200);
    assertThat(denied.json().get("state").asString()).isEqualTo("denied");
    assertThat(denied.json().get("decisionReason").asString()).isEqualTo("stays here");
    assertThat(assignment(id)).isEqualTo("IN_PROGRESS person:alice");
    assertThat(audit(id, "assignment.reassigned")).isEmpty();
    assertThat(audit(id, "approval.")).containsExactly("approval.requested", "approval.denied");
    assertThat(pendingTimers()).isZero();
    assertThat(acme.get("/api/v1/approvals?state=pending").json().get("items").isEmpty()).isTrue();
  }

  @Test
  void aTimeoutDeniesOnceByDefault() {
    String id = inProgressWithAlice();
    String request = requestReassign(id, "person:dave").get("id").asString();
    at(Duration.ofMinutes(119));
    assertThat(acme.get("/api/v1/approvals/" + request).json().get("state").asString())
        .isEqualTo("pending");
    at(Duration.ofHours(2));
    assertThat(acme.get("/api/v1/approvals/" + request).json().get("state").asString())
        .isEqualTo("expired");
    // a second fire of the same timer does nothing
    approvals.fire(Approvals.timerId("acme", java.util.UUID.fromString(request)));
    assertThat(audit(id, "approval.")).containsExactly("approval.requested", "approval.expired");
    assertThat(assignment(id)).isEqualTo("IN_PROGRESS person:alice");
    assertThat(pendingTimers()).isZero();
  }

  @Test
  void aTimeoutApprovesOnceWhenThePolicySaysSo() {
    apply(policy("approve"));
    String id = inProgressWithAlice();
    String request = requestReassign(id, "person:dave").get("id").asString();
    at(Duration.ofHours(2));
    approvals.fire(Approvals.timerId("acme", java.util.UUID.fromString(request)));
    node.runAnyDueExecutions();
    JsonNode ended = acme.get("/api/v1/approvals/" + request).json();
    assertThat(ended.get("state").asString()).isEqualTo("approved");
    assertThat(ended.get("decidedBy").asString()).isEqualTo("system:approvals");
    assertThat(assignment(id)).isEqualTo("OFFERED person:dave");
    assertThat(audit(id, "approval.")).containsExactly("approval.requested", "approval.granted");
    assertThat(audit(id, "assignment.reassigned")).hasSize(1);
  }

  @Test
  void aRequestWhoseWorkMovedOnEndsFailed() {
    String id = inProgressWithAlice();
    String request = requestReassign(id, "person:dave").get("id").asString();
    Api.Response closed =
        acme.post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"close\"}");
    assertThat(closed.status()).as("%s", closed).isEqualTo(200);
    Api.Response approved =
        acme.withHeader("Baton-Acting-For", "carol")
            .post("/api/v1/approvals/" + request + "/approve", "{}");
    assertProblem(approved, 409);
    JsonNode ended = acme.get("/api/v1/approvals/" + request).json();
    assertThat(ended.get("state").asString()).isEqualTo("failed");
    assertThat(assignment(id)).isEqualTo("CLOSED person:alice");
    assertThat(audit(id, "approval.")).containsExactly("approval.requested", "approval.failed");
    assertThat(pendingTimers()).isZero();
  }

  @Test
  void onlyAnApproverMayDecide() {
    String id = inProgressWithAlice();
    String request = requestReassign(id, "person:dave").get("id").asString();
    for (Api caller : List.of(acme, acme.withHeader("Baton-Acting-For", "bob"))) {
      assertProblem(caller.post("/api/v1/approvals/" + request + "/approve", "{}"), 403);
      assertProblem(caller.post("/api/v1/approvals/" + request + "/deny", "{}"), 403);
    }
    assertProblem(globex.post("/api/v1/approvals/" + request + "/approve", "{}"), 404);
    assertThat(acme.get("/api/v1/approvals/" + request).json().get("state").asString())
        .isEqualTo("pending");
    assertThat(assignment(id)).isEqualTo("IN_PROGRESS person:alice");
    assertThat(audit(id, "approval.")).containsExactly("approval.requested");
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    String id = inProgressWithAlice();
    // an invalid action is refused as applying it would be, and nothing is held
    JsonNode noReason =
        assertProblem(
            acme.post(
                "/api/v1/work-items/" + id + "/actions",
                "{\"action\":\"reassign\",\"to\":\"person:dave\"}"),
            422);
    assertThat(fields(noReason)).contains("reason");
    assertProblem(
        acme.post(
            "/api/v1/work-items/" + id + "/actions",
            "{\"action\":\"reassign\",\"to\":\"person:nobody\",\"reason\":\"x\"}"),
        422);
    assertProblem(acme.get("/api/v1/approvals?state=maybe"), 422);
    assertProblem(acme.get("/api/v1/approvals/not-a-uuid"), 404);
    String request = requestReassign(id, "person:dave").get("id").asString();
    JsonNode tooLong =
        assertProblem(
            acme.withHeader("Baton-Acting-For", "carol")
                .post(
                    "/api/v1/approvals/" + request + "/deny",
                    "{\"reason\":\"" + "x".repeat(2001) + "\"}"),
            422);
    assertThat(fields(tooLong)).contains("reason");
    assertThat(acme.get("/api/v1/approvals").json().get("items").valueStream().count())
        .isEqualTo(1);
    assertThat(acme.get("/api/v1/approvals/" + request).json().get("state").asString())
        .isEqualTo("pending");
    assertThat(assignment(id)).isEqualTo("IN_PROGRESS person:alice");
  }

  @Test
  void workWithinTheTeamOrNotYetStartedMovesWithoutApproval() {
    String id = inProgressWithAlice();
    Api.Response withinTeam =
        acme.post(
            "/api/v1/work-items/" + id + "/actions",
            "{\"action\":\"reassign\",\"to\":\"person:bob\",\"reason\":\"bob knows it\"}");
    assertThat(withinTeam.status()).as("%s", withinTeam).isEqualTo(200);
    assertThat(assignment(id)).isEqualTo("OFFERED person:bob");
    Api.Response offered =
        acme.post(
            "/api/v1/work-items/" + id + "/actions",
            "{\"action\":\"reassign\",\"to\":\"person:dave\",\"reason\":\"not started\"}");
    assertThat(offered.status()).as("%s", offered).isEqualTo(200);
    assertThat(assignment(id)).isEqualTo("OFFERED person:dave");
    // the approver's own request needs no one else's word
    String other = inProgressWithAlice();
    Api.Response lead =
        acme.withHeader("Baton-Acting-For", "carol")
            .post(
                "/api/v1/work-items/" + other + "/actions",
                "{\"action\":\"reassign\",\"to\":\"person:dave\",\"reason\":\"lead says\"}");
    assertThat(lead.status()).as("%s", lead).isEqualTo(200);
    assertThat(acme.get("/api/v1/approvals").json().get("items").isEmpty()).isTrue();
  }

  @Test
  void aBulkActionIsHeldLikeASingleOne() {
    String id = inProgressWithAlice();
    Api.Response bulk =
        acme.post(
            "/api/v1/work-items/actions",
            "{\"action\":\"reassign\",\"to\":\"person:dave\",\"reason\":\"frontend\",\"ids\":[\""
                + id
                + "\"]}");
    assertThat(bulk.status()).as("%s", bulk).isEqualTo(200);
    JsonNode result = bulk.json().get("results").get(0);
    assertThat(result.get("status").asInt()).isEqualTo(202);
    assertThat(result.get("approval").get("state").asString()).isEqualTo("pending");
    assertThat(assignment(id)).isEqualTo("IN_PROGRESS person:alice");
    assertThat(audit(id, "approval.")).containsExactly("approval.requested");
  }

  // ---- helpers

  @Test
  void aReassignWhoseOwnerThePolicyPicksIsHeldLikeOneThatNamesIt() {
    apply(
        ROSTER
            + """
            ---
            apiVersion: baton.dev/v1
            kind: RoutingPolicy
            metadata: { name: engineering }
            spec:
              approvals: { timeout: PT2H, onTimeout: deny }
              rules:
                - name: to-alice
                  assign: { person: alice }
                - name: to-dave
                  assign: { person: dave }
            """);
    String id = inProgressWithAlice();

    // what Slack's Reassign button does: the policy picks (dave, in another team), approval holds
    // it
    dev.baton.workitem.WorkItemActions.Submitted done =
        actions.reassignByPolicy(
            new dev.baton.workitem.WorkItemActions.Acting(
                "acme", dev.baton.platform.Actor.person("alice", null), "slack", false),
            id,
            "reassigned from Slack");

    assertThat(done.applied()).isNull();
    assertThat(done.held()).isInstanceOf(Approvals.View.class);
    Approvals.View request = (Approvals.View) java.util.Objects.requireNonNull(done.held());
    assertThat(request.to()).isEqualTo("person:dave");
    assertThat(request.approvers()).containsExactly("carol");
    assertThat(request.state()).isEqualTo("pending");
    assertThat(assignment(id)).isEqualTo("IN_PROGRESS person:alice");
    assertThat(audit(id, "approval.")).containsExactly("approval.requested");
  }

  private void apply(String config) {
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", config);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
  }

  private String inProgressWithAlice() {
    Api.Response created =
        acme.post(
            "/api/v1/work-items", "{\"title\":\"Fix it\",\"type\":\"bug\",\"priority\":\"P2\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.json().get("id").asString();
    Api alice = acme.withHeader("Baton-Acting-For", "alice");
    for (String action : List.of("accept", "start")) {
      Api.Response moved =
          alice.post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"" + action + "\"}");
      assertThat(moved.status()).as("%s", moved).isEqualTo(200);
    }
    assertThat(assignment(id)).isEqualTo("IN_PROGRESS person:alice");
    return id;
  }

  private JsonNode requestReassign(String id, String to) {
    Api.Response answer =
        acme.post(
            "/api/v1/work-items/" + id + "/actions",
            "{\"action\":\"reassign\",\"to\":\"" + to + "\",\"reason\":\"frontend owns this\"}");
    assertThat(answer.status()).as("%s", answer).isEqualTo(202);
    return answer.json();
  }

  private void at(Duration sinceStart) {
    clock.set(TestClock.START.plus(sinceStart));
    node.runAnyDueExecutions();
  }

  private String assignment(String id) {
    JsonNode a = acme.get("/api/v1/work-items/" + id).json().get("assignment");
    return a.get("state").asString()
        + (a.get("owner").isNull() ? "" : " " + a.get("owner").asString());
  }

  private List<JsonNode> entries(String id) {
    List<JsonNode> all = new ArrayList<>();
    acme.get("/api/v1/work-items/" + id + "/audit?limit=200").json().get("items").forEach(all::add);
    return all;
  }

  private List<String> audit(String id, String prefix) {
    return entries(id).stream()
        .map(e -> e.get("action").asString())
        .filter(a -> a.startsWith(prefix))
        .toList();
  }

  private JsonNode entry(String id, String action) {
    return entries(id).stream()
        .filter(e -> e.get("action").asString().equals(action))
        .findFirst()
        .orElseThrow();
  }

  private List<JsonNode> events(String id, String type) {
    List<JsonNode> found = new ArrayList<>();
    acme.get("/api/v1/events?limit=500")
        .json()
        .get("items")
        .forEach(
            e -> {
              if (e.get("type").asString().equals("dev.baton." + type)
                  && e.get("subject").asString().equals(id)) {
                found.add(e);
              }
            });
    return found;
  }

  private long pendingTimers() {
    return jdbc.sql("select count(*) from scheduled_tasks where task_instance like 'approval/%'")
        .query(Long.class)
        .single();
  }
}
