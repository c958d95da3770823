package dev.baton.ingest;

import static dev.baton.ingest.SlackPayloads.FORM;
import static dev.baton.ingest.SlackPayloads.JSON_TYPE;
import static dev.baton.ingest.SlackPayloads.click;
import static dev.baton.ingest.SlackPayloads.slashCommand;
import static dev.baton.ingest.SlackPayloads.submission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.ingest.SlackEntryPoint.SlackReply;
import dev.baton.platform.BatonException;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Slack entry points of a Slack integration of tenant {@code acme}, called as the hook endpoint
 * calls them after verifying and deduplicating: real Slack captures with ids changed, people linked
 * to Slack user ids, a live routing policy, and a fake Slack on loopback for {@code views.open} and
 * the {@code response_url}s.
 */
class SlackEntryPointIntegrationTest extends IntegrationTest {

  static final String BOT_TOKEN = "xoxb-acme-test-token";
  static final String ALICE = "U0ALICE01";
  static final String BOB = "U0BOB0001";
  static final String CAROL = "U0CAROL01";
  static final String DAVE = "U0DAVE001";
  static final String STRANGER = "U0NOBODY1";
  static final Duration WAIT = Duration.ofSeconds(5);

  static final FakeSlack SLACK = FakeSlack.start(BOT_TOKEN);

  /** The bot token the integration has; empty to act as if none was configured. */
  static final AtomicReference<Optional<String>> TOKEN = new AtomicReference<>();

