package dev.baton.delivery.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.Connector.DeliveryRequest;
import dev.baton.delivery.Connector.OutboxEvent;
import dev.baton.delivery.Connector.Outcome;
import dev.baton.delivery.Connector.Planned;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Slack connector against a fake Slack Web API on loopback, on events made by the real routing
 * path: a policy whose rule notifies {@code #incidents} routes a P1 incident to the on-call.
 */
@Import(SlackConnectorIntegrationTest.Clocks.class)
@TestPropertySource(
    properties = {
      "baton.delivery.slack.timeout=500ms",
      // the test drives the connector by hand: no dispatcher sends the rows it plans
      "baton.delivery.dispatch=false"
    })
class SlackConnectorIntegrationTest extends IntegrationTest {

  static final String BOT_TOKEN = "xoxb-1111-2222-acmebot";
  static final FakeSlackWebApi SLACK = FakeSlackWebApi.start(BOT_TOKEN);
  static final SlackWebSpec SPEC = new SlackWebSpec();

  static final String CONFIG =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice, identities: { slack: U0ALICE01 } }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: carol }
      spec: { displayName: Carol, identities: { slack: U0CAROL01 } }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: dave }
      spec: { displayName: Dave }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: backend }
      spec: { members: [alice, carol, dave], leads: [carol] }
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
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:
          - name: p1-incidents-to-oncall
            when: item.priority == "P1" && item.type == "incident"
            assign: { schedule: platform-oncall }
            notify: { slack: { channel: "#incidents" } }
          - name: bugs-to-dave
            when: item.type == "bug"
            assign: { person: dave }
        fallback: { queue: triage }
      """;

  @TestConfiguration(proxyBeanMethods = false)
  static class Clocks {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }

  @DynamicPropertySource
  static void fakeSlack(DynamicPropertyRegistry registry) {
    registry.add("baton.slack.api-url", SLACK::apiUrl);
    // a database of its own, so no other test context's dispatcher sends the rows planned here
    registry.add(
        dev.baton.testsupport.TestDatabase.DATABASE_PROPERTY,
        () -> dev.baton.testsupport.TestDatabase.separate("slack_out"));
  }

  @AfterAll
  static void stopFakeSlack() {
    SLACK.close();
  }

  @Autowired SlackConnector slack;
  @Autowired TestClock clock;
  @Autowired JsonMapper json;

  String integrationId;

  @BeforeEach
  void configAndSlack() {
    SLACK.reset(BOT_TOKEN);
    clock.reset();
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", CONFIG);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    integrationId = slackIntegration(acme, "workspace", BOT_TOKEN);
  }

  static String slackIntegration(Api api, String name, String botToken) {
    Api.Response created =
        api.post(
            "/api/v1/integrations",
            "{\"provider\":\"slack\",\"name\":\""
                + name
                + "\",\"secrets\":[\"8f742231b10e8888abcd99yyyzzz85a5\"]"
                + (botToken.isEmpty() ? "" : ",\"botToken\":\"" + botToken + "\"")
                + "}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }

  // ---- plan

  @Test
  void aRoutedIncidentIsPlannedForItsChannelAndAsADmToTheAssignee() {
    String item = incident();

    List<Planned> planned = slack.plan(event(item, "assignment.routed"));

    assertThat(planned)
        .containsExactly(
            new Planned("slack:" + integrationId + ":#incidents", item),
            new Planned("slack:" + integrationId + ":dm:U0CAROL01", item));
    assertThat(slack.name()).isEqualTo("slack");
  }

  @Test
  void nothingIsPlannedWithoutASlackIntegrationWithABotToken() {
    String item = incident();
    OutboxEvent routed = event(item, "assignment.routed");
    assertThat(acme.delete("/api/v1/integrations/" + integrationId).status()).isEqualTo(204);
    assertThat(slack.plan(routed)).isEmpty();

    slackIntegration(acme, "no-token", "");
    assertThat(slack.plan(routed)).isEmpty();

    String disabled = slackIntegration(acme, "disabled", BOT_TOKEN);
    assertThat(
            acme.send("PATCH", "/api/v1/integrations/" + disabled, "{\"enabled\":false}").status())
        .isEqualTo(200);
    assertThat(slack.plan(routed)).isEmpty();
  }

  @Test
  void anIntegrationInShadowModePlansItsMessagesAndRecordsThemSkippedWithoutCallingSlack() {
    String item = incident();
    OutboxEvent routed = event(item, "assignment.routed");
    Api.Response shadow =
        acme.send("PATCH", "/api/v1/integrations/" + integrationId, "{\"mode\":\"shadow\"}");
    assertThat(shadow.status()).as("%s", shadow).isEqualTo(200);
    assertThat(shadow.json().get("mode").asString()).isEqualTo("shadow");

    assertThat(slack.plan(routed)).hasSize(2);
    Outcome outcome = send(routed, channel("#incidents"), false);

    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Skipped.class);
    Outcome.Skipped skipped = (Outcome.Skipped) outcome;
    assertThat(skipped.reason())
        .contains("shadow mode")
        .contains("would chat.postMessage to #incidents");
    JsonNode wouldSend = json.readTree(skipped.excerpt());
    assertThat(wouldSend.get("text").asString()).contains("Checkout down");
    assertThat(wouldSend.get("blocks").toString()).contains("<@U0CAROL01>", "baton.accept");
    assertThat(SLACK.calls()).isEmpty();
  }

  @Test
  void anIntegrationTurnedOffPlansNothing() {
    String item = incident();
    Api.Response off =
        acme.send("PATCH", "/api/v1/integrations/" + integrationId, "{\"mode\":\"off\"}");
    assertThat(off.status()).as("%s", off).isEqualTo(200);

    assertThat(slack.plan(event(item, "assignment.routed"))).isEmpty();
    // planned while on, sent after it was turned off: skipped, nothing sent
    assertThat(send(event(item, "assignment.routed"), channel("#incidents"), false))
        .isInstanceOf(Outcome.Skipped.class);
    assertThat(SLACK.calls()).isEmpty();
  }

  @Test
  void aRoutedItemWithoutANotifiedChannelIsADmOnlyAndOnlyWhenTheOwnerUsesSlack() {
    Api.Response bug =
        acme.post("/api/v1/work-items", "{\"title\":\"Bad\",\"type\":\"bug\",\"priority\":\"P3\"}");
    String item = bug.json().get("id").asString();
    // dave has no Slack identity and no channel was named
    assertThat(slack.plan(event(item, "assignment.routed"))).isEmpty();
  }

  // ---- send

  @Test
  void theFirstMessageIsPostedInBlockKitAndItsTsStored() {
    String item = incident();
    OutboxEvent routed = event(item, "assignment.routed");

    Outcome outcome = send(routed, channel("#incidents"), false);

    assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
    FakeSlackWebApi.Call post = single("chat.postMessage");
    assertThat(post.authorization()).isEqualTo("Bearer " + BOT_TOKEN);
    assertThat(post.param("channel")).isEqualTo("#incidents");
    JsonNode blocks = post.json("blocks");
    assertThat(blocks.toString())
        .contains(
            "Checkout down", "https://tracker.example.test/INC-1", "P1", "Offered", "<@U0CAROL01>")
        .doesNotContain("secret customer data");
    assertThat(actionIds(blocks))
        .containsExactly("baton.accept", "baton.decline", "baton.reassign");
    blocks.findValues("value").forEach(v -> assertThat(v.asString()).isEqualTo(item));
    JsonNode metadata = post.json("metadata");
    assertThat(metadata.get("event_type").asString()).isEqualTo("baton_delivery");
    assertThat(metadata.get("event_payload").get("work_item_id").asString()).isEqualTo(item);
    assertThat(metadata.get("event_payload").get("delivery_id").asString()).isNotBlank();
    String why = routed.cloudEvent().get("data").get("decision").get("why").asString();
    assertThat(blocks.toString()).contains(AssignmentMessage.escape(why).substring(0, 20));
    FakeSlackWebApi.Stored stored = SLACK.messages().get(0);
    assertThat(storedTs(item, "#incidents")).isEqualTo(stored.ts());
    assertThat(stored.channel()).isEqualTo("C0INCIDENTS");
    assertMatchesSpec();
  }

  @Test
  void aLaterStateChangeUpdatesTheSameMessage() {
    String item = incident();
    send(event(item, "assignment.routed"), channel("#incidents"), false);
    send(event(item, "assignment.routed"), dm("U0CAROL01"), false);
    String ts = storedTs(item, "#incidents");
    action(item, "{\"action\":\"accept\"}");
    OutboxEvent accepted = event(item, "assignment.accepted");
    clock.advance(Duration.ofSeconds(1));

    assertThat(slack.plan(accepted))
        .extracting(Planned::destination)
        .containsExactly(channel("#incidents"), dm("U0CAROL01"));
    Outcome outcome = send(accepted, channel("#incidents"), false);

    assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
    assertThat(SLACK.calls("chat.postMessage")).hasSize(2);
    FakeSlackWebApi.Call update = single("chat.update");
    assertThat(update.param("channel")).isEqualTo("C0INCIDENTS");
    assertThat(update.param("ts")).isEqualTo(ts);
    JsonNode blocks = update.json("blocks");
    assertThat(blocks.toString()).contains("Accepted");
    assertThat(actionIds(blocks)).containsExactly("baton.reassign");
    assertThat(SLACK.messages()).hasSize(2);

    action(item, "{\"action\":\"close\"}");
    clock.advance(Duration.ofSeconds(1));
    send(event(item, "assignment.closed"), channel("#incidents"), false);
    JsonNode closed = SLACK.calls("chat.update").get(1).json("blocks");
    assertThat(closed.toString()).contains("Closed");
    assertThat(actionIds(closed)).isEmpty();
    assertMatchesSpec();
  }

  @Test
  void anEscalationUpdatesTheMessageAndRepliesInItsThread() {
    String item = incident();
    send(event(item, "assignment.routed"), channel("#incidents"), false);
    String ts = storedTs(item, "#incidents");
    action(item, "{\"action\":\"escalate\",\"to\":\"person:alice\",\"reason\":\"no answer\"}");
    OutboxEvent escalated = event(item, "assignment.escalated");
    clock.advance(Duration.ofSeconds(1));

    assertThat(slack.plan(escalated))
        .extracting(Planned::destination)
        .containsExactly(channel("#incidents"), dm("U0CAROL01"), dm("U0ALICE01"));
    Outcome outcome = send(escalated, channel("#incidents"), false);

    assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
    assertThat(single("chat.update").param("ts")).isEqualTo(ts);
    List<FakeSlackWebApi.Call> posts = SLACK.calls("chat.postMessage");
    assertThat(posts).hasSize(2);
    FakeSlackWebApi.Call reply = posts.get(1);
    assertThat(reply.param("thread_ts")).isEqualTo(ts);
    assertThat(reply.param("channel")).isEqualTo("C0INCIDENTS");
    assertThat(reply.param("text")).contains("Escalated to <@U0ALICE01>", "no answer");
    assertMatchesSpec();
  }

  @Test
  void anSlaWarningRepliesInTheThreadOfTheItemsMessageAndSkipsWhereThereIsNone() {
    String item = incident();
    send(event(item, "assignment.routed"), channel("#incidents"), false);
    String ts = storedTs(item, "#incidents");
    OutboxEvent atRisk = slaEvent(item, "sla.at_risk");
    clock.advance(Duration.ofSeconds(1)); // the channel's token bucket

    // only where a message of the item was posted (the DM was planned but not sent here)
    assertThat(slack.plan(atRisk))
        .extracting(Planned::destination)
        .containsExactly(channel("#incidents"));
    assertThat(send(atRisk, channel("#incidents"), false)).isInstanceOf(Outcome.Delivered.class);
    List<FakeSlackWebApi.Call> posts = SLACK.calls("chat.postMessage");
    assertThat(posts).hasSize(2);
    assertThat(posts.get(1).param("thread_ts")).isEqualTo(ts);
    assertThat(posts.get(1).param("channel")).isEqualTo("C0INCIDENTS");
    assertThat(posts.get(1).param("text"))
        .contains("SLA at risk", "time to accept", "2026-01-06T15:00:00Z");
    assertThat(SLACK.calls("chat.update")).isEmpty();

    Outcome none = send(slaEvent(item, "sla.breached"), dm("U0ALICE01"), false);
    assertThat(none).isInstanceOf(Outcome.Skipped.class);
    assertThat(SLACK.calls("chat.postMessage")).hasSize(2);
    assertMatchesSpec();
  }

  @Test
  void anUncertainRetryFindsItsOwnMessageByMetadataAndDoesNotPostTwice() {
    String item = incident();
    OutboxEvent routed = event(item, "assignment.routed");
    UUID delivery = UUID.randomUUID();
    SLACK.hold("chat.postMessage");

    Outcome first = slack.send(request(delivery, routed, channel("#incidents"), 1, false));
    SLACK.release("chat.postMessage");

    assertThat(first)
        .isInstanceOfSatisfying(Outcome.Transient.class, t -> assertThat(t.uncertain()).isTrue());
    assertThat(SLACK.messages()).hasSize(1);
    assertThat(jdbc.sql("select count(*) from slack_messages").query(Long.class).single()).isZero();
    clock.advance(Duration.ofSeconds(5));

    Outcome second = slack.send(request(delivery, routed, channel("#incidents"), 2, true));

    assertThat(second).isInstanceOf(Outcome.Delivered.class);
    assertThat(SLACK.calls("chat.postMessage")).hasSize(1);
    FakeSlackWebApi.Call history = single("conversations.history");
    assertThat(history.param("channel")).isEqualTo("C0INCIDENTS");
    assertThat(history.param("include_all_metadata")).isIn("true", "1");
    assertThat(storedTs(item, "#incidents")).isEqualTo(SLACK.messages().get(0).ts());
    assertMatchesSpec();
  }

  @Test
  void anUncertainEscalationRetryFindsItsThreadReplyAndDoesNotReplyTwice() {
    String item = incident();
    send(event(item, "assignment.routed"), channel("#incidents"), false);
    String ts = storedTs(item, "#incidents");
    action(item, "{\"action\":\"escalate\",\"to\":\"person:alice\"}");
    OutboxEvent escalated = event(item, "assignment.escalated");
    UUID delivery = UUID.randomUUID();
    clock.advance(Duration.ofSeconds(1));
    SLACK.hold("chat.postMessage");

    Outcome first = slack.send(request(delivery, escalated, channel("#incidents"), 1, false));
    SLACK.release("chat.postMessage");
    assertThat(first)
        .isInstanceOfSatisfying(Outcome.Transient.class, t -> assertThat(t.uncertain()).isTrue());
    clock.advance(Duration.ofSeconds(5));

    Outcome second = slack.send(request(delivery, escalated, channel("#incidents"), 2, true));

    assertThat(second).isInstanceOf(Outcome.Delivered.class);
    assertThat(SLACK.calls("chat.postMessage")).hasSize(2);
    assertThat(SLACK.messages()).filteredOn(m -> ts.equals(m.threadTs())).hasSize(1);
    FakeSlackWebApi.Call replies = single("conversations.replies");
    assertThat(replies.param("ts")).isEqualTo(ts);
    assertThat(SLACK.calls("chat.update")).hasSize(2);
    assertMatchesSpec();
  }

  @Test
  void anUncertainRetryThatFindsNothingPostsOnce() {
    String item = incident();
    OutboxEvent routed = event(item, "assignment.routed");

    Outcome outcome = slack.send(request(UUID.randomUUID(), routed, dm("U0CAROL01"), 2, true));

    assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
    assertThat(single("conversations.open").param("users")).isEqualTo("U0CAROL01");
    assertThat(single("conversations.history").param("channel")).isEqualTo("DU0CAROL01");
    assertThat(single("chat.postMessage").param("channel")).isEqualTo("U0CAROL01");
    assertThat(SLACK.messages()).hasSize(1);
  }

  @Test
  void slacks429WithRetryAfterIsTransientWithThatWait() {
    String item = incident();
    SLACK.fail(
        "chat.postMessage",
        new FakeSlackWebApi.Canned(429, "7", "{\"ok\":false,\"error\":\"ratelimited\"}"));

    Outcome outcome = send(event(item, "assignment.routed"), channel("#incidents"), false);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Transient.class,
            t -> {
              assertThat(t.status()).isEqualTo(429);
              assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(7));
              assertThat(t.uncertain()).isFalse();
            });
    assertThat(jdbc.sql("select count(*) from slack_messages").query(Long.class).single()).isZero();
  }

  @Test
  void slackErrorsAreTransientOrPermanentByName() {
    String item = incident();
    OutboxEvent routed = event(item, "assignment.routed");

    Outcome missing = send(routed, channel("#nowhere"), false);
    assertThat(missing)
        .isInstanceOfSatisfying(
            Outcome.Permanent.class, p -> assertThat(p.error()).isEqualTo("channel_not_found"));

    SLACK.fail(
        "chat.postMessage",
        new FakeSlackWebApi.Canned(200, null, "{\"ok\":false,\"error\":\"ratelimited\"}"));
    clock.advance(Duration.ofSeconds(1));
    assertThat(send(routed, channel("#incidents"), false)).isInstanceOf(Outcome.Transient.class);

    SLACK.fail("chat.postMessage", new FakeSlackWebApi.Canned(503, null, "upstream down"));
    clock.advance(Duration.ofSeconds(1));
    assertThat(send(routed, channel("#incidents"), false))
        .isInstanceOfSatisfying(
            Outcome.Transient.class,
            t -> {
              assertThat(t.status()).isEqualTo(503);
              assertThat(t.uncertain()).isTrue();
            });

    SLACK.reset("xoxb-another-token");
    clock.advance(Duration.ofSeconds(1));
    assertThat(send(routed, channel("#incidents"), false))
        .isInstanceOfSatisfying(
            Outcome.Permanent.class, p -> assertThat(p.error()).isEqualTo("invalid_auth"));
  }

  @Test
  void eachChannelHasATokenBucketOfAboutOneMessageASecond() {
    String item = incident();
    OutboxEvent routed = event(item, "assignment.routed");
    assertThat(send(routed, channel("#incidents"), false)).isInstanceOf(Outcome.Delivered.class);

    Outcome throttled = send(routed, channel("#incidents"), false);

    assertThat(throttled)
        .isInstanceOfSatisfying(
            Outcome.Held.class,
            t -> {
              assertThat(t.error()).startsWith("channel_rate_limited");
              assertThat(t.after()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
            });
    assertThat(SLACK.calls("chat.postMessage")).hasSize(1);
    // another channel has its own bucket
    assertThat(send(routed, dm("U0CAROL01"), false)).isInstanceOf(Outcome.Delivered.class);
    clock.advance(Duration.ofSeconds(1));
    assertThat(send(routed, channel("#incidents"), false)).isInstanceOf(Outcome.Delivered.class);
  }

  @Test
  void anotherTenantsIntegrationIsNotFoundAndNothingIsSent() {
    String item = incident();
    OutboxEvent routed = event(item, "assignment.routed");
    OutboxEvent asGlobex =
        new OutboxEvent(
            "globex", routed.id(), routed.sequence(), routed.type(), item, routed.cloudEvent());

    assertThat(slack.plan(asGlobex)).isEmpty();
    assertThat(send(asGlobex, channel("#incidents"), false))
        .isInstanceOfSatisfying(
            Outcome.Permanent.class, p -> assertThat(p.error()).isEqualTo("integration_not_found"));
    assertThat(SLACK.calls()).isEmpty();
  }

  // ---- approvals

  /**
   * CONFIG with approvals on: reassigning started work out of its team waits for carol, alice or
   * dave (dave does not use Slack); erin (Slack) and frank are in another team.
   */
  static final String APPROVALS =
      CONFIG.replace(
              "metadata: { name: engineering }\nspec:\n",
              "metadata: { name: engineering }\nspec:\n  approvals: { approvers: [carol, alice,"
                  + " dave] }\n")
          + """
          ---
          apiVersion: baton.dev/v1
          kind: Person
          metadata: { name: erin }
          spec: { displayName: Erin, identities: { slack: U0ERIN001 } }
          ---
          apiVersion: baton.dev/v1
          kind: Team
          metadata: { name: frontend }
          spec: { members: [erin] }
          """;

  @Autowired dev.baton.ingest.SlackEntryPoint entryPoint;

  @Test
  void anApprovalRequestIsADmToEachApproverOnSlackWithApproveAndDenyButtons() {
    String item = startedBugAskedToMoveToErin();
    String approval = pendingApproval(item);
    OutboxEvent requested = event(item, "approval.requested");

    List<Planned> planned = slack.plan(requested);

    assertThat(planned)
        .extracting(Planned::destination)
        .containsExactly(
            approvalDm(approval, "U0CAROL01"), approvalDm(approval, "U0ALICE01")); // not dave
    for (Planned p : planned) {
      assertThat(send(requested, p.destination(), false)).isInstanceOf(Outcome.Delivered.class);
    }
    List<FakeSlackWebApi.Call> posts = SLACK.calls("chat.postMessage");
    assertThat(posts).extracting(c -> c.param("channel")).containsExactly("U0CAROL01", "U0ALICE01");
    JsonNode blocks = posts.get(0).json("blocks");
    assertThat(blocks.toString())
        .contains(
            "Checkout broken",
            "https://tracker.example.test/BUG-7",
            "reassign to <@U0ERIN001>",
            "frontend owns checkout",
            "Requested by");
    assertThat(actionIds(blocks)).containsExactly("baton.approve", "baton.deny");
    blocks.findValues("value").forEach(v -> assertThat(v.asString()).isEqualTo(approval));
    assertThat(posts.get(0).param("text")).contains("Approval requested");
    // the approval DMs are not the work item's own messages: assignment events leave them alone
    assertThat(slack.plan(event(item, "assignment.started")))
        .extracting(Planned::destination)
        .noneMatch(d -> d.contains("approval:"));
    assertMatchesSpec();
  }

  @Test
  void anApproversApproveClickAppliesTheActionAndTheDmShowsTheOutcome() {
    String item = startedBugAskedToMoveToErin();
    String approval = pendingApproval(item);
    OutboxEvent requested = event(item, "approval.requested");
    send(requested, approvalDm(approval, "U0CAROL01"), false);
    send(requested, approvalDm(approval, "U0ALICE01"), false);
    String carolsTs = storedTs(item, approvalTarget(approval, "U0CAROL01"));

    click("U0CAROL01", "baton.approve", approval);

    assertThat(nextResponse().get("text").asString())
        .startsWith("You approved the reassign of")
        .contains("BUG-7");
    assertThat(acme.get("/api/v1/approvals/" + approval).json().get("state").asString())
        .isEqualTo("approved");
    JsonNode assignment = acme.get("/api/v1/work-items/" + item).json().get("assignment");
    assertThat(assignment.get("owner").asString()).isEqualTo("person:erin");
    JsonNode granted = audit(item, "approval.granted");
    assertThat(granted.get("actor").get("id").asString()).isEqualTo("carol");
    assertThat(granted.get("actor").get("via").asString()).isEqualTo("slack:U0CAROL01");
    assertThat(granted.get("source").asString()).isEqualTo("slack");

    OutboxEvent outcome = event(item, "approval.granted");
    assertThat(slack.plan(outcome))
        .extracting(Planned::destination)
        .containsExactlyInAnyOrder(
            approvalDm(approval, "U0CAROL01"), approvalDm(approval, "U0ALICE01"));
    clock.advance(Duration.ofSeconds(1)); // the DM's channel bucket
    assertThat(send(outcome, approvalDm(approval, "U0CAROL01"), false))
        .isInstanceOf(Outcome.Delivered.class);
    FakeSlackWebApi.Call update = single("chat.update");
    assertThat(update.param("ts")).isEqualTo(carolsTs);
    JsonNode blocks = update.json("blocks");
    assertThat(blocks.toString()).contains("Approved by <@U0CAROL01>", "Checkout broken");
    assertThat(actionIds(blocks)).isEmpty();
    assertThat(SLACK.calls("chat.postMessage")).hasSize(2);
    assertMatchesSpec();
  }

  @Test
  void aClickBySomeoneWhoIsNotAnApproverIsRefusedAndChangesNothing() {
    String item = startedBugAskedToMoveToErin();
    String approval = pendingApproval(item);
    java.util.Map<String, Long> before = dev.baton.testsupport.RowCounts.of(jdbc);

    click("U0ERIN001", "baton.approve", approval);

    JsonNode refused = nextResponse();
    assertThat(refused.get("response_type").asString()).isEqualTo("ephemeral");
    assertThat(refused.get("text").asString())
        .isEqualTo("You are not an approver of this request.");
    assertThat(dev.baton.testsupport.RowCounts.of(jdbc)).isEqualTo(before);
    assertThat(acme.get("/api/v1/approvals/" + approval).json().get("state").asString())
        .isEqualTo("pending");
    assertThat(
            acme.get("/api/v1/work-items/" + item).json().get("assignment").get("owner").asString())
        .isEqualTo("person:dave");
  }

  @Test
  void aDenyClickDeniesAndTheDmSaysSo() {
    String item = startedBugAskedToMoveToErin();
    String approval = pendingApproval(item);
    send(event(item, "approval.requested"), approvalDm(approval, "U0ALICE01"), false);

    click("U0ALICE01", "baton.deny", approval);

    assertThat(nextResponse().get("text").asString()).startsWith("You denied the reassign of");
    assertThat(acme.get("/api/v1/approvals/" + approval).json().get("state").asString())
        .isEqualTo("denied");
    JsonNode assignment = acme.get("/api/v1/work-items/" + item).json().get("assignment");
    assertThat(assignment.get("owner").asString()).isEqualTo("person:dave");
    assertThat(assignment.get("state").asString()).isEqualTo("IN_PROGRESS");

    clock.advance(Duration.ofSeconds(1)); // the DM's channel bucket
    assertThat(send(event(item, "approval.denied"), approvalDm(approval, "U0ALICE01"), false))
        .isInstanceOf(Outcome.Delivered.class);
    JsonNode blocks = single("chat.update").json("blocks");
    assertThat(blocks.toString()).contains("Denied by <@U0ALICE01>");
    assertThat(actionIds(blocks)).isEmpty();
    assertMatchesSpec();
  }

  /** A bug routed to dave, accepted and started, then asked (by the admin token) to go to erin. */
  private String startedBugAskedToMoveToErin() {
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", APPROVALS);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    Api.Response created =
        acme.post(
            "/api/v1/work-items",
            """
            {"title":"Checkout broken","type":"bug","priority":"P2",
             "source":{"system":"jira","externalKey":"BUG-7","url":"https://tracker.example.test/BUG-7"}}
            """);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String item = created.json().get("id").asString();
    action(item, "{\"action\":\"accept\"}");
    action(item, "{\"action\":\"start\"}");
    Api.Response asked =
        acme.post(
            "/api/v1/work-items/" + item + "/actions",
            "{\"action\":\"reassign\",\"to\":\"person:erin\",\"reason\":\"frontend owns"
                + " checkout\"}");
    assertThat(asked.status()).as("%s", asked).isEqualTo(202);
    return item;
  }

  private String pendingApproval(String item) {
    JsonNode pending = acme.get("/api/v1/approvals?state=pending").json().get("items");
    for (JsonNode request : pending) {
      if (request.get("workItem").asString().equals(item)) {
        return request.get("id").asString();
      }
    }
    throw new AssertionError("no pending approval for " + item + ": " + pending);
  }

  private void click(String user, String actionId, String approval) {
    var integration =
        new dev.baton.ingest.Integration(
            "acme",
            UUID.fromString(integrationId),
            dev.baton.ingest.Provider.SLACK,
            "workspace",
            true,
            java.util.Set.of());
    var reply =
        entryPoint.answer(
            integration,
            dev.baton.ingest.SlackPayloads.FORM,
            dev.baton.ingest.SlackPayloads.click(
                user, actionId, approval, SLACK.responseUrl("approval")));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isNull();
  }

  /** The first message Baton posted to the response URL (sent without waiting: polled, 5 s). */
  private static JsonNode nextResponse() {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (SLACK.responses().isEmpty() && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    assertThat(SLACK.responses()).as("messages to the response_url").hasSize(1);
    return SLACK.responses().get(0);
  }

  private JsonNode audit(String item, String action) {
    for (JsonNode entry : acme.get("/api/v1/work-items/" + item + "/audit").json().get("items")) {
      if (entry.get("action").asString().equals(action)) {
        return entry;
      }
    }
    throw new AssertionError("no " + action + " in the audit of " + item);
  }

  private String approvalTarget(String approval, String user) {
    return "approval:" + approval + ":dm:" + user;
  }

  private String approvalDm(String approval, String user) {
    return "slack:" + integrationId + ":" + approvalTarget(approval, user);
  }

  // ---- helpers

  private String incident() {
    Api.Response created =
        acme.post(
            "/api/v1/work-items",
            """
            {"title":"Checkout down","type":"incident","priority":"P1",
             "attributes":{"details":"secret customer data"},
             "source":{"system":"jira","externalKey":"INC-1","url":"https://tracker.example.test/INC-1"}}
            """);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().get("assignment").get("owner").asString()).isEqualTo("person:carol");
    return created.json().get("id").asString();
  }

  private void action(String item, String body) {
    Api.Response answer = acme.post("/api/v1/work-items/" + item + "/actions", body);
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
  }

  /** The newest outbox event of {@code type} about {@code item}, as the dispatcher reads it. */
  private OutboxEvent event(String item, String type) {
    return jdbc.sql(
            """
            select tenant_id, id, seq, type, subject, cloud_event from outbox_events
            where tenant_id = 'acme' and subject = :item and type = :type order by seq desc limit 1
            """)
        .param("item", item)
        .param("type", type)
        .query(
            (rs, n) ->
                new OutboxEvent(
                    rs.getString("tenant_id"),
                    rs.getObject("id", UUID.class),
                    rs.getLong("seq"),
                    rs.getString("type"),
                    rs.getString("subject"),
                    json.readTree(rs.getString("cloud_event"))))
        .single();
  }

  /** An SLA event as the escalation module publishes it (data: workItem, sla, reason). */
  private OutboxEvent slaEvent(String item, String type) {
    ObjectNode data = json.createObjectNode();
    data.putObject("workItem").put("id", item);
    data.putObject("sla")
        .put("metric", "accept")
        .put("state", type.equals("sla.breached") ? "BREACHED" : "AT_RISK")
        .put("breachAt", "2026-01-06T15:00:00Z");
    data.put("reason", "time to accept is at risk");
    ObjectNode cloudEvent =
        json.createObjectNode()
            .put("specversion", "1.0")
            .put("id", UUID.randomUUID().toString())
            .put("type", type)
            .put("source", "/tenants/acme")
            .put("subject", item);
    cloudEvent.set("data", data);
    return new OutboxEvent("acme", UUID.randomUUID(), 1_000_000, type, item, cloudEvent);
  }

  private Outcome send(OutboxEvent event, String destination, boolean uncertain) {
    return slack.send(request(UUID.randomUUID(), event, destination, 1, uncertain));
  }

  private static DeliveryRequest request(
      UUID delivery, OutboxEvent event, String destination, int attempt, boolean uncertain) {
    return new DeliveryRequest(event.tenantId(), delivery, destination, event, attempt, uncertain);
  }

  private String channel(String channel) {
    return "slack:" + integrationId + ":" + channel;
  }

  private String dm(String user) {
    return "slack:" + integrationId + ":dm:" + user;
  }

  private String storedTs(String item, String target) {
    return jdbc.sql(
            "select ts from slack_messages where tenant_id = 'acme' and work_item_id = :item and"
                + " target = :target")
        .param("item", UUID.fromString(item))
        .param("target", target)
        .query(String.class)
        .single();
  }

  private static FakeSlackWebApi.Call single(String method) {
    List<FakeSlackWebApi.Call> calls = SLACK.calls(method);
    assertThat(calls).as(method).hasSize(1);
    return calls.get(0);
  }

  private static List<String> actionIds(JsonNode blocks) {
    return blocks.findValues("action_id").stream().map(JsonNode::asString).toList();
  }

  private static void assertMatchesSpec() {
    for (FakeSlackWebApi.Call call : SLACK.calls()) {
      assertThat(SPEC.problems(call)).as("%s", call).isEmpty();
    }
  }
}
