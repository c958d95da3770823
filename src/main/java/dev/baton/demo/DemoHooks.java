package dev.baton.demo;

import dev.baton.ingest.HookSignatures;
import dev.baton.ingest.IntegrationView;
import dev.baton.ingest.Integrations;
import dev.baton.tenant.Tenants;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Sends requests to Baton's own {@code /hooks/{id}} over loopback HTTP the way GitHub, Jira and
 * Slack do: the vendors' headers and signatures with the demo integrations' secrets, so every
 * delivery takes the normal path (verification, dedupe, inbox, routing).
 */
final class DemoHooks {

  static final String GITHUB = "demo-github";
  static final String JIRA = "demo-jira";
  static final String SLACK = "demo-slack";
  static final String GITHUB_SECRET = "demo-github-webhook-secret";
  static final String JIRA_SECRET = "demo-jira-webhook-secret";
  static final String SLACK_SECRET = "demo-slack-signing-secret";

  /** What Baton answered. */
  record Answer(int status, String body) {}

  private final Integrations integrations;
  private final String baseUrl;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  DemoHooks(Integrations integrations, String baseUrl, Clock clock) {
    this.integrations = integrations;
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  /** The id of the demo integration named {@code name} in the default tenant. */
  UUID integration(String name) {
    return integrations.all(Tenants.DEFAULT).stream()
        .filter(i -> i.name().equals(name))
        .map(IntegrationView::id)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no demo integration " + name));
  }

  Answer github(String event, byte[] body) {
    return send(
        hook(GITHUB)
            .header("Content-Type", "application/json")
            .header("User-Agent", "GitHub-Hookshot/demo")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", UUID.randomUUID().toString())
            .header("X-GitHub-Hook-ID", "1")
            .header("X-Hub-Signature-256", HookSignatures.sha256(GITHUB_SECRET, body)),
        body);
  }

  Answer jira(byte[] body) {
    return send(
        hook(JIRA)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Atlassian Webhook HTTP Client")
            .header("X-Atlassian-Webhook-Identifier", UUID.randomUUID().toString())
            .header("X-Hub-Signature", HookSignatures.sha256(JIRA_SECRET, body)),
        body);
  }

  /** A Slack interaction: the form field {@code payload} holding the JSON, signed v0. */
  Answer slackInteraction(String payloadJson) {
    byte[] body =
        ("payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    long timestamp = clock.instant().getEpochSecond();
    return send(
        hook(SLACK)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
            .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
            .header("X-Slack-Signature", HookSignatures.slack(SLACK_SECRET, timestamp, body)),
        body);
  }

  /** Where an interaction's ephemeral answers go: the sandbox's stand-in for Slack's. */
  String responseUrl() {
    return baseUrl + "/sandbox/slack/actions/" + UUID.randomUUID();
  }

  private HttpRequest.Builder hook(String integration) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/hooks/" + integration(integration)))
        .timeout(Duration.ofSeconds(10));
  }

  private Answer send(HttpRequest.Builder request, byte[] body) {
    try {
      HttpResponse<String> response =
          http.send(
              request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(0, "could not reach Baton: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "interrupted");
    }
  }
}
