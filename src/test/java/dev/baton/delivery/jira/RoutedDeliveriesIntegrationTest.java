package dev.baton.delivery.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inbound to outbound with the real dispatcher: a signed Jira {@code issue_created} becomes a
 * routed work item, and Jira gets its assignee and comment and a webhook subscriber its events,
 * each exactly once and in order, with the attempts visible through the API.
 */
@TestPropertySource(
    properties = {
      "baton.jira.allow-loopback-http=true",
      "baton.outbound.allowlist=127.0.0.1/32",
      "baton.inbox.poll-interval=50ms",
      "baton.delivery.poll-interval=50ms"
    })
class RoutedDeliveriesIntegrationTest extends IntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String JIRA_SECRET = "jira-hook-secret";
  private static final String ALICE_ACCOUNT = "5b10ac8d82e05b22cc7d4ef5";

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
          - name: jira-to-alice
            when: item.source.system == "jira"
            assign: { person: alice }
        fallback: { queue: triage }
      """;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    // this context's inbox worker and dispatcher must not meet another context's rows
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("routed_e2e"));
  }

  FakeJira jira;
  HttpServer subscriber;
  final List<JsonNode> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void sitesRosterPolicyIntegrationAndSubscription() throws IOException {
    jira = new FakeJira();
    subscriber = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    subscriber.createContext(
        "/",
        exchange -> {
          received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    subscriber.start();
    received.clear();
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
  }

  @AfterEach
  void stopSites() {
    jira.close();
    subscriber.stop(0);
  }

  @Test
  void aRoutedJiraIssueIsAssignedAndCommentedInJiraAndSentToTheSubscriberOnceInOrder() {
    String integration =
        created(
            acme.post(
                "/api/v1/integrations",
                "{\"provider\":\"jira\",\"name\":\"acme-jira\",\"secrets\":[\""
                    + JIRA_SECRET
                    + "\"]}"));
    Api.Response connected =
        acme.put(
            "/api/v1/integrations/" + integration + "/jira-connection",
            "{\"baseUrl\":\""
                + jira.baseUrl()
                + "\",\"auth\":{\"email\":\"baton@acme.example\",\"apiToken\":\"token\"}}");
    assertThat(connected.status()).as("%s", connected).isIn(200, 201);
    int port = subscriber.getAddress().getPort();
    created(
        acme.post(
            "/api/v1/subscriptions",
            "{\"url\":\"http://127.0.0.1:" + port + "/baton\",\"events\":[\"assignment.*\"]}"));

    byte[] body = VendorFixtures.bytes("jira/jira_issue_created.json");
    Api.Response accepted = hook(integration, body);
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);

    JsonNode item = awaitItem();
    String itemId = item.get("id").asString();
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("person:alice");
    List<JsonNode> deliveries = awaitDelivered(itemId);

    assertThat(deliveries)
        .extracting(d -> d.get("destination").asString())
        .anyMatch(d -> d.equals("jira:" + integration))
        .anyMatch(d -> d.startsWith("webhook:"));
    deliveries.forEach(
        d -> {
          assertThat(d.get("attempts").asInt()).isEqualTo(1);
          assertThat(d.get("attemptList").get(0).get("outcome").asString()).isEqualTo("delivered");
        });
    assertThat(jira.requests("PUT", "/assignee")).hasSize(1);
    assertThat(jira.requests("PUT", "/assignee").get(0).json().get("accountId").asString())
        .isEqualTo(ALICE_ACCOUNT);
    assertThat(jira.requests("POST", "/comment")).hasSize(1);
    List<String> ids = new ArrayList<>();
    List<Long> sequence = new ArrayList<>();
    received.forEach(
        e -> {
          ids.add(e.get("id").asString());
          sequence.add(e.get("batonsequence").asLong());
        });
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(sequence).isSorted();
    assertThat(received)
        .extracting(e -> e.get("type").asString())
        .contains("dev.baton.assignment.routed");
  }

  private JsonNode awaitItem() {
    for (int i = 0; i < 200; i++) {
      JsonNode items = acme.get("/api/v1/work-items").json().get("items");
      if (!items.isEmpty()
          && !items.get(0).get("assignment").get("state").asString().equals("UNASSIGNED")) {
        return items.get(0);
      }
      pause();
    }
    throw new AssertionError("the Jira issue did not become a routed work item within 10 s");
  }

  private List<JsonNode> awaitDelivered(String itemId) {
    for (int i = 0; i < 200; i++) {
      JsonNode page = acme.get("/api/v1/deliveries?workItem=" + itemId).json().get("items");
      List<JsonNode> all = new ArrayList<>();
      page.forEach(all::add);
      if (!all.isEmpty()
          && all.stream().allMatch(d -> d.get("status").asString().equals("delivered"))
          && all.stream().anyMatch(d -> d.get("destination").asString().startsWith("jira:"))) {
        return all;
      }
      pause();
    }
    throw new AssertionError(
        "deliveries not all delivered within 10 s: "
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

  private Api.Response hook(String integration, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + this.port + "/hooks/" + integration))
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
      mac.init(new SecretKeySpec(JIRA_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
