package dev.baton.delivery.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.baton.delivery.slack.FakeSlackWebApi;
import dev.baton.ingest.VendorFixtures;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The done-when of delivery, end to end with the real dispatcher: a signed Jira {@code
 * issue_created} is routed to Alice by a rule that notifies {@code #incidents}; Jira gets the
 * assignee and the comment, Slack the channel message and Alice's DM, a subscriber the signed
 * webhook, each exactly once and in order per destination, every attempt visible through {@code
 * /api/v1/deliveries}. Accepting the assignment then updates the same Slack messages ({@code
 * chat.update} of the same channel and ts), never posting new ones. Decisions made in shadow (a
 * shadow policy, a team in shadow mode) send nothing to any of them.
 */
@TestPropertySource(
    properties = {
      "baton.jira.allow-loopback-http=true",
      "baton.outbound.allowlist=127.0.0.1/32",
      "baton.inbox.poll-interval=50ms",
      "baton.delivery.poll-interval=50ms",
      // the accept's update of #incidents follows its post within a second: Baton's own per-channel
      // bucket would hold it once (a transient attempt), which is not what this test is about
      "baton.delivery.slack.burst=4"
    })
class RoutedEverywhereIntegrationTest extends IntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String JIRA_SECRET = "jira-hook-secret";
  private static final String BOT_TOKEN = "xoxb-1111-2222-acmebot";

  /** The Standard Webhooks specification's example secret. */
  private static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final String ALICE_ACCOUNT = "5b10ac8d82e05b22cc7d4ef5";
  private static final FakeSlackWebApi SLACK = FakeSlackWebApi.start(BOT_TOKEN);

  private static final String SETUP =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec:
        displayName: Alice Smith
        identities: { jira: 5b10ac8d82e05b22cc7d4ef5, slack: U0ALICE01 }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: carol }
      spec:
        displayName: Carol Jones
        identities: { jira: 5b10ac8d82e05b22cc7d4c01, slack: U0CAROL01 }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: triage-team }
      spec: { members: [alice, carol] }
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
          - name: jira-to-alice
            when: item.source.system == "jira"
            assign: { person: alice }
            notify: { slack: { channel: "#incidents" } }
        fallback: { queue: triage }
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: trial }
      spec:
        mode: shadow
        rules:
          - name: everything-to-carol
            assign: { person: carol }
            notify: { slack: { channel: "#ops" } }
      """;

  @DynamicPropertySource
  static void ownDatabaseAndFakeSlack(DynamicPropertyRegistry registry) {
    // this context's inbox worker and dispatcher must not meet another context's rows
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("routed_all"));
    registry.add("baton.slack.api-url", SLACK::apiUrl);
  }

  @AfterAll
  static void stopSlack() {
    SLACK.close();
  }

  /** One webhook request as the subscriber got it. */
  record Received(Map<String, String> headers, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  FakeJira jira;
  HttpServer subscriber;
  final List<Received> received = new CopyOnWriteArrayList<>();
  String jiraIntegration;
  String slackIntegration;
  String subscription;

  @BeforeEach
  void sitesRosterPoliciesIntegrationsAndSubscription() throws IOException {
    SLACK.reset(BOT_TOKEN);
    jira = new FakeJira();
    subscriber = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    subscriber.createContext(
        "/",
        exchange -> {
          Map<String, String> headers = new LinkedHashMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
          received.add(
              new Received(
                  headers,
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    subscriber.start();
    received.clear();
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);

    jiraIntegration =
        created(
            acme.post(
                "/api/v1/integrations",
                "{\"provider\":\"jira\",\"name\":\"acme-jira\",\"secrets\":[\""
                    + JIRA_SECRET
                    + "\"]}"));
    Api.Response connected =
        acme.put(
            "/api/v1/integrations/" + jiraIntegration + "/jira-connection",
            "{\"baseUrl\":\""
                + jira.baseUrl()
                + "\",\"auth\":{\"email\":\"baton@acme.example\",\"apiToken\":\"token\"}}");
    assertThat(connected.status()).as("%s", connected).isIn(200, 201);
    slackIntegration =
        created(
            acme.post(
                "/api/v1/integrations",
                "{\"provider\":\"slack\",\"name\":\"acme-slack\",\"secrets\":"
                    + "[\"8f742231b10e8888abcd99yyyzzz85a5\"],\"botToken\":\""
                    + BOT_TOKEN
                    + "\"}"));
    subscription =
        created(
            acme.post(
                "/api/v1/subscriptions",
                "{\"url\":\"http://127.0.0.1:"
                    + subscriber.getAddress().getPort()
                    + "/baton\",\"events\":[\"assignment.*\"],\"secret\":\""
                    + WEBHOOK_SECRET
                    + "\"}"));
  }

  @AfterEach
  void stopSites() {
    jira.close();
    subscriber.stop(0);
  }

  @Test
  void routingSendsJiraSlackAndTheWebhookOnceInOrderAndAcceptingUpdatesTheSameSlackMessage() {
    Api.Response accepted = hook(VendorFixtures.bytes("jira/jira_issue_created.json"));
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
    JsonNode item = awaitItem(state -> !state.equals("UNASSIGNED"));
    String itemId = item.get("id").asString();
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("person:alice");

    String jiraDestination = "jira:" + jiraIntegration;
    String channel = "slack:" + slackIntegration + ":#incidents";
    String dm = "slack:" + slackIntegration + ":dm:U0ALICE01";
    String webhook = "webhook:" + subscription;
    List<JsonNode> routed =
        awaitDelivered(itemId, "assignment.routed", Set.of(jiraDestination, channel, dm, webhook));

    // exactly one delivery per destination, each delivered on its first attempt
    assertThat(routed)
        .extracting(d -> d.get("destination").asString())
        .containsExactlyInAnyOrder(jiraDestination, channel, dm, webhook);
    routed.forEach(
        d -> {
          assertThat(d.get("attempts").asInt()).as("%s", d).isEqualTo(1);
          JsonNode attempt = d.get("attemptList").get(0);
          assertThat(attempt.get("outcome").asString()).isEqualTo("delivered");
          assertThat(attempt.get("latencyMs").isNumber()).isTrue();
        });
    // the shadow policy's decision (carol, #ops) sent nothing
    assertThat(deliveries(itemId))
        .extracting(d -> d.get("destination").asString())
        .noneMatch(d -> d.contains("#ops") || d.contains("U0CAROL01"));

    // Jira: one assignee change to Alice, then one comment
    List<FakeJira.Recorded> toJira = jira.requests();
    assertThat(jira.requests("PUT", "/assignee")).hasSize(1);
    assertThat(jira.requests("PUT", "/assignee").get(0).json().get("accountId").asString())
        .isEqualTo(ALICE_ACCOUNT);
    assertThat(jira.requests("POST", "/comment")).hasSize(1);
    assertThat(indexOf(toJira, "PUT", "/assignee")).isLessThan(indexOf(toJira, "POST", "/comment"));
    toJira.forEach(JiraShapes::assertValid);

    // Slack: one message in #incidents and one DM to Alice, nothing else
    List<FakeSlackWebApi.Call> posts = SLACK.calls("chat.postMessage");
    assertThat(posts)
        .extracting(c -> c.param("channel"))
        .containsExactlyInAnyOrder("#incidents", "U0ALICE01");
    assertThat(SLACK.calls("chat.update")).isEmpty();
    Map<String, FakeSlackWebApi.Stored> posted = new LinkedHashMap<>();
    SLACK.messages().forEach(m -> posted.put(m.channel(), m));
    assertThat(posted.keySet()).containsExactlyInAnyOrder("C0INCIDENTS", "DU0ALICE01");

    // the subscriber: the routed event once, signed per Standard Webhooks
    assertThat(received)
        .extracting(r -> r.json().get("type").asString())
        .containsOnlyOnce("dev.baton.assignment.routed");
    received.forEach(RoutedEverywhereIntegrationTest::assertSigned);

    // accepting changes the state: the same two Slack messages are updated, none posted
    Api.Response accept =
        acme.post("/api/v1/work-items/" + itemId + "/actions", "{\"action\":\"accept\"}");
    assertThat(accept.status()).as("%s", accept).isEqualTo(200);
    List<JsonNode> afterAccept =
        awaitDelivered(
            itemId, "assignment.accepted", Set.of(jiraDestination, channel, dm, webhook));
    afterAccept.forEach(d -> assertThat(d.get("attempts").asInt()).as("%s", d).isEqualTo(1));

    assertThat(SLACK.calls("chat.postMessage")).hasSize(2);
    List<FakeSlackWebApi.Call> updates = SLACK.calls("chat.update");
    assertThat(updates).hasSize(2);
    for (FakeSlackWebApi.Call update : updates) {
      FakeSlackWebApi.Stored original =
          java.util.Objects.requireNonNull(
              posted.get(update.param("channel")), "update of a message never posted");
      assertThat(update.param("ts")).isEqualTo(original.ts());
    }
    assertThat(SLACK.messages()).hasSize(2);
    assertThat(SLACK.messages())
        .allSatisfy(m -> assertThat(m.text()).containsIgnoringCase("accepted"));

    // in order per destination: a later event's delivery never went out before an earlier one's
    Map<String, List<JsonNode>> byDestination = new LinkedHashMap<>();
    deliveries(itemId)
        .forEach(
            d ->
                byDestination
                    .computeIfAbsent(d.get("destination").asString(), k -> new ArrayList<>())
                    .add(d));
    byDestination.forEach(
        (destination, list) -> {
          list.sort(Comparator.comparingLong(d -> d.get("eventSequence").asLong()));
          List<Instant> deliveredAt =
              list.stream().map(d -> Instant.parse(d.get("deliveredAt").asString())).toList();
          assertThat(deliveredAt).as("%s", destination).isSorted();
        });
    List<Long> sequence =
        received.stream().map(r -> r.json().get("batonsequence").asLong()).toList();
    assertThat(sequence).isSorted().doesNotHaveDuplicates();
    assertThat(received)
        .extracting(r -> r.json().get("type").asString())
        .containsSubsequence("dev.baton.assignment.routed", "dev.baton.assignment.accepted");
    assertThat(jira.requests("POST", "/comment")).hasSize(2);
    received.forEach(RoutedEverywhereIntegrationTest::assertSigned);
  }

  @Test
  void aDecisionHeldInShadowForTheTeamSendsNothingToJiraSlackOrTheSubscriber() {
    // the shadow policy decides for this item too: two shadow decisions, neither sends anything
    Api.Response shadow =
        acme.withHeader("Content-Type", "application/yaml")
            .send(
                "POST",
                "/api/v1/config/apply",
                """
                apiVersion: baton.dev/v1
                kind: Team
                metadata: { name: triage-team }
                spec: { members: [alice, carol], mode: shadow }
                """);
    assertThat(shadow.status()).as("%s", shadow).isEqualTo(200);

    Api.Response accepted = hook(VendorFixtures.bytes("jira/jira_issue_created.json"));
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
    JsonNode item = awaitItem(state -> true);
    String itemId = item.get("id").asString();
    JsonNode decisions = awaitDecisions(itemId);

    assertThat(item.get("assignment").get("state").asString()).isEqualTo("UNASSIGNED");
    assertThat(decisions)
        .extracting(d -> d.get("mode").asString())
        .containsOnly("shadow")
        .hasSizeGreaterThanOrEqualTo(2);
    // deliveries are planned in the transaction that publishes an event, so what is planned now is
    // all there will be: only the item's request (published on creation, before any decision)
    assertThat(
            jdbc.sql(
                    "select type from outbox_events where tenant_id = 'acme' and subject = :item"
                        + " and type like 'assignment.%'")
                .param("item", itemId)
                .query(String.class)
                .list())
        .containsExactly("assignment.requested");
    assertThat(deliveries(itemId))
        .extracting(d -> d.get("eventType").asString() + " to " + d.get("destination").asString())
        .containsExactly("assignment.requested to webhook:" + subscription);
    awaitDelivered(itemId, "assignment.requested", Set.of("webhook:" + subscription));
    assertThat(received)
        .extracting(r -> r.json().get("type").asString())
        .containsExactly("dev.baton.assignment.requested");
    assertThat(jira.requests()).isEmpty();
    assertThat(SLACK.calls()).isEmpty();
  }

  @Test
  void integrationsInShadowModeRecordWhatTheyWouldSendAsSkippedDeliveriesAndSendNothing() {
    Api.Response slackShadow =
        acme.send("PATCH", "/api/v1/integrations/" + slackIntegration, "{\"mode\":\"shadow\"}");
    assertThat(slackShadow.status()).as("%s", slackShadow).isEqualTo(200);
    Api.Response jiraShadow =
        acme.put(
            "/api/v1/integrations/" + jiraIntegration + "/jira-connection",
            "{\"baseUrl\":\""
                + jira.baseUrl()
                + "\",\"auth\":{\"email\":\"baton@acme.example\",\"apiToken\":\"token\"},"
                + "\"mode\":\"shadow\"}");
    assertThat(jiraShadow.status()).as("%s", jiraShadow).isIn(200, 201);

    Api.Response accepted = hook(VendorFixtures.bytes("jira/jira_issue_created.json"));
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
    String itemId = awaitItem(state -> !state.equals("UNASSIGNED")).get("id").asString();
    List<JsonNode> skipped = awaitSkipped(itemId, 3);

    assertThat(skipped)
        .extracting(d -> d.get("destination").asString())
        .containsExactlyInAnyOrder(
            "jira:" + jiraIntegration,
            "slack:" + slackIntegration + ":#incidents",
            "slack:" + slackIntegration + ":dm:U0ALICE01");
    for (JsonNode d : skipped) {
      assertThat(d.get("eventType").asString()).isEqualTo("assignment.routed");
      assertThat(d.get("lastError").asString()).contains("shadow mode: nothing sent; would");
      JsonNode attempt = d.get("attemptList").get(0);
      assertThat(attempt.get("outcome").asString()).isEqualTo("skipped");
      assertThat(attempt.get("excerpt").asString()).isNotBlank();
    }
    JsonNode jiraSkipped =
        skipped.stream()
            .filter(d -> d.get("connector").asString().equals("jira"))
            .findFirst()
            .orElseThrow();
    assertThat(jiraSkipped.get("attemptList").get(0).get("excerpt").asString())
        .contains(ALICE_ACCOUNT);
    assertThat(jira.requests()).isEmpty();
    assertThat(SLACK.calls()).isEmpty();
  }

  // --- helpers

  /** The item's skipped deliveries, as {@code status=skipped} lists them, once there are n. */
  private List<JsonNode> awaitSkipped(String itemId, int n) {
    for (int i = 0; i < 200; i++) {
      List<JsonNode> skipped = new ArrayList<>();
      acme.get("/api/v1/deliveries?status=skipped&workItem=" + itemId)
          .json()
          .get("items")
          .forEach(skipped::add);
      if (skipped.size() >= n) {
        return skipped;
      }
      pause();
    }
    throw new AssertionError("not " + n + " skipped deliveries within 10 s: " + deliveries(itemId));
  }

  /** The webhook carries a Standard Webhooks signature of its id, timestamp and body. */
  private static void assertSigned(Received r) {
    String id = r.headers().getOrDefault("webhook-id", "");
    String timestamp = r.headers().getOrDefault("webhook-timestamp", "");
    String signatures = r.headers().getOrDefault("webhook-signature", "");
    assertThat(id).isNotBlank();
    assertThat(timestamp).matches("\\d+");
    assertThat(signatures).isNotBlank();
    String expected =
        "v1,"
            + Base64.getEncoder()
                .encodeToString(
                    hmac(
                        Base64.getDecoder().decode(WEBHOOK_SECRET.substring("whsec_".length())),
                        id + "." + timestamp + "." + r.body()));
    assertThat(List.of(signatures.split(" "))).contains(expected);
  }

  private static int indexOf(List<FakeJira.Recorded> requests, String method, String pathEnd) {
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).method().equals(method) && requests.get(i).path().endsWith(pathEnd)) {
        return i;
      }
    }
    throw new AssertionError("no " + method + " …" + pathEnd + " in " + requests);
  }

  private JsonNode awaitItem(Predicate<String> state) {
    for (int i = 0; i < 200; i++) {
      JsonNode items = acme.get("/api/v1/work-items").json().get("items");
      if (!items.isEmpty() && state.test(items.get(0).get("assignment").get("state").asString())) {
        return items.get(0);
      }
      pause();
    }
    throw new AssertionError("the Jira issue did not become a work item within 10 s");
  }

  private JsonNode awaitDecisions(String itemId) {
    for (int i = 0; i < 200; i++) {
      JsonNode decisions =
          acme.get("/api/v1/work-items/" + itemId + "/decisions").json().get("items");
      if (decisions.size() >= 2) {
        return decisions;
      }
      pause();
    }
    throw new AssertionError("the item's shadow decisions were not stored within 10 s");
  }

  private List<JsonNode> deliveries(String itemId) {
    List<JsonNode> all = new ArrayList<>();
    acme.get("/api/v1/deliveries?workItem=" + itemId).json().get("items").forEach(all::add);
    return all;
  }

  /** The deliveries of the item's {@code eventType} once each named destination has one done. */
  private List<JsonNode> awaitDelivered(String itemId, String eventType, Set<String> destinations) {
    for (int i = 0; i < 200; i++) {
      List<JsonNode> ofEvent =
          deliveries(itemId).stream()
              .filter(d -> d.get("eventType").asString().equals(eventType))
              .toList();
      Set<String> delivered = new java.util.HashSet<>();
      ofEvent.stream()
          .filter(d -> d.get("status").asString().equals("delivered"))
          .forEach(d -> delivered.add(d.get("destination").asString()));
      if (delivered.containsAll(destinations) && delivered.size() == ofEvent.size()) {
        return ofEvent;
      }
      pause();
    }
    throw new AssertionError(
        eventType
            + " deliveries not all delivered within 10 s: "
            + acme.get("/api/v1/deliveries?workItem=" + itemId).body());
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String created(Api.Response response) {
    assertThat(response.status()).as("%s", response).isEqualTo(201);
    return response.json().get("id").asString();
  }

  private Api.Response hook(byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + this.port + "/hooks/" + jiraIntegration))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-Atlassian-Webhook-Identifier", UUID.randomUUID().toString())
            .header(
                "X-Hub-Signature",
                "sha256="
                    + HexFormat.of()
                        .formatHex(hmac(JIRA_SECRET.getBytes(StandardCharsets.UTF_8), body)))
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

  private static byte[] hmac(byte[] key, String message) {
    return hmac(key, message.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
