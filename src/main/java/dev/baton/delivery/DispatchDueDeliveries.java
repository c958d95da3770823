package dev.baton.delivery;

import dev.baton.delivery.Connector.Outcome;
import dev.baton.delivery.DeliveryRows.Delivery;
import dev.baton.platform.Correlation;
import dev.baton.platform.LogContext;
import dev.baton.platform.Traces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One attempt at the due delivery that may go next: claim it under a lease (committed), call its
 * connector outside any transaction, then record the outcome in a new transaction. A dead letter
 * publishes {@code delivery.failed}; the next success to a destination that had one publishes
 * {@code delivery.recovered}. Events of type {@code delivery.*} never cause either, so a failing
 * destination that receives operational events cannot feed itself.
 */
@Component
class DispatchDueDeliveries {

  static final int EXCERPT_LIMIT = 1024;
  static final int ERROR_LIMIT = 2000;
  static final String FAILED = "delivery.failed";
  static final String RECOVERED = "delivery.recovered";

  /** The name of the span of one delivery attempt. */
  static final String SPAN = "deliver";

  private static final Logger log = LoggerFactory.getLogger(DispatchDueDeliveries.class);

  private final DeliveryRows rows;
  private final ObjectProvider<Connector> connectors;
  private final ObjectProvider<Outbox> outbox;
  private final RetryPolicy retries;
  private final DeliveryMetrics metrics;
  private final TransactionTemplate tx;
  private final JsonMapper json;
  private final Clock clock;
  private final Traces traces;
  private final Duration leaseTime;

  DispatchDueDeliveries(
      DeliveryRows rows,
      ObjectProvider<Connector> connectors,
      ObjectProvider<Outbox> outbox,
      RetryPolicy retries,
      DeliveryMetrics metrics,
      TransactionTemplate tx,
      JsonMapper json,
      Clock clock,
      Traces traces,
      DeliveryProperties settings) {
    this.rows = rows;
    this.connectors = connectors;
    this.outbox = outbox;
    this.retries = retries;
    this.metrics = metrics;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
    this.traces = traces;
    this.leaseTime = settings.leaseTime();
  }

  /** A claimed delivery with the request to send. */
  record Claimed(Delivery delivery, Connector.DeliveryRequest request) {}

  /** Claims the next due delivery for {@code owner}; empty when none may go now. */
  Optional<Claimed> claim(String owner) {
    return Objects.requireNonNull(
        tx.execute(
            status -> {
              Instant now = now();
              return rows.claimNext(now, owner, now.plus(leaseTime))
                  .map(
                      d -> {
                        rows.startAttempt(d.tenantId(), d.id(), d.attempts(), now);
                        return new Claimed(d, request(d));
                      });
            }));
  }

  /** Sends a claimed delivery and records what happened. */
  void send(Claimed claimed, String owner) {
    Delivery d = claimed.delivery();
    JsonNode correlation = claimed.request().event().cloudEvent().get("batoncorrelationid");
    try (var logged =
            LogContext.with(LogContext.TENANT, d.tenantId())
                .and(LogContext.WORK_ITEM, d.workItemId())
                .and(LogContext.DELIVERY, d.id())
                .and(Correlation.MDC_KEY, correlation == null ? null : correlation.asString());
        // a child of the span that planned the delivery; the connector's request carries it
        var span = traces.continueTrace(SPAN, d.traceparent())) {
      span.tag("baton.tenant", d.tenantId())
          .tag("baton.connector", d.connector())
          .tag("baton.destination", d.destination())
          .tag("baton.delivery", d.id())
          .tag("baton.event.type", d.eventType())
          .tag("baton.attempt", d.attempts());
      span.tag("baton.outcome", sendLogged(claimed, owner));
    }
  }

