package dev.baton.workitem;

import static dev.baton.workitem.SourceFixtures.github;
import static dev.baton.workitem.SourceFixtures.jira;
import static dev.baton.workitem.SourceFixtures.own;
import static dev.baton.workitem.SourceFixtures.parse;
import static dev.baton.workitem.SourceFixtures.vendor;
import static dev.baton.workitem.SourceFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ingest.Integration;
import dev.baton.ingest.Provider;
import dev.baton.ingest.SourceEvent;
import dev.baton.ingest.SourceEventHandler;
import dev.baton.ingest.SourceEventHandler.Outcome;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The source event handler against the real database, fed by the real parsers with the shared
 * vendor payloads: creation and routing, updates, closing and reopening, deletion, build failures,
 * and ordering by source version.
 */
class SourceEventIntegrationTest extends IntegrationTest {

  @Autowired SourceEventHandler handler;
  @Autowired MeterRegistry meters;

  Integration github;
  Integration jira;

  @BeforeEach
  void rosterPolicyAndIntegrations() {
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SourceFixtures.ROSTER_AND_POLICY);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    github = SourceFixtures.integration("acme", Provider.GITHUB);
    jira = SourceFixtures.integration("acme", Provider.JIRA);
  }

  Outcome apply(Integration integration, SourceEvent event) {
    return handler.apply(integration, event, UUID.randomUUID());
  }

  /** The work item the integration's source item is mirrored by, as the API shows it. */
  JsonNode item(Integration integration, String externalId) {
    UUID id =
        jdbc.sql(
                "select work_item_id from source_items where integration_id = :integration and"
                    + " external_id = :externalId")
            .param("integration", integration.id())
            .param("externalId", externalId)
            .query(UUID.class)
            .single();
    Api.Response answer = acme.get("/api/v1/work-items/" + id);
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    return answer.json();
  }

  List<String> auditActions(String workItemId) {
    List<String> actions = new ArrayList<>();
    acme.get("/api/v1/work-items/" + workItemId + "/audit")
        .json()
        .get("items")
        .forEach(e -> actions.add(e.get("action").asString()));
    return actions;
  }

  static final String ISSUE = "MDU6SXNzdWU0NDQ1MDAwNDE=";
  static final String TES_41 = "10040";

  @Test
  void aGitHubIssueOpenedBecomesARoutedWorkItem() {
    Outcome outcome = apply(github, github("issues", "github/issues.opened.json"));

    assertThat(outcome).isEqualTo(Outcome.CREATED);
    JsonNode item = item(github, ISSUE);
    assertThat(item.get("title").asString()).isEqualTo("Spelling error in the README file");
    assertThat(item.get("type").asString()).isEqualTo("bug");
    assertThat(item.get("priority").asString()).isEqualTo("P3");
    assertThat(item.get("status").asString()).isEqualTo("open");
    assertThat(item.get("source").get("system").asString()).isEqualTo("github");
    assertThat(item.get("source").get("integrationId").asString())
        .isEqualTo(github.id().toString());
    assertThat(item.get("source").get("externalKey").asString())
        .isEqualTo("Codertocat/Hello-World#1");
    assertThat(item.get("attributes").get("mapping").get("rules").get(0).asString())
        .isEqualTo("github-bug-label");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("OFFERED");
    assertThat(item.get("assignment").get("owner").asString()).isIn("person:alice", "person:bob");
    JsonNode decision =
        acme.get("/api/v1/work-items/" + item.get("id").asString() + "/decisions")
            .json()
            .get("items")
            .get(0);
    assertThat(decision.get("rule").asString()).isEqualTo("bugs-to-backend");
    assertThat(decision.get("trigger").asString()).isEqualTo("created");
    JsonNode created =
        acme.get("/api/v1/work-items/" + item.get("id").asString() + "/audit")
            .json()
            .get("items")
            .get(0);
    assertThat(created.get("action").asString()).isEqualTo("work-item.created");
    assertThat(created.get("actor").get("type").asString()).isEqualTo("github");
    assertThat(created.get("actor").get("id").asString()).isEqualTo("Codertocat");
    assertThat(created.get("source").asString()).isEqualTo("github");
  }

  @Test
  void theSameEventAgainIsStaleAndChangesNothing() {
    apply(github, github("issues", "github/issues.opened.json"));
    double before = staleCount("github");
    var rows = RowCounts.of(jdbc);
    long audits = RowCounts.of(jdbc, "audit_entries");

    Outcome again = apply(github, github("issues", "github/issues.opened.json"));

    assertThat(again).isEqualTo(Outcome.STALE);
    assertThat(staleCount("github")).isEqualTo(before + 1);
    var after = RowCounts.of(jdbc);
    assertThat(RowCounts.of(jdbc, "audit_entries")).isEqualTo(audits + 1);
    after.remove("audit_entries");
    rows.remove("audit_entries");
    assertThat(after).isEqualTo(rows);
    String id = item(github, ISSUE).get("id").asString();
    assertThat(auditActions(id)).last().isEqualTo("source-event.stale");
  }

  @Test
  void anotherEventAtTheSameVersionStillApplies() {
    apply(github, github("issues", "github/issues.opened.json"));

    Outcome labeled = apply(github, github("issues", "github/issues.labeled.json"));

    assertThat(labeled).isEqualTo(Outcome.UPDATED);
  }

  @Test
  void anEditUpdatesTheItemAndIsAudited() {
    apply(github, github("issues", "github/issues.opened.json"));
    ObjectNode edited = vendor("github/issues.edited.json");
    with(edited, "/issue/title", "Spelling error in the README");
    with(edited, "/issue/updated_at", "2019-05-15T15:21:00Z");
    ((ObjectNode) edited.get("issue")).putArray("labels").addObject().put("name", "P1");

    Outcome outcome = apply(github, parse("github", "issues", edited));

    assertThat(outcome).isEqualTo(Outcome.UPDATED);
    JsonNode item = item(github, ISSUE);
    assertThat(item.get("title").asString()).isEqualTo("Spelling error in the README");
    assertThat(item.get("priority").asString()).isEqualTo("P1");
    assertThat(item.get("type").asString()).isEqualTo("task");
    JsonNode updated =
        acme.get("/api/v1/work-items/" + item.get("id").asString() + "/audit").json().get("items");
    JsonNode last = updated.get(updated.size() - 1);
    assertThat(last.get("action").asString()).isEqualTo("work-item.updated");
    assertThat(last.get("before").get("priority").asString()).isEqualTo("P3");
    assertThat(last.get("after").get("priority").asString()).isEqualTo("P1");
    assertThat(
            acme.get("/api/v1/events").json().get("items").findValuesAsString("type").stream()
                .filter(t -> t.endsWith("work-item.updated")))
        .hasSize(1);
  }

  @Test
  void closingInTheSourceClosesTheItemAndReopeningReroutesIt() {
    apply(github, github("issues", "github/issues.opened.json"));
    ObjectNode closed = vendor("github/issues.opened.json");
    with(closed, "/action", "closed");
    with(closed, "/issue/state", "closed");
    with(closed, "/issue/updated_at", "2019-05-16T09:00:00Z");

    Outcome close = apply(github, parse("github", "issues", closed));

    assertThat(close).isEqualTo(Outcome.CLOSED);
    JsonNode item = item(github, ISSUE);
    assertThat(item.get("status").asString()).isEqualTo("closed");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("CLOSED");

    Outcome reopen = apply(github, github("issues", "github/issues.reopened.json"));

    assertThat(reopen).isEqualTo(Outcome.REOPENED);
    item = item(github, ISSUE);
    assertThat(item.get("status").asString()).isEqualTo("open");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("OFFERED");
    String id = item.get("id").asString();
    assertThat(auditActions(id))
        .containsSubsequence(
            "assignment.closed", "work-item.updated", "assignment.reopened", "assignment.routed");
    JsonNode latest =
        acme.get("/api/v1/work-items/" + id + "/decisions").json().get("items").get(0);
    assertThat(latest.get("trigger").asString()).isEqualTo("reopened");
  }

  @Test
  void aJiraUpdateBeforeItsCreationAndAnOlderUpdateAfterANewerOneEndInTheNewestState() {
    assertThat(apply(jira, jira("jira/jira_issue_updated.priority_lowered.json")))
        .isEqualTo(Outcome.CREATED);
    assertThat(item(jira, TES_41).get("priority").asString()).isEqualTo("P4");

    assertThat(apply(jira, jira("jira/jira_issue_created.json"))).isEqualTo(Outcome.STALE);
    assertThat(apply(jira, jira("jira/jira_issue_updated.priority_raised.json")))
        .isEqualTo(Outcome.UPDATED);
    assertThat(apply(jira, jira("jira/jira_issue_updated.priority_lowered.json")))
        .isEqualTo(Outcome.STALE);
    assertThat(apply(jira, jira("jira/jira_issue_updated.status_resolved.json")))
        .isEqualTo(Outcome.STALE);

    JsonNode item = item(jira, TES_41);
    assertThat(item.get("priority").asString()).isEqualTo("P2");
    assertThat(item.get("status").asString()).isEqualTo("open");
    assertThat(item.get("source").get("externalKey").asString()).isEqualTo("TES-41");
    assertThat(auditActions(item.get("id").asString()))
        .filteredOn("source-event.stale"::equals)
        .hasSize(3);
    assertThat(count("select count(*) from work_items")).isEqualTo(1);
  }

  @Test
  void aStaleEventIsAuditedWithBothVersions() {
    apply(jira, jira("jira/jira_issue_updated.priority_raised.json"));

    apply(jira, jira("jira/jira_issue_updated.labels.json"));

    JsonNode entries =
        acme.get("/api/v1/work-items/" + item(jira, TES_41).get("id").asString() + "/audit")
            .json()
            .get("items");
    JsonNode stale = entries.get(entries.size() - 1);
    assertThat(stale.get("action").asString()).isEqualTo("source-event.stale");
    assertThat(stale.get("reason").asString()).contains("is older than");
    assertThat(stale.get("after").get("event").asString())
        .isEqualTo("jira:issue_updated/issue_updated");
    assertThat(stale.get("after").get("appliedVersion").asLong())
        .isGreaterThan(stale.get("after").get("sourceVersion").asLong());
    assertThat(stale.get("actor").get("id").asString()).isEqualTo("5c5f880629be9642ba529340");
  }

  @Test
  void aJiraResolutionClosesTheItem() {
    apply(jira, jira("jira/jira_issue_created.json"));

    Outcome outcome = apply(jira, jira("jira/jira_issue_updated.status_resolved.json"));

    assertThat(outcome).isEqualTo(Outcome.CLOSED);
    JsonNode item = item(jira, TES_41);
    assertThat(item.get("status").asString()).isEqualTo("closed");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("CLOSED");
  }

  @Test
  void anItemFirstSeenClosedIsCreatedClosedWithoutRouting() {
    Outcome outcome = apply(github, github("issues", "github/issues.closed.json"));

    assertThat(outcome).isEqualTo(Outcome.CREATED);
    JsonNode item = item(github, "I_kwDOQwktts7nMIvA");
    assertThat(item.get("status").asString()).isEqualTo("closed");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("CLOSED");
    assertThat(count("select count(*) from routing_decisions")).isZero();
  }

  @Test
  void deletionClosesTheItemAndNothingAppliesAfterIt() {
    apply(jira, jira("jira/jira_issue_created.json"));
    apply(jira, jira("jira/jira_issue_updated.priority_raised.json"));
    ObjectNode deleted = vendor("jira/jira_issue_created.json");
    with(deleted, "/webhookEvent", "jira:issue_deleted");
    deleted.remove("changelog");

    Outcome outcome = apply(jira, parse("jira", null, deleted));

    assertThat(outcome).isEqualTo(Outcome.DELETED);
    JsonNode item = item(jira, TES_41);
    assertThat(item.get("status").asString()).isEqualTo("closed");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("CLOSED");
    assertThat(status(jira, TES_41)).isEqualTo("deleted");
    JsonNode entries =
        acme.get("/api/v1/work-items/" + item.get("id").asString() + "/audit").json().get("items");
    assertThat(entries.findValuesAsString("reason"))
        .contains("deleted in jira by 5c5f880629be9642ba529340");

    ObjectNode later = vendor("jira/jira_issue_updated.labels.json");
    with(later, "/issue/fields/updated", "2030-01-01T00:00:00.000+0000");
    assertThat(apply(jira, parse("jira", null, later))).isEqualTo(Outcome.STALE);
  }

  @Test
  void everyFailedRunIsANewItemButARepeatIsStale() {
    ObjectNode failure = own("github/workflow_run.completed.failure.json");
    String runId =
        java.util.Objects.requireNonNull(parse("github", "workflow_run", failure).externalId());

    assertThat(apply(github, parse("github", "workflow_run", failure))).isEqualTo(Outcome.CREATED);
    assertThat(apply(github, parse("github", "workflow_run", failure))).isEqualTo(Outcome.STALE);
    with(failure, "/workflow_run/updated_at", "2024-03-01T11:30:00Z");
    assertThat(apply(github, parse("github", "workflow_run", failure))).isEqualTo(Outcome.CREATED);

    List<String> types =
        jdbc.sql("select type from work_items where external_id = :id order by created_at")
            .param("id", runId)
            .query(String.class)
            .list();
    assertThat(types).containsExactly("build_failure", "build_failure");
    assertThat(item(github, runId).get("source").get("externalId").asString()).isEqualTo(runId);
  }

  @Test
  void alertsFireAndResolve() {
    Integration alerts = SourceFixtures.integration("acme", Provider.ALERTMANAGER);

    assertThat(
            apply(
                alerts,
                parse("alertmanager", null, vendor("alertmanager/webhook.firing.two_alerts.json"))))
        .isEqualTo(Outcome.CREATED);
    JsonNode firing = item(alerts, "{}/{}:{}");
    assertThat(firing.get("type").asString()).isEqualTo("alert");
    assertThat(firing.get("priority").asString()).isEqualTo("P1");
    assertThat(firing.get("assignment").get("owner").asString()).isEqualTo("queue:triage");

    assertThat(
            apply(alerts, parse("alertmanager", null, own("alertmanager/webhook.resolved.json"))))
        .isEqualTo(Outcome.CLOSED);
    assertThat(item(alerts, "{}/{}:{}").get("status").asString()).isEqualTo("closed");
  }

  @Test
  void commentsAndIgnoredEventsChangeNothing() {
    var rows = RowCounts.of(jdbc);

    assertThat(apply(github, github("issue_comment", "github/issue_comment.created.json")))
        .isEqualTo(Outcome.IGNORED);
    assertThat(apply(github, github("ping", "github/ping.json"))).isEqualTo(Outcome.IGNORED);

    assertThat(RowCounts.of(jdbc)).isEqualTo(rows);
    assertThat(count("select count(*) from source_items")).isZero();
  }

  @Test
  void tenantsKeepTheirOwnSourceItems() {
    String globexToken = tenant("globex-2");
    Integration theirs = SourceFixtures.integration("globex-2", Provider.GITHUB);

    apply(github, github("issues", "github/issues.opened.json"));
    Outcome outcome = apply(theirs, github("issues", "github/issues.opened.json"));

    assertThat(outcome).isEqualTo(Outcome.CREATED);
    assertThat(api(globexToken).get("/api/v1/work-items").json().get("items")).hasSize(1);
    assertThat(acme.get("/api/v1/work-items").json().get("items")).hasSize(1);
  }

  @Test
  void deliveriesOfOneNewItemAtTheSameTimeCreateOneWorkItem() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 6; round++) {
        String nodeId = "I_concurrent_" + round;
        SourceEvent first =
            parse(
                "github",
                "issues",
                with(vendor("github/issues.opened.json"), "/issue/node_id", nodeId));
        String second = round % 2 == 0 ? "github/issues.opened.json" : "github/issues.labeled.json";
        SourceEvent other =
            parse("github", "issues", with(vendor(second), "/issue/node_id", nodeId));
        CountDownLatch start = new CountDownLatch(1);
        Callable<Outcome> one =
            () -> {
              start.await(10, TimeUnit.SECONDS);
              return apply(github, first);
            };
        Callable<Outcome> two =
            () -> {
              start.await(10, TimeUnit.SECONDS);
              return apply(github, other);
            };
        Future<Outcome> a = pool.submit(one);
        Future<Outcome> b = pool.submit(two);
        start.countDown();

        List<Outcome> outcomes = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));

        assertThat(outcomes)
            .as("round %d", round)
            .containsExactlyInAnyOrder(
                Outcome.CREATED, round % 2 == 0 ? Outcome.STALE : Outcome.UPDATED);
        assertThat(
                jdbc.sql("select count(*) from work_items where external_id = :id")
                    .param("id", nodeId)
                    .query(Long.class)
                    .single())
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  double staleCount(String provider) {
    Counter counter =
        meters.find(ApplySourceEvent.STALE_METRIC).tag("provider", provider).counter();
    return counter == null ? 0 : counter.count();
  }

  String status(Integration integration, String externalId) {
    return jdbc.sql(
            "select status from source_items where integration_id = :integration and external_id"
                + " = :externalId")
        .param("integration", integration.id())
        .param("externalId", externalId)
        .query(String.class)
        .single();
  }

  long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
