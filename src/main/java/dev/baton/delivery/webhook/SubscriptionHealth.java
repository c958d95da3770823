package dev.baton.delivery.webhook;

import dev.baton.audit.AuditLog;
import dev.baton.delivery.Outbox;
import dev.baton.delivery.webhook.SubscriptionRows.Stored;
import dev.baton.platform.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tracks whether a subscription's receiver works: a success ends the failure streak; a failure
 * starts one, and a 410 Gone or a streak longer than {@code baton.webhooks.disable-after} disables
 * the subscription, with an audit entry and a {@code subscription.disabled} event.
 */
@Component
class SubscriptionHealth {

  static final String DISABLED_EVENT = "subscription.disabled";

  private final SubscriptionRows rows;
  private final AuditLog audit;
  private final Outbox outbox;
  private final Clock clock;
  private final Duration disableAfter;

  SubscriptionHealth(
      SubscriptionRows rows,
      AuditLog audit,
      Outbox outbox,
      Clock clock,
      WebhookProperties properties) {
    this.rows = rows;
    this.audit = audit;
    this.outbox = outbox;
    this.clock = clock;
    this.disableAfter = properties.disableAfter();
  }

  @Transactional
  void succeeded(String tenantId, UUID id) {
    rows.succeeded(tenantId, id, now());
  }

  /**
   * Records a failed attempt; disables the subscription when the receiver said 410 Gone or has been
   * failing for longer than the configured time.
   *
   * @return the reason it was disabled, or null when it stays enabled
   */
  @Transactional
  @org.jspecify.annotations.Nullable
  String failed(String tenantId, UUID id, boolean gone, String error) {
    Stored row = rows.lock(tenantId, id).orElse(null);
    if (row == null || !row.enabled()) {
      return null;
    }
    Instant now = now();
    Instant since = row.firstFailureAt() != null ? row.firstFailureAt() : now;
    String reason = null;
    if (gone) {
      reason = "the receiver answered 410 Gone";
    } else if (Duration.between(since, now).compareTo(disableAfter) > 0) {
      reason =
          "no successful delivery since "
              + since
              + " (failing longer than "
              + disableAfter
              + "); last error: "
              + error;
    }
    Stored after =
        row.with(
            row.name(),
            row.url(),
            row.events(),
            reason == null,
            reason,
            row.description(),
            since,
            reason == null ? row.updatedAt() : now);
    rows.update(after);
    if (reason != null) {
      Actor webhooks = Actor.system("webhooks");
      audit.append(
          tenantId,
          Subscriptions.record(
              webhooks,
              "system",
              id,
              "subscription.disabled",
              Subscriptions.settings(row),
              Subscriptions.settings(after)));
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("subscriptionId", id.toString());
      data.put("name", row.name());
      data.put("url", row.url());
      data.put("reason", reason);
      outbox.publish(tenantId, DISABLED_EVENT, id.toString(), data);
    }
    return reason;
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}
