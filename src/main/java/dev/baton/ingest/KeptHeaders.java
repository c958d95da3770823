package dev.baton.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request headers stored with a delivery: those that say what it is and where it came from.
 * Never a signature, token or authorization, so the stored row proves nothing to a reader of the
 * database.
 */
final class KeptHeaders {

  static final List<String> NAMES =
      List.of(
          "Content-Type",
          "User-Agent",
          "X-GitHub-Event",
          "X-GitHub-Delivery",
          "X-GitHub-Hook-ID",
          "X-Gitlab-Event",
          "X-Gitlab-Event-UUID",
          "X-Gitlab-Instance",
          "Idempotency-Key",
          "X-Atlassian-Webhook-Identifier",
          "X-Atlassian-Webhook-Retry",
          "X-Slack-Request-Timestamp",
          "X-Slack-Retry-Num",
          "X-Slack-Retry-Reason",
          "X-Webhook-Id",
          "X-Webhook-Subscription",
          "webhook-id",
          "webhook-timestamp",
          "traceparent");

  private KeptHeaders() {}

  static Map<String, String> of(WebhookHeaders headers) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String name : NAMES) {
      String value = headers.first(name);
      if (value != null) {
        kept.put(name, String.valueOf(DeliveryText.clean(value)));
      }
    }
    return kept;
  }
}
