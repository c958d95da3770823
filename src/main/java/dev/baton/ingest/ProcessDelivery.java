package dev.baton.ingest;

import dev.baton.ingest.InboxRows.Delivery;
import dev.baton.platform.BatonException;
import dev.baton.platform.Correlation;
import dev.baton.platform.LogContext;
import dev.baton.platform.Traces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Processes the pending delivery due soonest. In one transaction it claims the row ({@code FOR
 * UPDATE SKIP LOCKED}), parses the payload, hands the event to the {@link SourceEventHandler} and
 * marks the row processed with the handler's outcome. When anything throws, all of that rolls back
 * and the failed attempt is recorded: the row waits out its backoff, or after the last attempt (or
 * at once for a {@link BatonException.BadRequest}, which no retry can mend) is parked as failed
 * with its error.
 */
@Component
class ProcessDelivery {

  /** The name of the span of one processing attempt. */
  static final String SPAN = "process webhook";

  private static final Logger log = LoggerFactory.getLogger(ProcessDelivery.class);

  private final InboxRows inbox;
  private final Integrations integrations;
  private final ObjectProvider<SourceEventHandler> handlers;
  private final AnswerSlack slack;
  private final TransactionTemplate tx;
  private final WebhookMetrics metrics;
  private final Clock clock;
  private final Traces traces;
  private final IngestProperties.Inbox settings;
  private final AtomicBoolean warnedNoHandler = new AtomicBoolean();

  ProcessDelivery(
      InboxRows inbox,
      Integrations integrations,
      ObjectProvider<SourceEventHandler> handlers,
      AnswerSlack slack,
      TransactionTemplate tx,
      WebhookMetrics metrics,
      Clock clock,
      Traces traces,
      IngestProperties properties) {
    this.inbox = inbox;
    this.integrations = integrations;
    this.handlers = handlers;
    this.slack = slack;
    this.tx = tx;
    this.metrics = metrics;
    this.clock = clock;
    this.traces = traces;
    this.settings = properties.inbox();
  }

  /**
   * What one attempt did.
   *
   * @param outcome the handler's outcome, or null when the attempt failed
   * @param error the failure, or null
   * @param retryAt when the failed delivery is tried again, null when it is parked
   */
  private record Attempt(
      Delivery delivery,
      @Nullable String outcome,
      @Nullable Exception error,
      @Nullable Instant retryAt) {}

  /**
   * Processes one due delivery, if there is one this node can process.
   *
   * @return true if a delivery was claimed (processed or failed), false if none was due
   */
  boolean processNext() {
    SourceEventHandler handler = handlers.getIfAvailable();
    boolean slackAvailable = slack.available();
    if (handler == null && warnedNoHandler.compareAndSet(false, true)) {
      log.warn(
          "No SourceEventHandler is configured: webhook deliveries are stored and stay pending");
    }
    if (handler == null && !slackAvailable) {
      return false;
    }
    Optional<Attempt> attempted =
        Objects.requireNonNull(
            tx.execute(
                status ->
                    inbox
                        .claimDue(now(), handler != null, slackAvailable)
                        .map(claimed -> attempt(status, claimed, handler))));
    if (attempted.isEmpty()) {
      return false;
    }
    Attempt attempt = attempted.get();
    Delivery delivery = attempt.delivery();
    Exception error = attempt.error();
    if (error == null) {
      metrics.processed(
          delivery.provider(),
          String.valueOf(attempt.outcome()),
          Duration.between(delivery.receivedAt(), now()));
    } else {
      metrics.attemptFailed(delivery.provider(), attempt.retryAt() == null);
      try (var logged =
          LogContext.with(LogContext.TENANT, delivery.tenantId())
              .and(Correlation.MDC_KEY, delivery.correlationId())) {
        logFailure(delivery, error, attempt.retryAt());
      }
    }
    return true;
  }

