package dev.baton.reconcile;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import dev.baton.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Reconciliation against a fake Jira with drift of every kind: a person's reassignment Baton never
 * heard of (adopted as an override), a write of Baton's that Jira refused (repaired), an issue
 * whose webhook was missed (backfilled), an issue resolved in Jira (adopted) and one deleted there
 * (closed). The dry run reports the same and changes nothing; the real run ends consistent with
 * every repair recorded, and the next, scheduled, run finds nothing.
 */
@TestPropertySource(
    properties = {
      "baton.jira.allow-loopback-http=true",
      "baton.inbox.poll-interval=50ms",
      "baton.delivery.poll-interval=50ms",
      "baton.reconcile.page-size=2"
    })
class ReconciliationIntegrationTest extends IntegrationTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String SECRET = "jira-hook-secret";
  private static final String BATON = "557058:baton-bot";
  private static final String ALICE = "5b10ac8d82e05b22cc7d4ef5";
  private static final String BOB = "5b10ac8d82e05b22cc7d4bob";
  private static final String CAROL = "5b10ac8d82e05b22cc7dcarol";

  private static final String SETUP =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice, identities: { jira: 5b10ac8d82e05b22cc7d4ef5 } }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: bob }
      spec: { displayName: Bob, identities: { jira: 5b10ac8d82e05b22cc7d4bob } }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: carol }
      spec: { displayName: Carol, identities: { jira: 5b10ac8d82e05b22cc7dcarol } }
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
      kind: RoutingPolicy
      metadata: { name: inbound }
      spec:
        rules:
          - name: jira-to-alice
            when: item.source.system == "jira"
            assign: { person: alice }
        fallback: { queue: triage }
      """;

  /** Tables that any reconciliation change would write. */
  private static final List<String> TABLES =
      List.of(
          "work_items",
          "assignments",
          "source_items",
          "audit_entries",
          "outbox_events",
          "deliveries",
          "routing_decisions",
          "inbox");

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    // this context's inbox worker and dispatcher must not meet another context's rows
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("reconcile"));
  }

  @Autowired RunReconciliation reconciliation;
  @Autowired ReconcileRuns runs;
  @Autowired MeterRegistry meters;

  FakeJiraSite jira;
  String integration;

  @BeforeEach
  void siteRosterAndIntegration() throws IOException {
    jira = new FakeJiraSite(BATON);
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    Api.Response created =
        acme.post(
            "/api/v1/integrations",
            "{\"provider\":\"jira\",\"name\":\"acme-jira\",\"secrets\":[\"" + SECRET + "\"]}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    integration = created.json().get("id").asString();
    Api.Response connected =
        acme.put(
            "/api/v1/integrations/" + integration + "/jira-connection",
            "{\"baseUrl\":\""
                + jira.baseUrl()
                + "\",\"auth\":{\"email\":\"baton@acme.example\",\"apiToken\":\"token\"},"
                + "\"mode\":\"on\",\"accountId\":\""
                + BATON
                + "\"}");
    assertThat(connected.status()).as("%s", connected).isEqualTo(201);
  }

  @AfterEach
  void stopSite() {
    jira.close();
  }

  @Test
  void driftOfEveryKindIsReportedByADryRunAndRepairedByARealOne() {
    // four issues Baton learns of by webhook and routes to alice; Jira refuses the write of PROJ-2
    jira.refuseAssignee("PROJ-2");
    for (int n : new int[] {1, 2, 3, 5}) {
      jira.create("1000" + n, "PROJ-" + n, "Issue " + n);
      assertThat(hook(jira.createdWebhook("1000" + n)).status()).isEqualTo(202);
    }
    await(() -> count("select count(*) from work_items") == 4, "four work items");
    await(
        () ->
            count("select count(*) from deliveries where status = 'pending'") == 0
                && count("select count(*) from deliveries") == 4,
        "Baton's four Jira deliveries attempted");
    assertThat(jira.assignee("10001")).isEqualTo(ALICE);
    assertThat(jira.assignee("10002")).isNull();
    jira.acceptAssignee();
    // then, without any webhook reaching Baton: carol gives PROJ-1 to bob, PROJ-3 is deleted,
    // PROJ-4 is created, PROJ-5 is resolved
    jira.reassign("10001", BOB, CAROL);
    jira.delete("10003");
    jira.create("10004", "PROJ-4", "Issue 4");
    jira.resolve("10005");
    String proj1 = itemOf("PROJ-1");
    String proj2 = itemOf("PROJ-2");
    String proj3 = itemOf("PROJ-3");
    String proj5 = itemOf("PROJ-5");

    Map<String, Long> before = counts();
    int assigneeCalls = jira.requests("PUT", "/assignee").size();
    jira.rateLimitSearches(1);
    JsonNode dry = reconcile("true");

    assertThat(dry.get("status").asString()).as("%s", dry).isEqualTo("succeeded");
    assertThat(dry.get("dryRun").asBoolean()).isTrue();
    assertThat(findings(dry))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "PROJ-1", "assignee/adopted",
                "PROJ-2", "assignee/repaired",
                "PROJ-3", "deleted/closed",
                "PROJ-4", "unknown/backfilled",
                "PROJ-5", "status/adopted"));
    assertThat(counts()).isEqualTo(before);
    assertThat(jira.requests("PUT", "/assignee")).hasSize(assigneeCalls);
    assertThat(jira.requests("POST", "/search/jql").size()).isGreaterThanOrEqualTo(3);

    JsonNode real = reconcile("false");

    assertThat(real.get("status").asString()).as("%s", real).isEqualTo("succeeded");
    assertThat(findings(real)).isEqualTo(findings(dry));
    assertThat(real.get("repaired").asInt()).isEqualTo(1);
    assertThat(real.get("adopted").asInt()).isEqualTo(2);
    assertThat(real.get("backfilled").asInt()).isEqualTo(1);
    assertThat(real.get("closed").asInt()).isEqualTo(1);
    // adopted: bob holds PROJ-1 by an override in carol's name
    assertThat(assignment(proj1).get("owner").asString()).isEqualTo("person:bob");
    assertThat(assignment(proj1).get("state").asString()).isEqualTo("ACCEPTED");
    List<JsonNode> audit1 = audit(proj1);
    JsonNode overridden = find(audit1, "assignment.overridden");
    assertThat(overridden.get("actor").get("type").asString()).isEqualTo("jira");
    assertThat(overridden.get("actor").get("id").asString()).isEqualTo(CAROL);
    assertMaintenance(find(audit1, "reconcile.adopted"));
    // repaired: Jira shows alice on PROJ-2 again, set by the reconciler
    assertThat(jira.assignee("10002")).isEqualTo(ALICE);
    assertMaintenance(find(audit(proj2), "reconcile.repaired"));
    // deleted: PROJ-3's item is closed
    assertThat(assignment(proj3).get("state").asString()).isEqualTo("CLOSED");
    assertMaintenance(find(audit(proj3), "reconcile.closed"));
    // backfilled: PROJ-4 is a work item routed like any webhook's
    String proj4 = itemOf("PROJ-4");
    assertThat(assignment(proj4).get("owner").asString()).isEqualTo("person:alice");
    assertMaintenance(find(audit(proj4), "reconcile.backfilled"));
    // resolved in Jira: PROJ-5 is closed in Baton
    assertThat(assignment(proj5).get("state").asString()).isEqualTo("CLOSED");
    assertMaintenance(find(audit(proj5), "reconcile.adopted"));
    assertThat(meters.get("baton.reconcile.drift").tag("kind", "assignee").counter().count())
        .isEqualTo(2.0);
    assertThat(meters.get("baton.reconcile.repaired").counter().count()).isEqualTo(1.0);
    assertThat(meters.get("baton.reconcile.adopted").counter().count()).isEqualTo(2.0);
    assertThat(meters.get("baton.reconcile.backfilled").counter().count()).isEqualTo(1.0);

    // Baton's own deliveries for the changes land; then the next scheduled run finds nothing
    await(
        () -> count("select count(*) from deliveries where status = 'pending'") == 0,
        "deliveries of the reconciled changes attempted");
    jdbc.sql("update reconcile_cursors set next_run_at = now() - interval '1 minute'").update();
    assertThat(reconciliation.runDue()).isEqualTo(1);
    JsonNode runsNow = acme.get("/api/v1/integrations/" + integration + "/reconcile-runs").json();
    JsonNode scheduled = runsNow.get("items").get(0);
    assertThat(scheduled.get("trigger").asString()).isEqualTo("schedule");
    assertThat(scheduled.get("status").asString()).as("%s", scheduled).isEqualTo("succeeded");
    assertThat(scheduled.get("findings")).as("%s", scheduled).isEmpty();
    assertThat(scheduled.get("since").asString()).isEqualTo(real.get("startedAt").asString());
    assertThat(runsNow.get("items")).hasSize(3);
    assertThat(jira.shapeErrors()).isEmpty();
  }

  @Test
  void oneIntegrationIsNeverClaimedTwice() {
    UUID id = UUID.fromString(integration);
    ReconcileRuns.Claim first = runs.claimNow("acme", id, false, "test");

    assertThatThrownBy(() -> runs.claimNow("acme", id, true, "test"))
        .isInstanceOf(BatonException.Conflict.class)
        .hasMessageContaining(first.runId().toString());
    jdbc.sql("update reconcile_cursors set next_run_at = now() - interval '1 minute'").update();
    assertThat(runs.claimDue()).isEmpty();
    assertProblem(acme.post("/api/v1/integrations/" + integration + "/reconcile", ""), 409);

    runs.finish(first, new Reconciliation.Result(0, List.of(), null, true, null), null);
    assertThat(runs.claimDue()).isPresent();
  }

  @Test
  void badRequestsAreRefusedAndRunNothing() {
    Map<String, Long> before = counts();
    long runsBefore = count("select count(*) from reconcile_runs");

    assertProblem(
        acme.post("/api/v1/integrations/" + integration + "/reconcile?dryRun=maybe", ""), 422);
    assertProblem(globex.post("/api/v1/integrations/" + integration + "/reconcile", ""), 404);
    assertProblem(globex.get("/api/v1/integrations/" + integration + "/reconcile-runs"), 404);
    assertProblem(acme.post("/api/v1/integrations/not-a-uuid/reconcile", ""), 404);
    assertProblem(
        acme.get("/api/v1/integrations/" + integration + "/reconcile-runs/" + UUID.randomUUID()),
        404);
    assertProblem(
        acmeWith("integrations:read")
            .post("/api/v1/integrations/" + integration + "/reconcile", ""),
        403);
    acme.delete("/api/v1/integrations/" + integration + "/jira-connection");
    assertProblem(acme.post("/api/v1/integrations/" + integration + "/reconcile", ""), 409);

    assertThat(count("select count(*) from reconcile_runs")).isEqualTo(runsBefore);
    Map<String, Long> after = counts();
    after.remove("audit_entries");
    before.remove("audit_entries");
    assertThat(after).isEqualTo(before);
  }

  private static void assertMaintenance(JsonNode entry) {
    assertThat(entry.get("actor").get("type").asString()).isEqualTo("system");
    assertThat(entry.get("actor").get("id").asString()).isEqualTo("reconciler");
    assertThat(entry.get("reason").asString()).isNotBlank();
  }

  private JsonNode reconcile(String dryRun) {
    Api.Response answer =
        acme.post("/api/v1/integrations/" + integration + "/reconcile?dryRun=" + dryRun, "");
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    return answer.json();
  }

  private static Map<String, String> findings(JsonNode run) {
    Map<String, String> found = new LinkedHashMap<>();
    run.get("findings")
        .forEach(
            f ->
                found.put(
                    f.get("issueKey").asString(),
                    f.get("kind").asString() + "/" + f.get("action").asString()));
    return found;
  }

  private String itemOf(String key) {
    JsonNode items = acme.get("/api/v1/work-items?limit=100").json().get("items");
    for (JsonNode item : items) {
      if (key.equals(item.get("source").get("externalKey").asString(""))) {
        return item.get("id").asString();
      }
    }
    throw new AssertionError("no work item for " + key + ": " + items);
  }

  private JsonNode assignment(String id) {
    return acme.get("/api/v1/work-items/" + id).json().get("assignment");
  }

  private List<JsonNode> audit(String id) {
    List<JsonNode> entries = new ArrayList<>();
    acme.get("/api/v1/work-items/" + id + "/audit?limit=100")
        .json()
        .get("items")
        .forEach(entries::add);
    return entries;
  }

  private static JsonNode find(List<JsonNode> entries, String action) {
    return entries.stream()
        .filter(e -> e.get("action").asString().equals(action))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + action + " in " + entries));
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    TABLES.forEach(t -> counts.put(t, RowCounts.of(jdbc, t)));
    return counts;
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private static void await(BooleanSupplier condition, String what) {
    for (int i = 0; i < 300; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("not within 15 s: " + what);
  }

  private Api.Response hook(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/" + integration))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-Atlassian-Webhook-Identifier", UUID.randomUUID().toString())
            .header("X-Hub-Signature", "sha256=" + hmac(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return new Api.Response(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
