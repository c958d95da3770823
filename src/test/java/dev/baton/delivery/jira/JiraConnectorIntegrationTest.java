package dev.baton.delivery.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.Connector.DeliveryRequest;
import dev.baton.delivery.Connector.OutboxEvent;
import dev.baton.delivery.Connector.Outcome;
import dev.baton.delivery.Connector.Planned;
import dev.baton.platform.Actor;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.ResettingServer;
import dev.baton.workitem.NewWorkItem;
import dev.baton.workitem.WorkItems;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jira connector against a fake Jira site on loopback: what it plans, what it sends (checked
 * against Jira's OpenAPI document), and how each kind of answer ends.
 */
@TestPropertySource(
    properties = {
      "baton.jira.allow-loopback-http=true",
      "baton.public-url=https://baton.example.com",
      "baton.jira.request-timeout=2s",
      // the test drives the connector by hand: no dispatcher sends the rows it plans
      "baton.delivery.dispatch=false"
    })
class JiraConnectorIntegrationTest extends IntegrationTest {

  /** A database of its own, so no other test context's dispatcher sends the rows planned here. */
  @org.springframework.test.context.DynamicPropertySource
  static void ownDatabase(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add(
        dev.baton.testsupport.TestDatabase.DATABASE_PROPERTY,
        () -> dev.baton.testsupport.TestDatabase.separate("jira_out"));
  }

  static final String ALICE_ACCOUNT = "5b10ac8d82e05b22cc7d4ef5";
  static final String EMAIL = "baton@acme.example";
  static final String API_TOKEN = "ATATT3xFfGF0-acme-api-token";

  private static final String SETUP =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice Smith, identities: { jira: 5b10ac8d82e05b22cc7d4ef5 } }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: triage-team }
      spec: { members: [alice] }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: triage }
      spec: { team: triage-team }
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: inbound }
      spec:
        rules:
          - name: bugs-to-alice
            when: item.type == "bug"
            assign: { person: alice }
        fallback: { queue: triage }
      """;

  @Autowired JiraConnector connector;
  @Autowired WorkItems workItems;
  @Autowired TransactionTemplate transactions;
  @Autowired JsonMapper json;

  FakeJira jira;
  String integration;

  @BeforeEach
  void siteRosterPolicyAndConnection() throws Exception {
    jira = new FakeJira();
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    integration = integration(acme, "jira", "acme-jira");
    connect(integration, "on", "");
  }

  @AfterEach
  void stopSite() {
    jira.close();
  }

  @Test
  void plansOneDeliveryPerJiraSourcedItemWithAConnection() {
    UUID item = jiraItem(integration, "PROJ-1");
    OutboxEvent routed = event(item, "assignment.routed");

    assertThat(connector.name()).isEqualTo("jira");
    assertThat(connector.plan(routed))
        .containsExactly(new Planned("jira:" + integration, item.toString()));
    assertThat(connector.plan(event(item, "assignment.requested"))).isEmpty();

    UUID fromApi = UUID.fromString(Given.workItem(acme, "Made by API"));
    assertThat(connector.plan(event(fromApi, "assignment.routed"))).isEmpty();

    String unconnected = integration(acme, "jira", "other-jira");
    UUID other = jiraItem(unconnected, "OTHER-1");
    assertThat(connector.plan(event(other, "assignment.routed"))).isEmpty();

    connect(integration, "off", "");
    assertThat(connector.plan(routed)).isEmpty();
    connect(integration, "shadow", "");
    assertThat(connector.plan(routed)).hasSize(1);
  }

  @Test
  void routingSetsTheAssigneeByAccountIdAndCommentsWhoWhyAndWhichRule() {
    UUID item = jiraItem(integration, "PROJ-1");
    UUID delivery = UUID.randomUUID();

    Outcome outcome = connector.send(request(delivery, event(item, "assignment.routed"), 1, false));

    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Delivered.class);
    assertThat(((Outcome.Delivered) outcome).status()).isEqualTo(201);
    List<FakeJira.Recorded> sent = jira.requests();
    assertThat(sent)
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "PUT /rest/api/3/issue/PROJ-1/assignee", "POST /rest/api/3/issue/PROJ-1/comment");
    assertThat(sent.get(0).json().get("accountId").asString()).isEqualTo(ALICE_ACCOUNT);
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((EMAIL + ":" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
    assertThat(sent).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(basic));
    JsonNode comment = sent.get(1).json();
    String text = comment.get("body").toString();
    assertThat(comment.get("body").get("type").asString()).isEqualTo("doc");
    assertThat(text)
        .contains("Baton routed this issue to ", "Alice Smith")
        .contains("bugs-to-alice", "policy inbound version 1")
        .contains("https://baton.example.com/api/v1/work-items/" + item);
    assertThat(comment.get("properties").get(0).get("key").asString()).isEqualTo("baton.delivery");
    assertThat(comment.get("properties").get(0).get("value").get("deliveryId").asString())
        .isEqualTo(delivery.toString());
    sent.forEach(JiraShapes::assertValid);
  }

  @Test
  void anUncertainRetryAfterTheCommentLandedDoesNotPostAgain() {
    UUID item = jiraItem(integration, "PROJ-1");
    UUID delivery = UUID.randomUUID();
    OutboxEvent routed = event(item, "assignment.routed");
    assertThat(connector.send(request(delivery, routed, 1, false)))
        .isInstanceOf(Outcome.Delivered.class);

    Outcome retry = connector.send(request(delivery, routed, 2, true));

    assertThat(retry).as("%s", retry).isInstanceOf(Outcome.Delivered.class);
    assertThat(jira.requests("POST", "/comment")).hasSize(1);
    List<FakeJira.Recorded> checks = jira.requests("GET", "/comment");
    assertThat(checks).hasSize(1);
    assertThat(checks.get(0).query()).contains("expand=properties");
    jira.requests().forEach(JiraShapes::assertValid);
  }

  @Test
  void anUncertainRetryWhoseCommentNeverLandedPostsItOnce() {
    UUID item = jiraItem(integration, "PROJ-1");
    UUID delivery = UUID.randomUUID();
    OutboxEvent routed = event(item, "assignment.routed");
    jira.next("POST", "/comment", 503, Map.of(), "");
    assertThat(connector.send(request(delivery, routed, 1, false)))
        .isInstanceOf(Outcome.Transient.class);

    Outcome retry = connector.send(request(delivery, routed, 2, true));

    assertThat(retry).as("%s", retry).isInstanceOf(Outcome.Delivered.class);
    assertThat(jira.requests("POST", "/comment")).hasSize(2);
    assertThat(jira.requests("GET", "/comment")).hasSize(1);
  }

  @Test
  void rateLimitedIsTransientWithJirasRetryAfterAndReason() {
    UUID item = jiraItem(integration, "PROJ-1");
    jira.next(
        "PUT",
        "/assignee",
        429,
        Map.of("Retry-After", "30", "RateLimit-Reason", "jira-per-issue-on-write"),
        "");

    Outcome outcome =
        connector.send(request(UUID.randomUUID(), event(item, "assignment.routed"), 1, false));

    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Transient.class);
    Outcome.Transient t = (Outcome.Transient) outcome;
    assertThat(t.status()).isEqualTo(429);
    assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.error()).contains("jira-per-issue-on-write");
    assertThat(jira.requests("POST", "/comment")).isEmpty();
  }

  @Test
  void afterAPerIssueLimitLaterWritesToThatIssueWaitWithoutACallAndOtherIssuesGoOn() {
    UUID first = jiraItem(integration, "PROJ-1");
    UUID second = jiraItem(integration, "PROJ-2");
    jira.next(
        "PUT",
        "/assignee",
        429,
        Map.of("Retry-After", "30", "RateLimit-Reason", "jira-per-issue-on-write"),
        "");
    connector.send(request(UUID.randomUUID(), event(first, "assignment.routed"), 1, false));
    int calls = jira.requests().size();

    Outcome again =
        connector.send(request(UUID.randomUUID(), event(first, "assignment.routed"), 2, false));

    assertThat(again).as("%s", again).isInstanceOf(Outcome.Held.class);
    Outcome.Held waiting = (Outcome.Held) again;
    assertThat(waiting.after()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(waiting.error()).contains("issue PROJ-1").contains("nothing sent");
    assertThat(jira.requests()).hasSize(calls);

    Outcome other =
        connector.send(request(UUID.randomUUID(), event(second, "assignment.routed"), 1, false));
    assertThat(other).as("%s", other).isInstanceOf(Outcome.Delivered.class);
    assertThat(jira.requests("PUT", "/issue/PROJ-2/assignee")).hasSize(1);
  }

  @Test
  void afterASiteQuotaLimitEveryIssueOfTheConnectionWaitsWithoutACall() {
    UUID first = jiraItem(integration, "PROJ-1");
    UUID second = jiraItem(integration, "PROJ-2");
    jira.next(
        "POST",
        "/comment",
        429,
        Map.of("Retry-After", "120", "RateLimit-Reason", "jira-quota-tenant-based"),
        "");
    Outcome limited =
        connector.send(request(UUID.randomUUID(), event(first, "assignment.routed"), 1, false));
    assertThat(limited).as("%s", limited).isInstanceOf(Outcome.Transient.class);
    int calls = jira.requests().size();

    Outcome other =
        connector.send(request(UUID.randomUUID(), event(second, "assignment.routed"), 1, false));

    assertThat(other).as("%s", other).isInstanceOf(Outcome.Held.class);
    assertThat(((Outcome.Held) other).after())
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofSeconds(120));
    assertThat(((Outcome.Held) other).error()).contains("the Jira site");
    assertThat(jira.requests()).hasSize(calls);
  }

  @Test
  void unavailableIsTransient() {
    UUID item = jiraItem(integration, "PROJ-1");
    jira.next("PUT", "/assignee", 503, Map.of(), "{\"errorMessages\":[\"Service unavailable\"]}");

    Outcome outcome =
        connector.send(request(UUID.randomUUID(), event(item, "assignment.routed"), 1, false));

    assertThat(outcome).isInstanceOf(Outcome.Transient.class);
    assertThat(((Outcome.Transient) outcome).status()).isEqualTo(503);
    assertThat(((Outcome.Transient) outcome).error()).contains("Service unavailable");
  }

  @Test
  void aSiteThatCannotBeReachedIsTransient() {
    UUID item = jiraItem(integration, "PROJ-1");
    jira.close();

    Outcome outcome =
        connector.send(request(UUID.randomUUID(), event(item, "assignment.routed"), 1, false));

    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Transient.class);
  }

  @Test
  void aCommentAnsweredAfterTheTimeoutIsFoundByItsPropertyOnTheRetryAndNotPostedAgain() {
    UUID item = jiraItem(integration, "PROJ-1");
    UUID delivery = UUID.randomUUID();
    OutboxEvent routed = event(item, "assignment.routed");
    // Jira keeps the comment but answers after the connector's 2 s timeout
    jira.slow("POST", "/comment", Duration.ofSeconds(3));

    Outcome first = connector.send(request(delivery, routed, 1, false));

    assertThat(first)
        .as("%s", first)
        .isInstanceOfSatisfying(Outcome.Transient.class, t -> assertThat(t.uncertain()).isTrue());
    assertThat(jira.requests("POST", "/comment")).hasSize(1);

    Outcome retry = connector.send(request(delivery, routed, 2, true));

    assertThat(retry).as("%s", retry).isInstanceOf(Outcome.Delivered.class);
    assertThat(jira.requests("POST", "/comment")).hasSize(1);
    assertThat(jira.requests("GET", "/comment")).hasSize(1);
    jira.requests().forEach(JiraShapes::assertValid);
  }

  @Test
  void aConnectionResetIsTransientAndUncertain() {
    UUID item = jiraItem(integration, "PROJ-1");
    try (ResettingServer resetting = new ResettingServer()) {
      jdbc.sql("update jira_connections set base_url = :url where integration_id = :id")
          .param("url", resetting.baseUrl())
          .param("id", UUID.fromString(integration))
          .update();

      Outcome outcome =
          connector.send(request(UUID.randomUUID(), event(item, "assignment.routed"), 1, false));

      assertThat(outcome)
          .as("%s", outcome)
          .isInstanceOfSatisfying(
              Outcome.Transient.class,
              t -> {
                assertThat(t.uncertain()).isTrue();
                assertThat(t.error()).contains("connection to Jira failed");
              });
      assertThat(resetting.connections()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void forbiddenAndNotFoundArePermanentWithJirasMessage() {
    UUID item = jiraItem(integration, "PROJ-1");
    jira.next(
        "PUT",
        "/assignee",
        403,
        Map.of(),
        "{\"errorMessages\":[\"You do not have permission to assign issues in this project.\"]}");
    jira.next(
        "PUT",
        "/assignee",
        404,
        Map.of(),
        "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"]}");

    Outcome forbidden =
        connector.send(request(UUID.randomUUID(), event(item, "assignment.routed"), 1, false));
    Outcome notFound =
        connector.send(request(UUID.randomUUID(), event(item, "assignment.routed"), 1, false));

    assertThat(forbidden)
        .isInstanceOfSatisfying(
            Outcome.Permanent.class,
            p -> {
              assertThat(p.status()).isEqualTo(403);
              assertThat(p.error()).contains("You do not have permission to assign issues");
            });
    assertThat(notFound)
        .isInstanceOfSatisfying(
            Outcome.Permanent.class,
            p -> {
              assertThat(p.status()).isEqualTo(404);
              assertThat(p.error()).contains("Issue does not exist");
            });
    assertThat(jira.requests("POST", "/comment")).isEmpty();
  }

  @Test
  void aFieldNotOnTheScreenIsPermanentWithJirasMessage() {
    connect(
        integration,
        "on",
        ", \"fields\": [{\"id\": \"customfield_10050\", \"value\": \"{state}\", \"type\":"
            + " \"option\"}]");
    UUID item = jiraItem(integration, "PROJ-1");
    jira.next(
        "PUT",
        "/issue/PROJ-1",
        400,
        Map.of(),
        "{\"errorMessages\":[],\"errors\":{\"customfield_10050\":\"Field 'customfield_10050'"
            + " cannot be set. It is not on the appropriate screen, or unknown.\"}}");

    Outcome outcome =
        connector.send(request(UUID.randomUUID(), event(item, "assignment.routed"), 1, false));

    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Permanent.class);
    Outcome.Permanent p = (Outcome.Permanent) outcome;
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.error()).contains("It is not on the appropriate screen");
    FakeJira.Recorded fields = jira.requests("PUT", "/issue/PROJ-1").get(0);
    assertThat(fields.json().get("fields").get("customfield_10050").get("value").asString())
        .isEqualTo("OFFERED");
    assertThat(fields.json().get("fields").size()).isEqualTo(1);
    assertThat(jira.requests("POST", "/comment")).isEmpty();
    jira.requests().forEach(JiraShapes::assertValid);
  }

  @Test
  void shadowModeSendsNothingAndIsSkipped() {
    connect(integration, "shadow", "");
    UUID item = jiraItem(integration, "PROJ-1");

    Outcome outcome =
        connector.send(request(UUID.randomUUID(), event(item, "assignment.routed"), 1, false));

    assertThat(outcome).isInstanceOf(Outcome.Skipped.class);
    assertThat(jira.requests()).isEmpty();
    Outcome.Skipped skipped = (Outcome.Skipped) outcome;
    assertThat(skipped.reason())
        .contains("shadow mode")
        .contains("would PUT assignee, POST comment on PROJ-1");
    JsonNode wouldSend = json.readTree(skipped.excerpt());
    assertThat(wouldSend.get("assignee").get("accountId").asString()).isEqualTo(ALICE_ACCOUNT);
    assertThat(wouldSend.get("comment").get("body").get("type").asString()).isEqualTo("doc");
  }

  @Test
  void aQueueOwnerLeavesTheIssueUnassigned() {
    UUID item = jiraItem(integration, "PROJ-1");
    Given.action(
        acme,
        item.toString(),
        "{\"action\":\"reassign\",\"to\":\"queue:triage\",\"reason\":\"back to triage\"}");

    Outcome outcome =
        connector.send(request(UUID.randomUUID(), event(item, "assignment.reassigned"), 1, false));

    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Delivered.class);
    FakeJira.Recorded assignee = jira.requests("PUT", "/assignee").get(0);
    assertThat(assignee.json().get("accountId").isNull()).isTrue();
    assertThat(jira.requests("POST", "/comment").get(0).body())
        .contains("queue triage")
        .contains("back to triage");
    jira.requests().forEach(JiraShapes::assertValid);
  }

  // --- helpers

  static String integration(Api api, String provider, String name) {
    Api.Response created =
        api.post(
            "/api/v1/integrations",
            "{\"provider\":\""
                + provider
                + "\",\"name\":\""
                + name
                + "\",\"secrets\":[\"secret-of-"
                + name
                + "\"]}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private void connect(String integrationId, String mode, String more) {
    Api.Response saved =
        acme.put(
            "/api/v1/integrations/" + integrationId + "/jira-connection",
            "{\"baseUrl\":\""
                + jira.baseUrl()
                + "\",\"auth\":{\"email\":\""
                + EMAIL
                + "\",\"apiToken\":\""
                + API_TOKEN
                + "\"},\"mode\":\""
                + mode
                + "\""
                + more
                + "}");
    assertThat(saved.status()).as("%s", saved).isIn(200, 201);
  }

  /** A work item created from an issue of the integration, routed by the live policy. */
  private UUID jiraItem(String integrationId, String key) {
    NewWorkItem issue =
        new NewWorkItem(
            "Login fails for SSO users",
            "bug",
            "P2",
            null,
            null,
            null,
            null,
            null,
            null,
            new NewWorkItem.SourceRef(
                "jira", "100" + key.hashCode(), key, "https://acme.atlassian.net/browse/" + key),
            null);
    return transactions.execute(
        tx ->
            workItems
                .createFromSource(
                    "acme",
                    issue,
                    UUID.fromString(integrationId),
                    1,
                    Actor.system("test"),
                    "test",
                    true)
                .item()
                .id());
  }

  /** The newest outbox event of this type about the item. */
  private OutboxEvent event(UUID item, String type) {
    return jdbc.sql(
            "select id, seq, type, subject, cloud_event from outbox_events where tenant_id ="
                + " 'acme' and subject = :subject and type = :type order by seq desc limit 1")
        .param("subject", item.toString())
        .param("type", type)
        .query(
            (rs, n) ->
                new OutboxEvent(
                    "acme",
                    rs.getObject("id", UUID.class),
                    rs.getLong("seq"),
                    rs.getString("type"),
                    rs.getString("subject"),
                    json.readTree(rs.getString("cloud_event"))))
        .single();
  }

  private DeliveryRequest request(
      UUID delivery, OutboxEvent event, int attempt, boolean uncertain) {
    return new DeliveryRequest("acme", delivery, "jira:" + integration, event, attempt, uncertain);
  }
}