  /**
   * Applies the claimed delivery behind a savepoint, so that a failure undoes the handler's writes
   * but not the row lock, under which the failed attempt is recorded: no other worker can take the
   * row between the failure and its backoff.
   */
  private Attempt attempt(
      TransactionStatus status, Delivery claimed, @Nullable SourceEventHandler handler) {
    // a child of the webhook request's span: parse, map and route belong to the sender's trace
    try (var span = traces.continueTrace(SPAN, claimed.traceparent())) {
      span.tag("baton.tenant", claimed.tenantId())
          .tag("baton.provider", claimed.provider().wireName())
          .tag("baton.inbox.delivery", claimed.id())
          .tag("baton.event.type", claimed.eventType());
      Attempt attempt = attemptTraced(status, claimed, handler);
      Exception error = attempt.error();
      if (error == null) {
        span.tag("baton.outcome", attempt.outcome());
      } else {
        span.tag("baton.outcome", attempt.retryAt() == null ? "failed" : "retry");
        span.error(error);
      }
      return attempt;
    }
  }

  private Attempt attemptTraced(
      TransactionStatus status, Delivery claimed, @Nullable SourceEventHandler handler) {
    Object savepoint = status.createSavepoint();
    try {
      String outcome = apply(claimed, handler);
      inbox.markProcessed(claimed.tenantId(), claimed.id(), outcome, now());
      status.releaseSavepoint(savepoint);
      return new Attempt(claimed, outcome, null, null);
    } catch (RuntimeException e) {
      // the worker boundary: the failure becomes data on the row
      status.rollbackToSavepoint(savepoint);
      int attempt = claimed.attempts() + 1;
      boolean parked = e instanceof BatonException.BadRequest || attempt >= settings.maxAttempts();
      Instant retryAt = parked ? null : now().plus(settings.backoffAfter(attempt));
      inbox.recordFailure(
          claimed.tenantId(), claimed.id(), claimed.attempts(), describe(e), retryAt);
      return new Attempt(claimed, null, e, retryAt);
    }
  }

  private String apply(Delivery delivery, @Nullable SourceEventHandler handler) {
    String[] outcome = new String[1];
    try (var logged = LogContext.with(LogContext.TENANT, delivery.tenantId())) {
      Correlation.with(delivery.correlationId(), () -> outcome[0] = applyNow(delivery, handler));
    }
    return outcome[0];
  }

  private String applyNow(Delivery delivery, @Nullable SourceEventHandler handler) {
    IntegrationRows.Stored integration =
        integrations
            .find(delivery.tenantId(), delivery.integrationId())
            .orElseThrow(() -> new IllegalStateException("the delivery's integration is gone"));
    byte[] body = delivery.rawBody();
    if (body == null) {
      throw new IllegalStateException("the raw body of a pending delivery is gone");
    }
    if (delivery.provider() == Provider.SLACK) {
      return slack.answerLate(
          integration.integration(), delivery.headers().get("Content-Type"), body);
    }
    if (handler == null) {
      throw new IllegalStateException("no SourceEventHandler to apply the delivery with");
    }
    SourceEvent event = parser(integration).parse(delivery.eventType(), payload(body));
    return handler.apply(integration.integration(), event, delivery.id()).name();
  }

  private static PayloadParser parser(IntegrationRows.Stored integration) {
    return switch (integration.provider()) {
      case GENERIC, STANDARD_WEBHOOKS -> Parsers.generic(integration.genericMapping());
      default -> Parsers.forProvider(integration.provider().wireName());
    };
  }

  private static JsonNode payload(byte[] body) {
    try {
      return JsonShape.READER.readTree(body);
    } catch (JacksonException e) {
      throw new BatonException.BadRequest("the stored body is not JSON");
    }
  }

  private static void logFailure(Delivery delivery, Exception error, @Nullable Instant retryAt) {
    String next = retryAt == null ? "parked as failed" : "retrying at " + retryAt;
    if (error instanceof BatonException) {
      log.warn(
          "Delivery {} of integration {} (tenant {}), attempt {}: {}; {}",
          delivery.id(),
          delivery.integrationId(),
          delivery.tenantId(),
          delivery.attempts() + 1,
          describe(error),
          next);
    } else {
      log.warn(
          "Delivery {} of integration {} (tenant {}), attempt {} failed; {}",
          delivery.id(),
          delivery.integrationId(),
          delivery.tenantId(),
          delivery.attempts() + 1,
          next,
          error);
    }
  }

  /** The error as stored on the row and shown by the API. */
  static String describe(Exception error) {
    String message = error.getMessage();
    String text =
        error instanceof BatonException
            ? String.valueOf(message)
            : error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return String.valueOf(DeliveryText.clean(text));
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}
