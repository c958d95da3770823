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
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A notify step that asks for two acknowledgers: the chain goes on after one, stops after the
 * second, counts a person once, and refuses people the step did not notify; timers fired by hand at
 * instants the test clock is moved to.
 */
@Import(EscalationAcknowledgementIntegrationTest.Clocks.class)
@TestPropertySource(properties = "baton.timers.run=false")
class EscalationAcknowledgementIntegrationTest extends IntegrationTest {

  static final String CONFIG =
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
      spec: { members: [alice, bob, carol], leads: [bob, carol] }
      ---
      apiVersion: baton.dev/v1
      kind: EscalationPolicy
      metadata: { name: two-acks }
      spec:
        steps:
          - { after: PT5M, action: notify, targets: [{ teamLead: backend }], acknowledgers: 2 }
          - { after: PT10M, action: reassign, targets: [{ person: dave }] }
      ---
      apiVersion: baton.dev/v1
      kind: EscalationPolicy
      metadata: { name: three-acks }
      spec:
        steps:
          - { after: PT5M, action: notify, targets: [{ teamLead: backend }], acknowledgers: 3 }
          - { after: PT10M, action: reassign, targets: [{ person: dave }] }
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:
          - name: incidents
            when: item.type == "incident"
            assign: { person: alice }
            escalation: two-acks
          - name: pages
            when: item.type == "page"
            assign: { person: alice }
            escalation: three-acks
          - name: the-rest
            assign: { person: carol }
      """;

  @TestConfiguration(proxyBeanMethods = false)
  static class Clocks {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }

  @Autowired TestClock clock;
  @Autowired DataSource dataSource;
  @Autowired Timers timers;

  private ManualScheduler node;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("escalation_acks"));
  }

  @BeforeEach
  void configure() {
    clock.reset();
    node = ManualTimers.node(dataSource, timers, clock, "node-a");
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", CONFIG);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
  }

  @Test
  void oneAcknowledgementOfTwoLeavesTheChainRunningAndARepeatCountsOnce() {
    String id = create("incident");
    assertThat(escalationAudit(id)).containsExactly("escalation.started");
    // nothing asks for an acknowledgement before the notify step ran
    assertProblem(acknowledge(id, "bob"), 409);

    at(Duration.ofMinutes(5));
    List<JsonNode> notified = events(id, "escalation.notified");
    assertThat(notified).hasSize(1);
    assertThat(notified.get(0).get("data").get("acknowledgers").asInt()).isEqualTo(2);

    Api.Response first = acknowledge(id, "bob");
    assertThat(first.status()).as("%s", first).isEqualTo(200);
    assertThat(first.json().get("acknowledged").toString()).isEqualTo("[\"bob\"]");
    assertThat(first.json().get("acknowledgers").asInt()).isEqualTo(2);
    assertThat(first.json().get("step").asInt()).isEqualTo(1);
    assertThat(first.json().get("phase").asString()).isEqualTo("CHAIN");

    // bob again: the same answer, nothing recorded twice
    Api.Response again = acknowledge(id, "bob");
    assertThat(again.status()).as("%s", again).isEqualTo(200);
    assertThat(again.json().get("acknowledged").toString()).isEqualTo("[\"bob\"]");
    assertThat(again.json().get("phase").asString()).isEqualTo("CHAIN");
    assertThat(escalationAudit(id))
        .containsExactly("escalation.started", "escalation.notified", "escalation.acknowledged");
    assertThat(events(id, "escalation.acknowledged")).hasSize(1);
    assertThat(pendingTimers()).isEqualTo(1);

    // one of two is not enough: the next step fires on its timer
    at(Duration.ofMinutes(14));
    assertThat(assignment(id)).isEqualTo("OFFERED person:alice");
    at(Duration.ofMinutes(15));
    assertThat(assignment(id)).isEqualTo("OFFERED person:dave");
    // the reassign step ran: nobody is asked to acknowledge any more
    assertProblem(acknowledge(id, "carol"), 409);
  }

  @Test
  void theSecondDistinctAcknowledgementStopsTheChain() {
    String id = create("incident");
    at(Duration.ofMinutes(5));
    assertThat(acknowledge(id, "carol").status()).isEqualTo(200);
    Api.Response second = acknowledge(id, "bob");
    assertThat(second.status()).as("%s", second).isEqualTo(200);
    assertThat(second.json().get("acknowledged").toString()).isEqualTo("[\"carol\",\"bob\"]");
    assertThat(second.json().get("phase").asString()).isEqualTo("STOPPED");
    assertThat(pendingTimers()).isZero();
    assertThat(escalationAudit(id))
        .containsExactly(
            "escalation.started",
            "escalation.notified",
            "escalation.acknowledged",
            "escalation.acknowledged",
            "escalation.stopped");
    assertThat(reasonOf(id, "escalation.stopped")).isEqualTo("acknowledged by 2");
    assertThat(events(id, "escalation.acknowledged")).hasSize(2);

    // acknowledging again after the stop is still idempotent; the chain stays stopped
    assertThat(acknowledge(id, "carol").json().get("phase").asString()).isEqualTo("STOPPED");
    at(Duration.ofHours(2));
    assertThat(assignment(id)).isEqualTo("OFFERED person:alice");
    assertThat(escalationAudit(id)).last().isEqualTo("escalation.stopped");
  }

  @Test
  void onlyPeopleTheStepNotifiedAcknowledgeAndBadCallsChangeNothing() {
    String id = create("incident");
    at(Duration.ofMinutes(5));
    List<String> before = escalationAudit(id);

    assertProblem(acknowledge(id, "alice"), 403);
    assertProblem(acknowledge(id, "dave"), 403);
    // a service token that names no person
    assertProblem(acme.post("/api/v1/work-items/" + id + "/escalation/acknowledge", ""), 400);
    assertProblem(
        acme.withHeader("Baton-Acting-For", "bob")
            .post("/api/v1/work-items/not-an-id/escalation/acknowledge", ""),
        404);
    // another tenant's item does not exist for globex
    assertProblem(globex.post("/api/v1/work-items/" + id + "/escalation/acknowledge", ""), 404);
    assertProblem(
        acmeWith("work-items:read")
            .withHeader("Baton-Acting-For", "bob")
            .post("/api/v1/work-items/" + id + "/escalation/acknowledge", ""),
        403);

    assertThat(escalationAudit(id)).isEqualTo(before);
    assertThat(events(id, "escalation.acknowledged")).isEmpty();
    assertThat(pendingTimers()).isEqualTo(1);
  }

  @Test
  void aStepThatCannotReachItsAcknowledgersSaysSoAndWaitsForTheNextStep() {
    String id = create("page");
    at(Duration.ofMinutes(5));
    assertThat(escalationAudit(id))
        .containsExactly(
            "escalation.started", "escalation.notified", "escalation.acknowledgers-unreachable");
    assertThat(acknowledge(id, "bob").json().get("phase").asString()).isEqualTo("CHAIN");
    assertThat(acknowledge(id, "carol").json().get("phase").asString()).isEqualTo("CHAIN");
    at(Duration.ofMinutes(15));
    assertThat(assignment(id)).isEqualTo("OFFERED person:dave");
  }

  @Test
  void acknowledgersAreCheckedWhenThePolicyIsSaved() {
    JsonNode stored = acme.get("/api/v1/escalation-policies/two-acks").json();
    assertThat(stored.get("spec").get("steps").get(0).get("acknowledgers").asInt()).isEqualTo(2);
    // the default is not written back
    assertThat(stored.get("spec").get("steps").get(1).has("acknowledgers")).isFalse();

    JsonNode problem =
        assertProblem(
            acme.put(
                "/api/v1/escalation-policies/broken",
                "{\"steps\":["
                    + "{\"after\":\"PT1M\",\"action\":\"notify\",\"targets\":[{\"person\":\"bob\"}],"
                    + "\"acknowledgers\":0},"
                    + "{\"after\":\"PT1M\",\"action\":\"notify\",\"targets\":[{\"teamLead\":\"backend\"}],"
                    + "\"acknowledgers\":21},"
                    + "{\"after\":\"PT1M\",\"action\":\"reassign\",\"targets\":[{\"person\":\"bob\"}],"
                    + "\"acknowledgers\":1},"
                    + "{\"after\":\"PT1M\",\"action\":\"notify\","
                    + "\"targets\":[{\"person\":\"bob\"},{\"person\":\"carol\"}],\"acknowledgers\":3}"
                    + "]}"),
            422);
    assertThat(fields(problem))
        .containsExactlyInAnyOrder(
            "steps[0].acknowledgers",
            "steps[1].acknowledgers",
            "steps[2].acknowledgers",
            "steps[3].acknowledgers");
    assertProblem(acme.get("/api/v1/escalation-policies/broken"), 404);
  }

  // ---- helpers

  private Api.Response acknowledge(String id, String person) {
    return acme.withHeader("Baton-Acting-For", person)
        .post("/api/v1/work-items/" + id + "/escalation/acknowledge", "");
  }

  private void at(Duration sinceStart) {
    clock.set(TestClock.START.plus(sinceStart));
    node.runAnyDueExecutions();
  }

  private String create(String type) {
    Api.Response created =
        acme.post(
            "/api/v1/work-items",
            "{\"title\":\"Something " + type + "\",\"type\":\"" + type + "\",\"priority\":\"P2\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private String assignment(String id) {
    JsonNode a = acme.get("/api/v1/work-items/" + id).json().get("assignment");
    return a.get("state").asString()
        + (a.get("owner").isNull() ? "" : " " + a.get("owner").asString());
  }

  private List<JsonNode> escalationEntries(String id) {
    List<JsonNode> entries = new ArrayList<>();
    acme.get("/api/v1/work-items/" + id + "/audit?limit=200")
        .json()
        .get("items")
        .forEach(
            e -> {
              if (e.get("action").asString().startsWith("escalation.")) {
                entries.add(e);
              }
            });
    return entries;
  }

  private List<String> escalationAudit(String id) {
    return escalationEntries(id).stream().map(e -> e.get("action").asString()).toList();
  }

  private String reasonOf(String id, String action) {
    return escalationEntries(id).stream()
        .filter(e -> e.get("action").asString().equals(action))
        .reduce((a, b) -> b)
        .orElseThrow()
        .get("reason")
        .asString();
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
    return jdbc.sql("select count(*) from scheduled_tasks").query(Long.class).single();
  }
}
