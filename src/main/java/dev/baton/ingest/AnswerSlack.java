package dev.baton.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hands a stored Slack request to the {@link SlackEntryPoint}, while Slack waits (its answer goes
 * back to Slack) or later from the inbox (a request stored while no entry point existed, or whose
 * answer a stopped process never gave; the answer then goes nowhere).
 */
@Component
class AnswerSlack {

  static final String ANSWERED = "ANSWERED";

  private final ObjectProvider<SlackEntryPoint> entryPoints;
  private final InboxRows inbox;
  private final WebhookMetrics metrics;
  private final Clock clock;

  AnswerSlack(
      ObjectProvider<SlackEntryPoint> entryPoints,
      InboxRows inbox,
      WebhookMetrics metrics,
      Clock clock) {
    this.entryPoints = entryPoints;
    this.inbox = inbox;
    this.metrics = metrics;
    this.clock = clock;
  }

  boolean available() {
    return entryPoints.getIfAvailable() != null;
  }

  /**
   * Answers a newly stored request now and marks it processed; empty when there is no entry point,
   * leaving the row pending. An entry point that throws parks the row as failed (Slack does not
   * resend commands or clicks) and the exception goes on to the caller.
   */
  Optional<SlackEntryPoint.SlackReply> answerNow(
      Integration integration,
      UUID inboxId,
      @Nullable String contentType,
      byte[] body,
      Instant receivedAt) {
    SlackEntryPoint entryPoint = entryPoints.getIfAvailable();
    if (entryPoint == null) {
      return Optional.empty();
    }
    SlackEntryPoint.SlackReply reply;
    try {
      reply = entryPoint.answer(integration, contentType, body);
    } catch (RuntimeException e) {
      inbox.recordFailure(integration.tenantId(), inboxId, 0, ProcessDelivery.describe(e), null);
      metrics.attemptFailed(Provider.SLACK, true);
      throw e;
    }
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    inbox.markProcessed(integration.tenantId(), inboxId, ANSWERED, now);
    metrics.processed(Provider.SLACK, ANSWERED, Duration.between(receivedAt, now));
    return Optional.of(reply);
  }

  /** Answers a request from the inbox; the reply is dropped since Slack no longer waits. */
  String answerLate(Integration integration, @Nullable String contentType, byte[] body) {
    SlackEntryPoint entryPoint = entryPoints.getIfAvailable();
    if (entryPoint == null) {
      throw new IllegalStateException("no Slack entry point to answer with");
    }
    entryPoint.answer(integration, contentType, body);
    return ANSWERED;
  }
}