  /** Sends and records; answers the attempt's outcome as the metrics name it. */
  private String sendLogged(Claimed claimed, String owner) {
    Delivery d = claimed.delivery();
    Instant started = now();
    long startNanos = System.nanoTime();
    Outcome outcome = attempt(d, claimed.request());
    long latencyMs = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    Instant ended = now();
    // an interrupt (a stop) must not break the connection the outcome is recorded on
    boolean interrupted = Thread.interrupted();
    try {
      tx.executeWithoutResult(status -> record(d, owner, outcome, latencyMs, ended));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    log.debug("Delivery {} attempt {} started {}: {}", d.id(), d.attempts(), started, outcome);
    return switch (outcome) {
      case Outcome.Delivered ok -> "delivered";
      case Outcome.Skipped skipped -> "skipped";
      case Outcome.Permanent failed -> "permanent";
      case Outcome.Transient failed -> "transient";
      case Outcome.Held held -> "held";
    };
  }

  private Outcome attempt(Delivery d, Connector.DeliveryRequest request) {
    Connector connector = connector(d.connector());
    if (connector == null) {
      return new Outcome.Transient(
          null, "no connector named '" + d.connector() + "' is configured", false, null, "");
    }
    try {
      return connector.send(request);
    } catch (RuntimeException e) {
      // the worker boundary: a connector that throws may have sent the request
      log.warn("Connector {} threw on delivery {}", d.connector(), d.id(), e);
      String message = e.getMessage();
      return new Outcome.Transient(
          null,
          e.getClass().getSimpleName() + (message == null ? "" : ": " + message),
          true,
          null,
          "");
    }
  }

  private void record(Delivery d, String owner, Outcome outcome, long latencyMs, Instant now) {
    String connector = d.connector();
    switch (outcome) {
      case Outcome.Delivered ok -> {
        rows.finishAttempt(
            d.tenantId(),
            d.id(),
            d.attempts(),
            latencyMs,
            ok.status(),
            "delivered",
            null,
            null,
            bounded(ok.excerpt(), EXCERPT_LIMIT));
        if (rows.finish(d, owner, DeliveryRows.DELIVERED, d.nextAttemptAt(), false, null, now)) {
          afterCommit(
              () -> {
                metrics.attempt(connector, "delivered");
                metrics.finished(connector, "delivered");
                metrics.lag(connector, Duration.between(d.eventTime(), now));
              });
          recovered(d, now);
        }
      }
      case Outcome.Skipped skipped -> {
        rows.finishAttempt(
            d.tenantId(),
            d.id(),
            d.attempts(),
            latencyMs,
            null,
            "skipped",
            null,
            bounded(skipped.reason(), ERROR_LIMIT),
            skipped.excerpt().isEmpty() ? null : bounded(skipped.excerpt(), EXCERPT_LIMIT));
        if (rows.finish(
            d, owner, DeliveryRows.SKIPPED, d.nextAttemptAt(), false, skipped.reason(), null)) {
          afterCommit(
              () -> {
                metrics.attempt(connector, "skipped");
                metrics.finished(connector, "skipped");
              });
        }
      }
      case Outcome.Permanent failed -> {
        rows.finishAttempt(
            d.tenantId(),
            d.id(),
            d.attempts(),
            latencyMs,
            failed.status(),
            "permanent",
            "permanent",
            bounded(failed.error(), ERROR_LIMIT),
            bounded(failed.excerpt(), EXCERPT_LIMIT));
        afterCommit(() -> metrics.attempt(connector, "permanent"));
        dead(d, owner, failed.error(), d.uncertain(), now);
      }
      case Outcome.Held held -> {
        // nothing was sent: the attempt is recorded, but gives its place in the round back
        rows.finishAttempt(
            d.tenantId(),
            d.id(),
            d.attempts(),
            latencyMs,
            null,
            "transient",
            "held",
            bounded(held.error(), ERROR_LIMIT),
            "");
        afterCommit(
            () -> {
              metrics.attempt(connector, "transient");
              metrics.rateLimitWait(connector);
            });
        rows.hold(d, owner, now.plus(held.after()), bounded(held.error(), ERROR_LIMIT));
      }
      case Outcome.Transient failed -> {
        rows.finishAttempt(
            d.tenantId(),
            d.id(),
            d.attempts(),
            latencyMs,
            failed.status(),
            "transient",
            "transient",
            bounded(failed.error(), ERROR_LIMIT),
            bounded(failed.excerpt(), EXCERPT_LIMIT));
        afterCommit(
            () -> {
              metrics.attempt(connector, "transient");
              if (failed.retryAfter() != null) {
                metrics.rateLimitWait(connector);
              }
            });
        boolean uncertain = d.uncertain() || failed.uncertain();
        Optional<Duration> wait =
            retries.nextWait(d.destination(), d.roundAttempts(), failed.retryAfter());
        if (wait.isPresent()) {
          rows.finish(
              d,
              owner,
              DeliveryRows.PENDING,
              now.plus(wait.get()),
              uncertain,
              bounded(failed.error(), ERROR_LIMIT),
              null);
        } else {
          dead(d, owner, failed.error(), uncertain, now);
        }
      }
    }
  }

  private void dead(Delivery d, String owner, String error, boolean uncertain, Instant now) {
    String lastError = bounded(error, ERROR_LIMIT);
    if (!rows.finish(d, owner, DeliveryRows.DEAD, d.nextAttemptAt(), uncertain, lastError, null)) {
      return;
    }
    afterCommit(() -> metrics.finished(d.connector(), "dead"));
    log.warn(
        "Delivery {} of event {} to {} (tenant {}) is dead after {} attempts: {}",
        d.id(),
        d.eventId(),
        d.destination(),
        d.tenantId(),
        d.attempts(),
        lastError);
    if (isOperational(d)) {
      return;
    }
    rows.markFailing(d.tenantId(), d.destination(), now);
    Map<String, Object> data = data(d);
    data.put("error", lastError);
    data.put("attempts", d.attempts());
    outbox.getObject().publish(d.tenantId(), FAILED, d.workItemId(), data);
  }

  private void recovered(Delivery d, Instant now) {
    if (isOperational(d)) {
      return;
    }
    rows.clearFailing(d.tenantId(), d.destination())
        .ifPresent(
            since -> {
              Map<String, Object> data = data(d);
              data.put("failingSince", since.toString());
              outbox.getObject().publish(d.tenantId(), RECOVERED, d.workItemId(), data);
            });
  }

  private static boolean isOperational(Delivery d) {
    return d.eventType().startsWith("delivery.");
  }

  private static Map<String, Object> data(Delivery d) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("deliveryId", d.id().toString());
    data.put("destination", d.destination());
    data.put("connector", d.connector());
    data.put("eventId", d.eventId().toString());
    data.put("eventType", d.eventType());
    return data;
  }

  private Connector.DeliveryRequest request(Delivery d) {
    JsonNode cloudEvent = json.readTree(rows.cloudEvent(d.tenantId(), d.eventSeq()));
    Connector.OutboxEvent event =
        new Connector.OutboxEvent(
            d.tenantId(), d.eventId(), d.eventSeq(), d.eventType(), d.workItemId(), cloudEvent);
    return new Connector.DeliveryRequest(
        d.tenantId(), d.id(), d.destination(), event, d.attempts(), d.uncertain());
  }

  private @Nullable Connector connector(String name) {
    return connectors.orderedStream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  private static void afterCommit(Runnable action) {
    org.springframework.transaction.support.TransactionSynchronizationManager
        .registerSynchronization(
            new org.springframework.transaction.support.TransactionSynchronization() {
              @Override
              public void afterCommit() {
                action.run();
              }
            });
  }

  static String bounded(@Nullable String text, int limit) {
    if (text == null) {
      return "";
    }
    return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}
