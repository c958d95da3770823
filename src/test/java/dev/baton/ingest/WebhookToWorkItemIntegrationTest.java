package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole inbound path with nothing faked: a vendor's real payload, signed, posted to the
 * integration's hook URL, stored in the inbox, processed by the worker through the mapping table
 * into a work item and routed by the live policy.
 */
@TestPropertySource(properties = "baton.inbox.poll-interval=50ms")
class WebhookToWorkItemIntegrationTest extends IntegrationTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final String SETUP =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice }
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
          - name: github-to-alice
            when: item.source.system == "github"
            assign: { person: alice }
        fallback: { queue: triage }
      """;

  @Autowired Clock clock;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    // this context's inbox worker must not meet another context's deliveries
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("inbound_e2e"));
  }

  @BeforeEach
  void rosterAndPolicy() {
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
  }

  @Test
  void aSignedGitHubIssueBecomesARoutedWorkItemOnceEvenWhenSentAgain() {
    String integration = integration("github", "acme-github", "gh-secret");
    byte[] body = VendorFixtures.bytes("github/issues.opened.json");
    Map<String, String> headers =
        Senders.signed(Provider.GITHUB, "gh-secret", body, clock.instant());

    Api.Response accepted = hook(integration, headers, body);
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
    JsonNode processed = processed(accepted.json().get("id").asString());
    assertThat(processed.get("outcome").asString()).isEqualTo("CREATED");

    JsonNode items = acme.get("/api/v1/work-items").json().get("items");
    assertThat(items).hasSize(1);
    JsonNode item = items.get(0);
    assertThat(item.get("source").get("system").asString()).isEqualTo("github");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("OFFERED");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("person:alice");
    JsonNode decision =
        acme.get("/api/v1/work-items/" + item.get("id").asString() + "/decision").json();
    assertThat(decision.get("rule").asString()).isEqualTo("github-to-alice");

    Api.Response again = hook(integration, headers, body);
    assertThat(again.status()).as("%s", again).isEqualTo(200);
    assertThat(again.json().get("status").asString()).isEqualTo("duplicate");

    byte[] tampered = body.clone();
    tampered[tampered.length / 2] ^= 1;
    Map<String, String> retried = new java.util.LinkedHashMap<>(headers);
    retried.put("X-GitHub-Delivery", java.util.UUID.randomUUID().toString());
    Api.Response forged = hook(integration, retried, tampered);
    assertThat(forged.status()).isEqualTo(401);

    assertThat(inboxRows()).isEqualTo(1);
    assertThat(acme.get("/api/v1/work-items").json().get("items")).hasSize(1);
  }

  @Test
  void jiraUpdatesBeforeTheCreationAndOlderAfterNewerEndInTheNewestState() {
    String integration = integration("jira", "acme-jira", "jira-secret");

    // an update arrives before the issue's creation and is applied first
    processed(send(integration, "jira/jira_issue_updated.priority_lowered.json"));
    assertThat(onlyItem().get("priority").asString()).isEqualTo("P4");

    // then, in no useful order: the creation, the newest update, an older resolution
    List<String> later = new ArrayList<>();
    later.add(send(integration, "jira/jira_issue_created.json"));
    later.add(send(integration, "jira/jira_issue_updated.priority_raised.json"));
    later.add(send(integration, "jira/jira_issue_updated.status_resolved.json"));
    List<String> outcomes = new ArrayList<>();
    for (String id : later) {
      outcomes.add(processed(id).get("outcome").asString());
    }

    assertThat(outcomes).containsExactly("STALE", "UPDATED", "STALE");
    JsonNode item = onlyItem();
    assertThat(item.get("priority").asString()).isEqualTo("P2");
    assertThat(item.get("status").asString()).isEqualTo("open");
    assertThat(item.get("source").get("externalKey").asString()).isEqualTo("TES-41");
  }

  @Test
  void slackIsAnsweredWhileItWaitsAndItsRetriesAreNotProcessedTwice() {
    String integration = integration("slack", "acme-slack", "slack-signing-secret");

    byte[] challenge = VendorFixtures.bytes("slack/url_verification.json");
    Api.Response verified = slack(integration, challenge, "application/json", Map.of());
    assertThat(verified.status()).as("%s", verified).isEqualTo(200);
    assertThat(verified.json().get("challenge").asString())
        .isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");

    byte[] event = VendorFixtures.bytes("slack/event_callback.message.json");
    Api.Response first = slack(integration, event, "application/json", Map.of());
    Api.Response retry =
        slack(
            integration,
            event,
            "application/json",
            Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
    assertThat(first.status()).as("%s", first).isEqualTo(200);
    assertThat(retry.status()).as("%s", retry).isEqualTo(200);
    assertThat(retry.json().get("status").asString()).isEqualTo("duplicate");

    byte[] help = SlackPayloads.slashCommand("U0NOBODY1", "help", "https://hooks.slack.com/x");
    Api.Response answered = slack(integration, help, "application/x-www-form-urlencoded", Map.of());
    assertThat(answered.status()).as("%s", answered).isEqualTo(200);
    assertThat(answered.body()).contains("/baton assign").contains("/baton who");

    assertThat(inboxRows()).isEqualTo(3);
  }

  private Api.Response slack(
      String integration, byte[] body, String contentType, Map<String, String> extra) {
    Map<String, String> headers =
        new java.util.LinkedHashMap<>(
            Senders.signed(Provider.SLACK, "slack-signing-secret", body, clock.instant()));
    headers.put("Content-Type", contentType);
    headers.putAll(extra);
    return hook(integration, headers, body);
  }

  private String integration(String provider, String name, String secret) {
    Api.Response created =
        acme.post(
            "/api/v1/integrations",
            "{\"provider\":\""
                + provider
                + "\",\"name\":\""
                + name
                + "\",\"secrets\":[\""
                + secret
                + "\"]}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().get("url").asString())
        .endsWith("/hooks/" + created.json().get("id").asString());
    return created.json().get("id").asString();
  }

  /** Posts a Jira fixture signed with the integration's secret; returns the inbox id. */
  private String send(String integration, String fixture) {
    byte[] body = VendorFixtures.bytes(fixture);
    Api.Response accepted =
        hook(
            integration, Senders.signed(Provider.JIRA, "jira-secret", body, clock.instant()), body);
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
    return accepted.json().get("id").asString();
  }

  /** The inbox row once the worker has processed it; fails after ten seconds. */
  private JsonNode processed(String inboxId) {
    for (int attempt = 0; attempt < 200; attempt++) {
      JsonNode row = acme.get("/api/v1/inbox/" + inboxId).json();
      String status = row.get("status").asString();
      if (!status.equals("pending")) {
        assertThat(status).as("%s", row).isEqualTo("processed");
        return row;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("delivery " + inboxId + " still pending after 10 s");
  }

  private JsonNode onlyItem() {
    JsonNode items = acme.get("/api/v1/work-items").json().get("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private long inboxRows() {
    return jdbc.sql("select count(*) from inbox").query(Long.class).single();
  }

  private Api.Response hook(String integration, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/" + integration))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      return new Api.Response(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
