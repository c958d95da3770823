package dev.baton.escalation;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import dev.baton.BatonApplication;
import dev.baton.platform.SecretBox;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestClock;
import dev.baton.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The accept handshake and escalation chains, driven by durable timers fired by hand at instants
 * the test clock is moved to.
 */
@Import(EscalationIntegrationTest.Clocks.class)
@TestPropertySource(properties = "baton.timers.run=false")
class EscalationIntegrationTest extends IntegrationTest {

  static final String DATABASE = "escalation";

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
      kind: Team
      metadata: { name: backend }
      spec: { members: [alice, bob], leads: [carol] }
      ---
      apiVersion: baton.dev/v1
      kind: EscalationPolicy
      metadata: { name: sre-default }
      spec:
        steps:
          - { after: PT5M, action: notify, targets: [{ teamLead: backend }] }
          - { after: PT10M, action: reassign, targets: [{ person: bob }] }
        repeat: 1
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        acceptWithin: PT30M
        rules:
          - name: incidents-to-alice
            when: item.type == "incident"
            assign: { person: alice }
            acceptWithin: PT10M
            escalation: sre-default
          - name: bugs
            when: item.type == "bug"
            assign: { team: backend, strategy: least-loaded }
          - name: chores
            when: item.type == "chore"
            assign: { person: carol }
            acceptWithin: PT15M
          - name: the-rest
            assign: { person: carol }
        sla:
          calendar: { timeZone: Europe/Berlin, days: [MON, TUE, WED, THU, FRI], from: "09:00", to: "17:00" }
          escalation: sre-default
          targets:
            - { priority: P3, type: task, resolve: PT8H, businessHours: true }
            - { priority: P3, type: page, accept: PT1H }
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
  @Autowired PlatformTransactionManager transactions;
  @Autowired MeterRegistry meters;
  @Autowired SlaStatus slaStatus;
  @Autowired EscalationPages pages;
  @Autowired dev.baton.assignment.AssignmentHistory history;