  static final String ROSTER =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice, skills: [payments], identities: { slack: U0ALICE01 } }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: bob }
      spec: { displayName: Bob, skills: [payments], identities: { slack: U0BOB0001 } }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: carol }
      spec: { displayName: Carol, identities: { slack: U0CAROL01 } }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: dave }
      spec: { displayName: Dave, identities: { slack: U0DAVE001 } }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: payments }
      spec: { members: [alice, bob, carol], leads: [carol] }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: triage }
      spec: { team: payments }
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:
          - name: bugs-to-payments
            when: item.type == "bug"
            assign: { team: payments, strategy: least-loaded, requireSkills: [payments] }
        fallback: { queue: triage }
        tieBreaker: [load, lastAssignedAt, id]
      """;

  @TestConfiguration
  static class BotTokens {
    @Bean
    @org.springframework.context.annotation.Primary
    SlackBotTokens slackBotTokens() {
      return integration -> Objects.requireNonNull(TOKEN.get());
    }
  }

  @DynamicPropertySource
  static void fakeSlack(DynamicPropertyRegistry registry) {
    registry.add("baton.slack.api-url", SLACK::apiUrl);
  }

  @AfterAll
  static void stopFakeSlack() {
    SLACK.close();
  }

  @Autowired SlackEntryPoint slack;
  @Autowired JsonMapper json;

  Integration integration;

  @BeforeEach
  void rosterPolicyAndIntegration() {
    SLACK.reset(BOT_TOKEN);
    TOKEN.set(Optional.of(BOT_TOKEN));
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", ROSTER);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    integration =
        new Integration("acme", UUID.randomUUID(), Provider.SLACK, "acme-slack", true, Set.of());
  }

  // ---- Events API

  @Test
  void urlVerificationIsAnsweredWithItsChallenge() {
    SlackReply reply =
        slack.answer(integration, JSON_TYPE, SlackPayloads.fixture("slack/url_verification.json"));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .isEqualTo(Map.of("challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
  }

  @Test
  void eventCallbacksAreAcknowledgedWithAnEmptyAnswer() {
    Map<String, Long> before = RowCounts.of(jdbc);
    SlackReply reply =
        slack.answer(
            integration, JSON_TYPE, SlackPayloads.fixture("slack/event_callback.message.json"));
    assertThat(reply).isEqualTo(new SlackReply(200, null));
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  // ---- slash commands

  @Test
  void assignRoutesTheItemNowAndPostsTheDecisionToTheChannel() {
    String id = jiraItem("PROJ-123", "Refunds fail", false);
    Map<String, Object> answer = command(DAVE, "assign proj-123");

    assertThat(answer.get("response_type")).isEqualTo("in_channel");
    JsonNode item = acme.get("/api/v1/work-items/" + id).json();
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("OFFERED");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("person:alice");
    JsonNode decision = acme.get("/api/v1/work-items/" + id + "/decision").json();
    assertThat(decision.get("trigger").asString()).isEqualTo("route");
    assertThat(text(answer))
        .contains("<@" + DAVE + "> routed")
        .contains("PROJ-123")
        .contains("offered to <@" + ALICE + "> (Alice)")
        .contains(escaped(decision.get("why").asString()));
  }

  @Test
  void assigningWorkThatIsAlreadyOfferedIsRefusedOnlyToTheAsker() {
    String id = jiraItem("PROJ-124", "Refunds fail", true);
    Map<String, Object> answer = command(DAVE, "assign PROJ-124");
    assertThat(answer.get("response_type")).isEqualTo("ephemeral");
    assertThat(text(answer)).contains("Could not route").contains("OFFERED");
    assertThat(version(id)).isEqualTo(2);
  }

  @Test
  void whoTellsOwnerStateAndWhyAndCanBeShownToTheChannel() {
    String id = jiraItem("PROJ-125", "Refunds fail", true);
    String why = acme.get("/api/v1/work-items/" + id + "/decision").json().get("why").asString();

    Map<String, Object> answer = command(BOB, "who PROJ-125");
    assertThat(answer.get("response_type")).isEqualTo("ephemeral");
    assertThat(text(answer))
        .contains("PROJ-125")
        .contains("https://acme.atlassian.net/browse/PROJ-125")
        .contains("`OFFERED`")
        .contains("offered to <@" + ALICE + "> (Alice)")
        .contains("Why: " + escaped(why));

    assertThat(command(BOB, "who " + id + " --public").get("response_type"))
        .isEqualTo("in_channel");
  }

  @Test
  void whoSaysWhenAnActionNotRoutingSetTheOwner() {
    String id = jiraItem("PROJ-126", "Refunds fail", false);
    acme.post(
        "/api/v1/work-items/" + id + "/actions", "{\"action\":\"assign\",\"to\":\"person:bob\"}");
    assertThat(text(command(ALICE, "who PROJ-126")))
        .contains("offered to <@" + BOB + "> (Bob)")
        .contains("No routing decision explains this owner");
  }

  @Test
  void anUnknownOrAmbiguousKeyIsToldOnlyToTheAsker() {
    Map<String, Object> unknown = command(ALICE, "who NOPE-1");
    assertThat(unknown.get("response_type")).isEqualTo("ephemeral");
    assertThat(text(unknown)).contains("No work item has the key or id `NOPE-1`");

    String fromJira = jiraItem("OPS-7", "one", false);
    String fromGitHub =
        created(
            "{\"title\":\"two\",\"type\":\"bug\",\"priority\":\"P3\",\"source\":{\"system\":\"github\","
                + "\"externalId\":\"77\",\"externalKey\":\"OPS-7\"}}",
            false);
    Map<String, Object> ambiguous = command(ALICE, "assign OPS-7");
    assertThat(ambiguous.get("response_type")).isEqualTo("ephemeral");
    assertThat(text(ambiguous))
        .contains("Several work items")
        .contains(fromJira)
        .contains(fromGitHub);
    assertThat(version(fromJira)).isEqualTo(1);

    assertThat(text(command(ALICE, "assign"))).startsWith("Usage: `/baton assign <key>`");
  }

  @Test
  void mineListsTheCallersOpenWorkWithButtons() {
    String offered = jiraItem("PROJ-201", "Offered to alice", true);
    String accepted = jiraItem("PROJ-202", "Accepted by alice", false);
    acme.post(
        "/api/v1/work-items/" + accepted + "/actions",
        "{\"action\":\"assign\",\"to\":\"person:alice\"}");
    acme.post("/api/v1/work-items/" + accepted + "/actions", "{\"action\":\"accept\"}");
    jiraItem("PROJ-203", "Someone else's", false);

    Map<String, Object> answer = command(ALICE, "mine");
    assertThat(answer.get("response_type")).isEqualTo("ephemeral");
    assertThat(text(answer)).isEqualTo("Your open work in Baton: 2 items");
    JsonNode blocks = json.valueToTree(answer.get("blocks"));
    assertThat(blocks.toString())
        .contains("PROJ-201")
        .contains("PROJ-202")
        .doesNotContain("PROJ-203");
    List<String> buttons = new ArrayList<>();
    blocks.forEach(
        b ->
            b.path("elements")
                .forEach(
                    e ->
                        buttons.add(
                            e.get("action_id").asString() + "=" + e.get("value").asString())));
    assertThat(buttons)
        .containsExactlyInAnyOrder(
            "baton.accept=" + offered, "baton.decline=" + offered, "baton.reassign=" + accepted);
    assertThat(blocks.size()).isLessThanOrEqualTo(50);

    assertThat(text(command(DAVE, "mine"))).isEqualTo("You hold no open work in Baton.");
  }

  @Test
  void helpAndUnknownCommandsAnswerTheHelpText() {
    for (String text : List.of("help", "", "frobnicate PROJ-1")) {
      Map<String, Object> answer = command(STRANGER, text);
      assertThat(answer.get("response_type")).isEqualTo("ephemeral");
      assertThat(text(answer))
          .contains("/baton assign <key>")
          .contains("/baton who <key>")
          .contains("/baton mine")
          .contains("--public");
    }
    assertThat(text(command(STRANGER, "frobnicate"))).startsWith("I don't know `frobnicate`.");
    assertThat(command(STRANGER, "help --public").get("response_type")).isEqualTo("in_channel");
  }

  @Test
  void anUnknownSlackUserIsToldHowToGetLinked() {
    String id = jiraItem("PROJ-301", "Refunds fail", false);
    for (String text : List.of("assign PROJ-301", "who PROJ-301", "mine")) {
      Map<String, Object> answer = command(STRANGER, text);
      assertThat(answer.get("response_type")).isEqualTo("ephemeral");
      assertThat(text(answer)).contains("not linked to a person").contains("`" + STRANGER + "`");
    }
    assertThat(version(id)).isEqualTo(1);
  }

  // ---- buttons

  @Test
  void theOfferedPersonAcceptsWithTheButton() throws InterruptedException {
    String id = jiraItem("PROJ-401", "Refunds fail", true);
    SlackReply reply = clickAs(ALICE, "baton.accept", id, "accept-1");
    assertThat(reply).isEqualTo(new SlackReply(200, null));

    FakeSlack.Call message = SLACK.nextResponse(WAIT);
    assertThat(message).isNotNull();
    assertThat(message.path()).isEqualTo("/actions/T0ACME/accept-1");
    assertThat(message.contentType()).startsWith("application/json");
    assertThat(message.body().get("response_type").asString()).isEqualTo("ephemeral");
    assertThat(message.body().get("replace_original").asBoolean()).isFalse();
    assertThat(message.body().get("text").asString())
        .startsWith("You accepted")
        .contains("PROJ-401");

    assertThat(state(id)).isEqualTo("ACCEPTED");
    JsonNode accepted = lastAudit(id);
    assertThat(accepted.get("action").asString()).isEqualTo("assignment.accepted");
    assertThat(accepted.get("actor").get("id").asString()).isEqualTo("alice");
    assertThat(accepted.get("actor").get("via").asString()).isEqualTo("slack:" + ALICE);
    assertThat(accepted.get("source").asString()).isEqualTo("slack");
  }

  @Test
  void someoneElseClickingAcceptIsRefusedAndNothingChanges() throws InterruptedException {
    String id = jiraItem("PROJ-402", "Refunds fail", true);
    Map<String, Long> before = RowCounts.of(jdbc);

    assertThat(clickAs(BOB, "baton.accept", id, "accept-2")).isEqualTo(new SlackReply(200, null));
    FakeSlack.Call message = SLACK.nextResponse(WAIT);
    assertThat(message).isNotNull();
    assertThat(message.body().get("response_type").asString()).isEqualTo("ephemeral");
    assertThat(message.body().get("text").asString())
        .contains("You cannot accept")
        .contains("PROJ-402")
        .contains("only person:alice can accept");

    assertThat(clickAs(STRANGER, "baton.accept", id, "accept-3"))
        .isEqualTo(new SlackReply(200, null));
    assertThat(SLACK.nextResponse(WAIT).body().get("text").asString())
        .contains("not linked to a person");

    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    assertThat(state(id)).isEqualTo("OFFERED");
  }

  @Test
  void declineOpensTheReasonDialogAndItsSubmissionReroutesAwayFromTheDecliner()
      throws InterruptedException {
    String id = jiraItem("PROJ-501", "Refunds fail", true);
    assertThat(owner(id)).isEqualTo("person:alice");

    assertThat(clickAs(ALICE, "baton.decline", id, "decline-1"))
        .isEqualTo(new SlackReply(200, null));
    FakeSlack.Call opened = SLACK.viewsOpened().poll();
    assertThat(opened).isNotNull();
    assertThat(opened.authorization()).isEqualTo("Bearer " + BOT_TOKEN);
    assertThat(opened.contentType()).startsWith("application/json");
    assertThat(opened.body().get("trigger_id").asString()).startsWith("398738663015.");
    JsonNode view = opened.body().get("view");
    assertThat(view.get("type").asString()).isEqualTo("modal");
    assertThat(view.get("callback_id").asString()).isEqualTo("baton.decline");
    assertThat(view.get("private_metadata").asString()).isEqualTo(id);
    assertThat(view.get("title").get("text").asString().length()).isLessThanOrEqualTo(24);
    assertThat(view.get("submit").get("type").asString()).isEqualTo("plain_text");
    JsonNode input = view.get("blocks").get(1);
    assertThat(input.get("type").asString()).isEqualTo("input");
    assertThat(input.get("block_id").asString()).isEqualTo("reason");
    assertThat(input.get("element").get("type").asString()).isEqualTo("plain_text_input");
    assertThat(input.get("element").get("action_id").asString()).isEqualTo("reason");
    assertThat(SLACK.noMoreResponses(Duration.ofMillis(300))).isTrue();
    assertThat(state(id)).isEqualTo("OFFERED");

    JsonNode slackView = json.readTree(lastViewOpenedAnswer(opened));
    SlackReply submitted =
        slack.answer(integration, FORM, submission(slackView, ALICE, "On leave this week"));
    assertThat(submitted.status()).isEqualTo(200);
    JsonNode answer = json.valueToTree(submitted.body());
    assertThat(answer.get("response_action").asString()).isEqualTo("update");
    assertThat(answer.get("view").toString()).contains("You declined").contains("Bob");

    assertThat(owner(id)).isEqualTo("person:bob");
    assertThat(state(id)).isEqualTo("OFFERED");
    JsonNode declined = auditEntry(id, "assignment.declined");
    assertThat(declined.get("reason").asString()).isEqualTo("On leave this week");
    assertThat(declined.get("actor").get("id").asString()).isEqualTo("alice");
    assertThat(declined.get("source").asString()).isEqualTo("slack");
    JsonNode decision = acme.get("/api/v1/work-items/" + id + "/decision").json();
    assertThat(decision.get("trigger").asString()).isEqualTo("declined");
    assertThat(decision.get("record").get("rejected").toString()).contains("alice");
  }

  @Test
  void declineByAnyoneButTheOfferedPersonOpensNoDialog() throws InterruptedException {
    String id = jiraItem("PROJ-502", "Refunds fail", true);
    clickAs(BOB, "baton.decline", id, "decline-2");
    assertThat(SLACK.viewsOpened()).isEmpty();
    assertThat(SLACK.nextResponse(WAIT).body().get("text").asString())
        .contains("You cannot decline")
        .contains("only person:alice can decline");

    acme.post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"accept\"}");
    clickAs(ALICE, "baton.decline", id, "decline-3");
    assertThat(SLACK.viewsOpened()).isEmpty();
    assertThat(SLACK.nextResponse(WAIT).body().get("text").asString())
        .contains("You cannot decline")
        .contains("ACCEPTED");
  }

  @Test
  void aDialogSubmissionThatMayNotDeclineKeepsTheDialogOpenWithTheReason()
      throws InterruptedException {
    String id = jiraItem("PROJ-503", "Refunds fail", true);
    clickAs(ALICE, "baton.decline", id, "decline-4");
    JsonNode slackView = json.readTree(lastViewOpenedAnswer(SLACK.viewsOpened().poll()));
    Map<String, Long> before = RowCounts.of(jdbc);

    JsonNode blank =
        json.valueToTree(
            slack.answer(integration, FORM, submission(slackView, ALICE, "  ")).body());
    assertThat(blank.get("response_action").asString()).isEqualTo("errors");
    assertThat(blank.get("errors").get("reason").asString()).contains("Say why");

    JsonNode other =
        json.valueToTree(
            slack.answer(integration, FORM, submission(slackView, BOB, "not mine")).body());
    assertThat(other.get("response_action").asString()).isEqualTo("errors");
    assertThat(other.get("errors").get("reason").asString()).contains("only person:alice");

    JsonNode stranger =
        json.valueToTree(
            slack.answer(integration, FORM, submission(slackView, STRANGER, "who am I")).body());
    assertThat(stranger.get("errors").get("reason").asString()).contains("not linked");

    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    assertThat(owner(id)).isEqualTo("person:alice");
  }

  @Test
  void declineSaysSoWhenTheIntegrationHasNoBotToken() throws InterruptedException {
    String id = jiraItem("PROJ-504", "Refunds fail", true);
    TOKEN.set(Optional.empty());
    clickAs(ALICE, "baton.decline", id, "decline-5");
    assertThat(SLACK.viewsOpened()).isEmpty();
    assertThat(SLACK.nextResponse(WAIT).body().get("text").asString())
        .contains("no bot token configured");
    assertThat(state(id)).isEqualTo("OFFERED");
  }

  @Test
  void declineSaysSoWhenSlackRefusesTheDialog() throws InterruptedException {
    String id = jiraItem("PROJ-505", "Refunds fail", true);
    TOKEN.set(Optional.of("xoxb-revoked"));
    clickAs(ALICE, "baton.decline", id, "decline-6");
    assertThat(SLACK.viewsOpened().poll().authorization()).isEqualTo("Bearer xoxb-revoked");
    assertThat(SLACK.nextResponse(WAIT).body().get("text").asString())
        .contains("could not open the decline dialog")
        .contains("invalid_auth");
    assertThat(state(id)).isEqualTo("OFFERED");
  }

  @Test
  void reassignReroutesAwayFromTheHolderByTheLifecycleRules() throws InterruptedException {
    String id = jiraItem("PROJ-601", "Refunds fail", true);
    acme.post("/api/v1/work-items/" + id + "/actions", "{\"action\":\"accept\"}");
    assertThat(owner(id)).isEqualTo("person:alice");

    clickAs(DAVE, "baton.reassign", id, "reassign-1");
    assertThat(SLACK.nextResponse(WAIT).body().get("text").asString())
        .contains("You cannot reassign")
        .contains("or a lead of their team");
    assertThat(owner(id)).isEqualTo("person:alice");
    assertThat(state(id)).isEqualTo("ACCEPTED");

    clickAs(ALICE, "baton.reassign", id, "reassign-2");
    FakeSlack.Call message = SLACK.nextResponse(WAIT);
    assertThat(message.body().get("text").asString())
        .startsWith("Reassigned")
        .contains("offered to <@" + BOB + "> (Bob)");
    assertThat(owner(id)).isEqualTo("person:bob");
    assertThat(state(id)).isEqualTo("OFFERED");
    JsonNode reassigned = lastAudit(id);
    assertThat(reassigned.get("action").asString()).isEqualTo("assignment.reassigned");
    assertThat(reassigned.get("actor").get("id").asString()).isEqualTo("alice");
    assertThat(reassigned.get("reason").asString()).isEqualTo("reassigned from Slack");
    JsonNode decision = acme.get("/api/v1/work-items/" + id + "/decision").json();
    assertThat(decision.get("trigger").asString()).isEqualTo("reassigned");

    // a lead of the holder's team may move it too: away from bob, so back to alice
    clickAs(CAROL, "baton.reassign", id, "reassign-3");
    assertThat(SLACK.nextResponse(WAIT).body().get("text").asString())
        .startsWith("Reassigned")
        .contains("offered to <@" + ALICE + "> (Alice)");
    assertThat(owner(id)).isEqualTo("person:alice");
    assertThat(lastAudit(id).get("actor").get("id").asString()).isEqualTo("carol");
  }

  @Test
  void reassignIsRefusedWhenTheTeamsRolloutModeHoldsRoutingBack() throws InterruptedException {
    String id = jiraItem("PROJ-602", "Refunds fail", true);
    Api.Response shadow =
        acme.put(
            "/api/v1/teams/payments",
            "{\"id\":\"payments\",\"name\":\"Payments\",\"members\":[\"alice\",\"bob\",\"carol\"],"
                + "\"leads\":[\"carol\"],\"mode\":\"shadow\"}");
    assertThat(shadow.status()).as("%s", shadow).isEqualTo(200);
    Map<String, Long> before = RowCounts.of(jdbc);

    clickAs(ALICE, "baton.reassign", id, "reassign-held");
    assertThat(SLACK.nextResponse(WAIT).body().get("text").asString())
        .contains("You cannot reassign")
        .contains("team payments is in shadow mode");
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    assertThat(owner(id)).isEqualTo("person:alice");
  }

  @Test
  void anotherTenantsWorkIsNotFound() throws InterruptedException {
    Api.Response theirs =
        globex.post(
            "/api/v1/work-items?route=false",
            "{\"title\":\"Globex bug\",\"type\":\"bug\",\"priority\":\"P2\",\"source\":{"
                + "\"system\":\"jira\",\"externalId\":\"1\",\"externalKey\":\"GLX-1\"}}");
    assertThat(theirs.status()).as("%s", theirs).isEqualTo(201);
    String id = theirs.json().get("id").asString();

    assertThat(text(command(ALICE, "who GLX-1"))).contains("No work item has the key or id");
    assertThat(text(command(ALICE, "assign " + id))).contains("No work item has the key or id");
    clickAs(ALICE, "baton.accept", id, "other-tenant");
    assertThat(SLACK.nextResponse(WAIT).body().get("text").asString())
        .contains("You cannot accept")
        .contains("does not exist");
    assertThat(
            globex.get("/api/v1/work-items/" + id).json().get("assignment").get("version").asInt())
        .isEqualTo(1);
  }

  @Test
  void otherAppsButtonsAreAcknowledgedAndIgnored() throws InterruptedException {
    Map<String, Long> before = RowCounts.of(jdbc);
    assertThat(slack.answer(integration, FORM, SlackPayloads.foreignClick()))
        .isEqualTo(new SlackReply(200, null));
    assertThat(SLACK.noMoreResponses(Duration.ofMillis(300))).isTrue();
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  // ---- malformed requests

  @Test
  void malformedRequestsAreRefusedAs400AndChangeNothing() {
    String id = jiraItem("PROJ-701", "Refunds fail", true);
    Map<String, Long> before = RowCounts.of(jdbc);
    var payload = SlackPayloads.buttonPayload();
    payload.putArray("actions");
    List<byte[]> bodies =
        List.of(
            utf8("command=%2Fbaton&text=who&user_id=%ZZ"),
            utf8("payload=%7Bnot-json"),
            utf8("payload=%5B1%2C2%5D"),
            SlackPayloads.interaction(payload),
            click(ALICE, "baton.accept", "not-a-work-item", SLACK.responseUrl("bad-1")),
            click(ALICE, "baton.explode", id, SLACK.responseUrl("bad-2")),
            click("U<script>", "baton.accept", id, SLACK.responseUrl("bad-3")),
            utf8("command=%2Fbaton&text=mine"),
            utf8("text=who+PROJ-701&user_id=" + ALICE),
            utf8(
                "payload="
                    + urlEncoded(
                        "{\"type\":\"view_submission\",\"view\":{\"callback_id\":"
                            + "\"baton.decline\",\"private_metadata\":\"nope\"}}")),
            utf8("payload=" + urlEncoded("{\"user\":{\"id\":\"" + ALICE + "\"}}")));
    for (byte[] body : bodies) {
      assertThatThrownBy(() -> slack.answer(integration, FORM, body))
          .as(new String(body, StandardCharsets.UTF_8))
          .isInstanceOf(BatonException.BadRequest.class);
    }
    assertThatThrownBy(() -> slack.answer(integration, JSON_TYPE, utf8("{\"token\":\"x\"}")))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessageContaining("'type'");
    assertThatThrownBy(() -> slack.answer(integration, JSON_TYPE, utf8("{\"type\":")))
        .isInstanceOf(BatonException.BadRequest.class);
    assertThatThrownBy(
            () -> slack.answer(integration, JSON_TYPE, utf8("{\"type\":\"url_verification\"}")))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessageContaining("challenge");
    assertThatThrownBy(() -> slack.answer(integration, "text/plain", utf8("hello")))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessageContaining("Content-Type");
    assertThatThrownBy(
            () -> slack.answer(integration, FORM, new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessageContaining("UTF-8");

    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    assertThat(state(id)).isEqualTo("OFFERED");
  }

  // ---- helpers

  private Map<String, Object> command(String userId, String text) {
    SlackReply reply =
        slack.answer(integration, FORM, slashCommand(userId, text, SLACK.responseUrl("cmd")));
    assertThat(reply.status()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) Objects.requireNonNull(reply.body());
    return body;
  }

  private SlackReply clickAs(String userId, String actionId, String workItemId, String name) {
    return slack.answer(
        integration, FORM, click(userId, actionId, workItemId, SLACK.responseUrl(name)));
  }

  /** A bug from Jira, routed on creation or left unassigned. */
  private String jiraItem(String key, String title, boolean route) {
    return created(
        "{\"title\":\""
            + title
            + "\",\"type\":\"bug\",\"priority\":\"P2\",\"source\":{\"system\":\"jira\","
            + "\"externalId\":\""
            + key.hashCode()
            + "\",\"externalKey\":\""
            + key
            + "\",\"url\":\"https://acme.atlassian.net/browse/"
            + key
            + "\"}}",
        route);
  }

  private String created(String body, boolean route) {
    Api.Response created = acme.post("/api/v1/work-items?route=" + route, body);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private JsonNode assignment(String id) {
    return acme.get("/api/v1/work-items/" + id).json().get("assignment");
  }

  private String state(String id) {
    return assignment(id).get("state").asString();
  }

  private String owner(String id) {
    return assignment(id).get("owner").asString();
  }

  private int version(String id) {
    return assignment(id).get("version").asInt();
  }

  private JsonNode lastAudit(String id) {
    JsonNode items = acme.get("/api/v1/work-items/" + id + "/audit").json().get("items");
    return items.get(items.size() - 1);
  }

  private JsonNode auditEntry(String id, String action) {
    for (JsonNode entry : acme.get("/api/v1/work-items/" + id + "/audit").json().get("items")) {
      if (entry.get("action").asString().equals(action)) {
        return entry;
      }
    }
    throw new AssertionError("no " + action + " in the audit of " + id);
  }

  /** The view as Slack answers views.open with it: Slack's ids added to what Baton sent. */
  private String lastViewOpenedAnswer(FakeSlack.Call opened) {
    var view = (tools.jackson.databind.node.ObjectNode) opened.body().get("view").deepCopy();
    view.put("id", "V0FAKE1");
    view.put("hash", "1700000000.1");
    view.put("team_id", SlackPayloads.TEAM);
    return view.toString();
  }

  private static String text(Map<String, Object> answer) {
    return String.valueOf(answer.get("text"));
  }

  private static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String urlEncoded(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
