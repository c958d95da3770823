package dev.baton.ingest;

import static dev.baton.ingest.TestRequests.hmacHex;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Signs a body the way each provider's sender does, independently of the code under test, and names
 * a real fixture and a secret in the provider's format for each.
 */
final class Senders {

  static final String GITHUB_SECRET = "It's a Secret to Everybody";
  static final String STANDARD_SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  private Senders() {}

  /** A secret in the provider's format, different for each {@code variant}. */
  static String secret(Provider provider, int variant) {
    return switch (provider) {
      case STANDARD_WEBHOOKS, GENERIC ->
          "whsec_"
              + Base64.getEncoder()
                  .encodeToString(("key-" + variant + "-0123456789abcdef0123456789").getBytes());
      case ALERTMANAGER -> "alertmanager-token-" + variant;
      default -> provider.wireName() + "-secret-" + variant;
    };
  }

  /** A real payload of the provider, from the shared fixtures (or a small one of our own). */
  static byte[] fixture(Provider provider) {
    return switch (provider) {
      case GITHUB -> VendorFixtures.bytes("github/issues.opened.json");
      case GITLAB -> VendorFixtures.bytes("gitlab/issue_hook.json");
      case JIRA -> VendorFixtures.bytes("jira/jira_issue_created.json");
      case SLACK -> VendorFixtures.bytes("slack/slash_command.signing_example.form");
      case PAGERDUTY -> VendorFixtures.bytes("pagerduty/incident.triggered.json");
      case ALERTMANAGER -> VendorFixtures.bytes("alertmanager/webhook.firing.single_alert.json");
      case STANDARD_WEBHOOKS, GENERIC ->
          "{\"type\":\"ticket.opened\",\"externalId\":\"T-1\",\"title\":\"Printer on fire\"}"
              .getBytes(StandardCharsets.UTF_8);
    };
  }

  static String contentType(Provider provider) {
    return provider == Provider.SLACK
        ? "application/x-www-form-urlencoded"
        : "application/json; charset=utf-8";
  }

  /** Headers a sender holding {@code secret} sends with {@code body} at {@code now}. */
  static Map<String, String> signed(Provider provider, String secret, byte[] body, Instant now) {
    String delivery = UUID.randomUUID().toString();
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", contentType(provider));
    switch (provider) {
      case GITHUB -> {
        h.put("X-GitHub-Event", "issues");
        h.put("X-GitHub-Delivery", delivery);
        h.put("X-Hub-Signature-256", "sha256=" + hmacHex(secret, body));
      }
      case GITLAB -> {
        h.put("X-Gitlab-Event", "Issue Hook");
        h.put("Idempotency-Key", delivery);
        h.put("X-Gitlab-Token", secret);
      }
      case JIRA -> {
        h.put("X-Atlassian-Webhook-Identifier", delivery);
        h.put("X-Hub-Signature", "sha256=" + hmacHex(secret, body));
      }
      case SLACK -> {
        String ts = Long.toString(now.getEpochSecond());
        h.put("X-Slack-Request-Timestamp", ts);
        h.put(
            "X-Slack-Signature",
            "v0=" + hmacHex(secret, ("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8), body));
      }
      case PAGERDUTY -> {
        h.put("X-Webhook-Id", delivery);
        h.put("X-PagerDuty-Signature", "v1=" + hmacHex(secret, body));
      }
      case ALERTMANAGER -> h.put("Authorization", "Bearer " + secret);
      case STANDARD_WEBHOOKS, GENERIC -> {
        String ts = Long.toString(now.getEpochSecond());
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] signature =
            TestRequests.hmac(
                key, (delivery + "." + ts + ".").getBytes(StandardCharsets.UTF_8), body);
        h.put("webhook-id", delivery);
        h.put("webhook-timestamp", ts);
        h.put("webhook-signature", "v1," + Base64.getEncoder().encodeToString(signature));
      }
    }
    return h;
  }
}