  private ManualScheduler node;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate(DATABASE));
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
  void unacceptedOfferMovesThroughATwoStepChainAndStopsOnAccept() {
    String id = create("incident");
    assertThat(assignment(id)).isEqualTo("OFFERED person:alice");

    at(Duration.ofMinutes(9));
    assertThat(assignment(id)).isEqualTo("OFFERED person:alice");
    assertThat(escalationAudit(id)).isEmpty();

    // the accept window (the rule's PT10M) ends: the rule's escalation policy starts
    at(Duration.ofMinutes(10));
    assertThat(escalationAudit(id))
        .containsExactly("escalation.offer-expired", "escalation.started");
    assertThat(assignment(id)).isEqualTo("OFFERED person:alice");

    // step 1, 5 minutes later: carol, the team lead, is told; alice keeps the offer
    at(Duration.ofMinutes(14));
    assertThat(events(id, "escalation.notified")).isEmpty();
    at(Duration.ofMinutes(15));
    List<JsonNode> notified = events(id, "escalation.notified");
    assertThat(notified).hasSize(1);
    assertThat(notified.get(0).get("data").get("targets").toString())
        .isEqualTo("[\"person:carol\"]");
    assertThat(notified.get(0).get("data").get("step").asInt()).isEqualTo(1);
    assertThat(assignment(id)).isEqualTo("OFFERED person:alice");

    // step 2, 10 minutes after step 1: offered to bob
    at(Duration.ofMinutes(24));
    assertThat(assignment(id)).isEqualTo("OFFERED person:alice");
    at(Duration.ofMinutes(25));
    assertThat(assignment(id)).isEqualTo("OFFERED person:bob");
    List<JsonNode> escalated = events(id, "assignment.escalated");
    assertThat(escalated).hasSize(1);
    assertThat(escalated.get(0).get("data").get("actor").asString()).isEqualTo("system:escalation");
    assertThat(pendingTimers()).isEqualTo(1);

    // bob accepts: the chain stops and its timer is cancelled with the accept
    Api.Response accepted =
        acme.withHeader("Baton-Acting-For", "bob")
            .post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"accept\"}");
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
    assertThat(pendingTimers()).isZero();
    assertThat(escalationAudit(id)).last().isEqualTo("escalation.stopped");

    at(Duration.ofHours(5));
    assertThat(assignment(id)).isEqualTo("ACCEPTED person:bob");
    assertThat(events(id, "escalation.notified")).hasSize(1);
    assertThat(events(id, "assignment.escalated")).hasSize(1);
  }

  @Test
  void theTrailOfAChainCountsWhoReceivedWorkAndWhoWasPaged() {
    create("incident");
    at(Duration.ofMinutes(10));
    at(Duration.ofMinutes(15)); // carol, the team lead, is paged
    at(Duration.ofMinutes(25)); // the work is escalated to bob
    Instant from = TestClock.START;
    Instant to = TestClock.START.plus(Duration.ofHours(1));

    assertThat(history.receivedByPerson("acme", from, to))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("alice", 1L, "bob", 1L));
    assertThat(pages.pagesByPerson("acme", from, to))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("carol", 1L));
    // outside the period, and in another tenant, nothing
    assertThat(history.receivedByPerson("acme", to, to.plus(Duration.ofHours(1)))).isEmpty();
    assertThat(pages.pagesByPerson("globex", from, to)).isEmpty();
  }

  @Test
  void anOfferNotAcceptedInTimeGoesToTheNextCandidateOfItsDecision() {
    String id = create("bug");
    String first = assignment(id);
    assertThat(first).isIn("OFFERED person:alice", "OFFERED person:bob");
    String second =
        first.equals("OFFERED person:alice") ? "OFFERED person:bob" : "OFFERED person:alice";

    // no acceptWithin on the rule: the policy's PT30M
    at(Duration.ofMinutes(29));
    assertThat(assignment(id)).isEqualTo(first);
    at(Duration.ofMinutes(30));
    assertThat(assignment(id)).isEqualTo(second);

    // the decision has no third candidate: the run ends, the offer stays
    at(Duration.ofMinutes(60));
    assertThat(assignment(id)).isEqualTo(second);
    assertThat(escalationAudit(id))
        .containsExactly(
            "escalation.offer-expired", "escalation.offer-expired", "escalation.exhausted");
    assertThat(pendingTimers()).isZero();
  }

  @Test
  void declineReroutesAtOnceAndArmsTheNextOffersWindow() {
    String id = create("bug");
    String first = assignment(id);
    String decliner = first.substring(first.indexOf(':') + 1);
    assertThat(pendingTimers()).isEqualTo(1);
    Api.Response declined =
        acme.withHeader("Baton-Acting-For", decliner)
            .post(
                "/api/v1/work-items/" + id + "/actions",
                "{\"action\":\"decline\",\"reason\":\"on leave\"}");
    assertThat(declined.status()).as("%s", declined).isEqualTo(200);
    String second = assignment(id);
    assertThat(second).startsWith("OFFERED person:").isNotEqualTo(first);
    assertThat(escalationAudit(id)).containsExactly("escalation.stopped");
    assertThat(pendingTimers()).isEqualTo(1);

    // the new offer has its own window, counted from the decline
    clock.advance(Duration.ofMinutes(10));
    node.runAnyDueExecutions();
    assertThat(assignment(id)).isEqualTo(second);
  }

  @Test
  void aRollbackTakesTheTimerBack() {
    TransactionTemplate tx = new TransactionTemplate(transactions);
    tx.executeWithoutResult(
        status -> {
          timers.schedule("test/rolled-back", TestClock.START, "acme/" + UUID.randomUUID() + "/1");
          assertThat(pendingTimers()).isEqualTo(1);
          status.setRollbackOnly();
        });
    assertThat(pendingTimers()).isZero();
    tx.executeWithoutResult(
        status ->
            timers.schedule("test/committed", TestClock.START, "acme/" + UUID.randomUUID() + "/1"));
    assertThat(pendingTimers()).isEqualTo(1);
  }

  @Test
  void eachTimerFiresOnceWithTwoNodesOnOneDatabase() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(create("incident"));
    }
    clock.set(TestClock.START.plus(Duration.ofMinutes(10)));
    ManualScheduler other = ManualTimers.node(dataSource, timers, clock, "node-b");
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (ManualScheduler n : List.of(node, other)) {
        runs.add(
            pool.submit(
                () -> {
                  go.await();
                  n.runAnyDueExecutions();
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (String id : ids) {
      assertThat(escalationAudit(id))
          .as("item %s", id)
          .containsExactly("escalation.offer-expired", "escalation.started");
    }
    // each item now waits for its first chain step, one timer each
    assertThat(pendingTimers()).isEqualTo(ids.size());
  }

  @Test
  void aTimerSetBeforeARestartFiresAfterIt() {
    String id = create("incident");
    assertThat(pendingTimers()).isEqualTo(1);
    TestClock later = new TestClock();
    later.set(TestClock.START.plus(Duration.ofMinutes(10)));
    try (ConfigurableApplicationContext restarted =
        new SpringApplicationBuilder(BatonApplication.class)
            .initializers(c -> c.getBeanFactory().registerSingleton("testClock", later))
            // arguments, not default properties: application.yml outranks the latter
            .run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--baton.database.url=" + TestDatabase.serverUrl() + DATABASE,
                "--baton.database.user=" + TestDatabase.get().user(),
                "--baton.master-key=" + SecretBox.newKeysetJson(),
                "--baton.timers.run=false",
                "--baton.delivery.dispatch=false")) {
      assertThat(
              org.springframework.jdbc.core.simple.JdbcClient.create(
                      restarted.getBean(DataSource.class))
                  .sql("select current_database()")
                  .query(String.class)
                  .single())
          .isEqualTo(DATABASE);
      ManualTimers.node(
              restarted.getBean(DataSource.class), restarted.getBean(Timers.class), later, "node-c")
          .runAnyDueExecutions();
    }
    assertThat(escalationAudit(id))
        .containsExactly("escalation.offer-expired", "escalation.started");
  }

  @Test
  void escalationPoliciesAreReplacedWholeVersionedAndAudited() {
    JsonNode stored = acme.get("/api/v1/escalation-policies/sre-default").json();
    assertThat(stored.get("version").asInt()).isEqualTo(1);
    assertThat(stored.get("spec").get("steps").get(1).toString())
        .isEqualTo(
            "{\"after\":\"PT10M\",\"action\":\"reassign\",\"targets\":[{\"person\":\"bob\"}]}");

    String oneStep =
        "{\"steps\":[{\"after\":\"PT1H\",\"action\":\"notify\",\"targets\":[{\"nextCandidate\":true}]}]}";
    Api.Response replaced = acme.put("/api/v1/escalation-policies/sre-default", oneStep);
    assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);
    assertThat(replaced.json().get("version").asInt()).isEqualTo(2);
    Api.Response again = acme.put("/api/v1/escalation-policies/sre-default", oneStep);
    assertThat(again.json().get("version").asInt()).isEqualTo(2);
    assertThat(acme.put("/api/v1/escalation-policies/other", oneStep).status()).isEqualTo(201);
    assertThat(acme.get("/api/v1/escalation-policies").json().get("items").size()).isEqualTo(2);

    JsonNode problem =
        assertProblem(
            acme.put(
                "/api/v1/escalation-policies/broken",
                "{\"steps\":[{\"after\":\"soon\",\"action\":\"shout\","
                    + "\"targets\":[{\"person\":\"nobody\"},{\"person\":\"bob\",\"teamLead\":\"backend\"}]}],"
                    + "\"repeat\":99}"),
            422);
    assertThat(fields(problem))
        .containsExactlyInAnyOrder(
            "repeat",
            "steps[0].after",
            "steps[0].action",
            "steps[0].targets[0].person",
            "steps[0].targets[1]");
    assertProblem(acme.get("/api/v1/escalation-policies/broken"), 404);
    assertProblem(globex.get("/api/v1/escalation-policies/sre-default"), 404);
    assertProblem(acmeWith("policies:read").delete("/api/v1/escalation-policies/other"), 403);

    assertThat(acme.delete("/api/v1/escalation-policies/other").status()).isEqualTo(204);
    List<String> audited = new ArrayList<>();
    acme.get("/api/v1/audit?limit=500")
        .json()
        .get("items")
        .forEach(
            e -> {
              if (e.get("action").asString().startsWith("escalation-policy.")) {
                audited.add(e.get("action").asString());
              }
            });
    assertThat(audited)
        .containsExactlyInAnyOrder(
            "escalation-policy.created",
            "escalation-policy.updated",
            "escalation-policy.created",
            "escalation-policy.deleted");
  }

  @Test
  void aRoutingPolicyCannotNameAnEscalationPolicyThatDoesNotExist() {
    String draft =
        """
        apiVersion: baton.dev/v1
        kind: RoutingPolicy
        metadata: { name: engineering }
        spec:
          rules:
            - name: incidents-to-alice
              when: item.type == "incident"
              assign: { person: alice }
              escalation: sre-default
            - name: pages-to-bob
              when: item.type == "page"
              assign: { person: bob }
              escalation: sre-nightly
            - name: the-rest
              assign: { person: carol }
          sla:
            escalation: sre-weekend
            targets:
              - { priority: P1, accept: PT15M }
        """;
    Api.Response created =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/policies/engineering/versions", draft);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    int version = created.json().get("version").asInt();

    JsonNode refused =
        assertProblem(
            acme.post("/api/v1/policies/engineering/activate", "{\"version\":" + version + "}"),
            422);
    assertThat(fields(refused))
        .containsExactlyInAnyOrder("spec.rules[1].escalation", "spec.sla.escalation");
    assertThat(refused.toString())
        .contains("rule 'pages-to-bob' names escalation policy 'sre-nightly', which does not exist")
        .contains("spec.sla names escalation policy 'sre-weekend', which does not exist");
    assertThat(acme.get("/api/v1/policies/engineering").json().get("activeVersion").asInt())
        .as("the active version is unchanged")
        .isEqualTo(version - 1);

    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", draft);
    assertThat(applied.status()).as("%s", applied).isEqualTo(422);
    assertThat(applied.body()).contains("pages-to-bob").contains("sre-nightly");

    Api.Response stillNamed = acme.delete("/api/v1/escalation-policies/sre-default");
    assertThat(assertProblem(stillNamed, 409).toString())
        .contains("named by the active version of policy 'engineering'");
    assertThat(acme.get("/api/v1/escalation-policies/sre-default").status()).isEqualTo(200);
  }

  @Test
  void anAcceptWindowMustBeAPositiveDuration() {
    String policy =
        """
        apiVersion: baton.dev/v1
        kind: RoutingPolicy
        metadata: { name: windows }
        spec:
          acceptWithin: PT0S
          rules:
            - { name: all, assign: { person: alice }, acceptWithin: soon }
        """;
    JsonNode problem =
        assertProblem(
            acme.withHeader("Content-Type", "application/yaml")
                .send("POST", "/api/v1/policies/windows/versions", policy),
            422);
    assertThat(problem.toString()).contains("acceptWithin");
  }

  @Test
  void slaAtRiskAndBreachCountWorkingHoursAcrossTheDstChange() {
    // Friday 16:00 in Berlin (CET); Berlin moves to CEST on Sunday 29 March
    clock.set(Instant.parse("2026-03-27T15:00:00Z"));
    double atRiskBefore = slaCount("baton.sla.at.risk");
    double breachedBefore = slaCount("baton.sla.breached");
    double openBreachedBefore =
        meters.get("baton.sla.breached.open").tag("target", "resolve").gauge().value();
    SlaStatus.Open openBefore = slaStatus.open("acme");
    String id = create("task", "P3");
    // 8 working hours: 1 on Friday, 7 on Monday from 09:00 CEST; at risk after 80 % (6 h 24 min)
    at("2026-03-30T12:23:59Z");
    assertThat(events(id, "sla.at_risk")).isEmpty();
    assertThat(slaCount("baton.sla.at.risk")).isEqualTo(atRiskBefore);
    at("2026-03-30T12:24:00Z");
    List<JsonNode> risk = events(id, "sla.at_risk");
    assertThat(risk).hasSize(1);
    assertThat(slaCount("baton.sla.at.risk")).isEqualTo(atRiskBefore + 1);
    assertThat(slaCount("baton.sla.breached")).isEqualTo(breachedBefore);
    assertThat(slaStatus.open("acme"))
        .isEqualTo(new SlaStatus.Open(openBefore.atRisk() + 1, openBefore.breached()));
    assertThat(risk.get(0).get("data").get("sla").get("breachAt").asString())
        .isEqualTo("2026-03-30T14:00:00Z");
    at("2026-03-30T13:59:59Z");
    assertThat(events(id, "sla.breached")).isEmpty();
    at("2026-03-30T14:00:00Z");
    assertThat(events(id, "sla.breached")).hasSize(1);
    assertThat(slaCount("baton.sla.breached")).isEqualTo(breachedBefore + 1);
    assertThat(meters.get("baton.sla.breached.open").tag("target", "resolve").gauge().value())
        .isEqualTo(openBreachedBefore + 1);
    // the console's overview counts it as breached, no longer as at risk
    assertThat(slaStatus.open("acme"))
        .isEqualTo(new SlaStatus.Open(openBefore.atRisk(), openBefore.breached() + 1));
    List<String> audited = audit(id, "sla.");
    assertThat(audited).containsExactly("sla.at_risk", "sla.breached");
    // the breach starts the SLA's escalation policy (the offer's own run had already ended)
    assertThat(escalationAudit(id)).last().isEqualTo("escalation.started");
  }

  @Test
  void anSlaClockStartedOutsideWorkingHoursStartsCountingAtOpening() {
    clock.set(Instant.parse("2026-03-28T10:00:00Z")); // Saturday
    String id = create("task", "P3");
    // Monday 09:00 CEST is 07:00Z: at risk at 13:24Z, breached at 15:00Z
    at("2026-03-30T13:23:59Z");
    assertThat(audit(id, "sla.")).isEmpty();
    at("2026-03-30T13:24:00Z");
    assertThat(audit(id, "sla.")).containsExactly("sla.at_risk");
    at("2026-03-30T15:00:00Z");
    assertThat(audit(id, "sla.")).containsExactly("sla.at_risk", "sla.breached");
  }

  @Test
  void aWallClockAcceptTargetIsMetByTheAccept() {
    String id = create("page", "P3");
    at(Duration.ofMinutes(47));
    assertThat(audit(id, "sla.")).isEmpty();
    at(Duration.ofMinutes(48));
    assertThat(audit(id, "sla.")).containsExactly("sla.at_risk");
    Api.Response accepted =
        acme.withHeader("Baton-Acting-For", "carol")
            .post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"accept\"}");
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
    at(Duration.ofHours(3));
    assertThat(audit(id, "sla.")).containsExactly("sla.at_risk", "sla.met");
    assertThat(events(id, "sla.breached")).isEmpty();
  }

  // ---- acknowledgements (in this class to share its application context)

  private static final String BOB_AND_CAROL = "[{\"person\":\"bob\"},{\"person\":\"carol\"}]";

  /** Replaces sre-default: step 1 notifies {@code targets} asking {@code n} acknowledgers. */
  private void acknowledgersPolicy(String targets, int n) {
    Api.Response put =
        acme.put(
            "/api/v1/escalation-policies/sre-default",
            "{\"steps\":[{\"after\":\"PT5M\",\"action\":\"notify\",\"targets\":"
                + targets
                + ",\"acknowledgers\":"
                + n
                + "},{\"after\":\"PT10M\",\"action\":\"reassign\","
                + "\"targets\":[{\"person\":\"carol\"}]}]}");
    assertThat(put.status()).as("%s", put).isEqualTo(200);
  }

  @Test
  void oneAcknowledgementOfTwoLeavesTheChainRunningAndARepeatCountsOnce() {
    acknowledgersPolicy(BOB_AND_CAROL, 2);
    String id = create("incident");
    // nothing asks for an acknowledgement before a notify step ran
    assertProblem(acknowledge(id, "bob"), 409);

    // the offer window ends at 10 minutes, step 1 runs 5 minutes later
    at(Duration.ofMinutes(10));
    at(Duration.ofMinutes(15));
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
        .containsExactly(
            "escalation.offer-expired",
            "escalation.started",
            "escalation.notified",
            "escalation.acknowledged");
    assertThat(events(id, "escalation.acknowledged")).hasSize(1);
    assertThat(pendingTimers()).isEqualTo(1);

    // one of two is not enough: the next step fires on its timer
    at(Duration.ofMinutes(24));
    assertThat(assignment(id)).isEqualTo("OFFERED person:alice");
    at(Duration.ofMinutes(25));
    assertThat(assignment(id)).isEqualTo("OFFERED person:carol");
    // the reassign step ran: nobody is asked to acknowledge any more
    assertProblem(acknowledge(id, "carol"), 409);
  }

  @Test
  void theSecondDistinctAcknowledgementStopsTheChain() {
    acknowledgersPolicy(BOB_AND_CAROL, 2);
    String id = create("incident");
    at(Duration.ofMinutes(10));
    at(Duration.ofMinutes(15));
    assertThat(acknowledge(id, "carol").status()).isEqualTo(200);
    Api.Response second = acknowledge(id, "bob");
    assertThat(second.status()).as("%s", second).isEqualTo(200);
    assertThat(second.json().get("acknowledged").toString()).isEqualTo("[\"carol\",\"bob\"]");
    assertThat(second.json().get("phase").asString()).isEqualTo("STOPPED");
    assertThat(pendingTimers()).isZero();
    assertThat(escalationAudit(id))
        .containsExactly(
            "escalation.offer-expired",
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
    acknowledgersPolicy(BOB_AND_CAROL, 2);
    String id = create("incident");
    at(Duration.ofMinutes(10));
    at(Duration.ofMinutes(15));
    List<String> before = escalationAudit(id);

    assertProblem(acknowledge(id, "alice"), 403);
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
    // backend has one lead, carol
    acknowledgersPolicy("[{\"teamLead\":\"backend\"}]", 2);
    String id = create("incident");
    at(Duration.ofMinutes(10));
    at(Duration.ofMinutes(15));
    assertThat(escalationAudit(id))
        .containsExactly(
            "escalation.offer-expired",
            "escalation.started",
            "escalation.notified",
            "escalation.acknowledgers-unreachable");
    assertThat(acknowledge(id, "carol").json().get("phase").asString()).isEqualTo("CHAIN");
    at(Duration.ofMinutes(25));
    assertThat(assignment(id)).isEqualTo("OFFERED person:carol");
  }

  @Test
  void acknowledgersAreCheckedWhenThePolicyIsSaved() {
    acknowledgersPolicy(BOB_AND_CAROL, 2);
    JsonNode stored = acme.get("/api/v1/escalation-policies/sre-default").json();
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

  private Api.Response acknowledge(String id, String person) {
    return acme.withHeader("Baton-Acting-For", person)
        .post("/api/v1/work-items/" + id + "/escalation/acknowledge", "");
  }

  private String reasonOf(String id, String action) {
    List<JsonNode> entries = new ArrayList<>();
    acme.get("/api/v1/work-items/" + id + "/audit?limit=200")
        .json()
        .get("items")
        .forEach(
            e -> {
              if (e.get("action").asString().equals(action)) {
                entries.add(e);
              }
            });
    return entries.get(entries.size() - 1).get("reason").asString();
  }

  // ---- helpers

  private void at(Duration sinceStart) {
    clock.set(TestClock.START.plus(sinceStart));
    node.runAnyDueExecutions();
  }

  /** The SLA counter {@code name} of time to resolve. */
  private double slaCount(String name) {
    return meters.get(name).tag("target", "resolve").counter().count();
  }

  private void at(String instant) {
    clock.set(Instant.parse(instant));
    node.runAnyDueExecutions();
  }

  private List<String> audit(String id, String prefix) {
    List<String> actions = new ArrayList<>();
    acme.get("/api/v1/work-items/" + id + "/audit?limit=200")
        .json()
        .get("items")
        .forEach(
            e -> {
              String action = e.get("action").asString();
              if (action.startsWith(prefix)) {
                actions.add(action);
              }
            });
    return actions;
  }

  private String create(String type) {
    return create(type, "P2");
  }

  private String create(String type, String priority) {
    Api.Response created =
        acme.post(
            "/api/v1/work-items",
            "{\"title\":\"Something "
                + type
                + "\",\"type\":\""
                + type
                + "\",\"priority\":\""
                + priority
                + "\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private String assignment(String id) {
    JsonNode a = acme.get("/api/v1/work-items/" + id).json().get("assignment");
    return a.get("state").asString()
        + (a.get("owner").isNull() ? "" : " " + a.get("owner").asString());
  }

  private List<String> escalationAudit(String id) {
    List<String> actions = new ArrayList<>();
    acme.get("/api/v1/work-items/" + id + "/audit?limit=200")
        .json()
        .get("items")
        .forEach(
            e -> {
              String action = e.get("action").asString();
              if (action.startsWith("escalation.")) {
                actions.add(action);
              }
            });
    return actions;
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
