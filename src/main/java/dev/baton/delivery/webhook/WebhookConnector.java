package dev.baton.delivery.webhook;

import dev.baton.delivery.Connector;
import dev.baton.delivery.webhook.OutboundGuard.Resolution;
import dev.baton.delivery.webhook.SubscriptionRows.Stored;
import dev.baton.platform.Traces;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code webhook} connector: plans one delivery per enabled subscription whose patterns match
 * an event ({@code webhook:<subscription id>}, ordered by the event's subject), and sends it as the
 * event's CloudEvents JSON, signed per Standard Webhooks with every active secret. The delivery id
 * is the {@code webhook-id}, the same on every attempt, so receivers can drop repeats.
 *
 * <p>Outcomes: 2xx delivered; 408, 425, 429, 5xx, timeouts and connection errors transient (with
 * the receiver's {@code Retry-After}); 410 permanent and the subscription disabled; other 4xx and
 * an address the SSRF guard refuses permanent.
 */
@Component
class WebhookConnector implements Connector {

  static final String NAME = "webhook";
  static final int MAX_EXCERPT_BYTES = 1024;

  private final Subscriptions subscriptions;
  private final SubscriptionHealth health;
  private final OutboundGuard guard;
  private final JsonMapper json;
  private final Clock clock;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final Traces traces;

  WebhookConnector(
      Subscriptions subscriptions,
      SubscriptionHealth health,
      OutboundGuard guard,
      JsonMapper json,
      Clock clock,
      Traces traces,
      WebhookProperties properties) {
    this.traces = traces;
    this.subscriptions = subscriptions;
    this.health = health;
    this.guard = guard;
    this.json = json;
    this.clock = clock;
    this.requestTimeout = properties.requestTimeout();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Planned> plan(OutboxEvent event) {
    return subscriptions.enabled(event.tenantId()).stream()
        .filter(s -> EventPatterns.matches(s.events(), event.type()))
        .map(s -> new Planned(NAME + ":" + s.id(), event.subject()))
        .toList();
  }

  @Override
  public Outcome send(DeliveryRequest delivery) {
    Optional<UUID> id = subscriptionId(delivery.destination());
    Optional<Subscriptions.Target> found =
        id.flatMap(uuid -> subscriptions.target(delivery.tenantId(), uuid));
    if (found.isEmpty()) {
      return new Outcome.Skipped("the subscription no longer exists");
    }
    Stored subscription = found.get().subscription();
    if (!subscription.enabled()) {
      return new Outcome.Skipped(
          "the subscription is disabled"
              + (subscription.disabledReason() == null
                  ? ""
                  : ": " + subscription.disabledReason()));
    }
    Outcome outcome = attempt(delivery, subscription, found.get().secrets());
    record(delivery.tenantId(), subscription.id(), outcome);
    return outcome;
  }

  private Outcome attempt(DeliveryRequest delivery, Stored subscription, List<String> secrets) {
    URI url = URI.create(subscription.url());
    String host = url.getHost();
    Resolution resolution = guard.resolve(host);
    if (resolution instanceof Resolution.Refused refused) {
      return new Outcome.Permanent(null, refused.reason(), "");
    }
    if (resolution instanceof Resolution.Unresolved unresolved) {
      return new Outcome.Transient(null, unresolved.reason(), false, null, "");
    }
    String body = json.writeValueAsString(delivery.event().cloudEvent());
    String messageId = delivery.deliveryId().toString();
    long timestamp = Instant.now(clock).getEpochSecond();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("Content-Type", "application/cloudevents+json")
            .header("webhook-id", messageId)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header(
                "webhook-signature", WebhookSignature.header(secrets, messageId, timestamp, body));
    String traceparent = traces.traceparent();
    if (traceparent != null) {
      builder.header(Traces.TRACEPARENT, traceparent);
    }
    HttpRequest request =
        builder.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      String excerpt = excerpt(response.body());
      return ResponseOutcomes.of(
          response.statusCode(),
          response.headers().firstValue("Retry-After").orElse(null),
          excerpt,
          Instant.now(clock));
    } catch (HttpConnectTimeoutException e) {
      return new Outcome.Transient(
          null, "connect timed out after " + http.connectTimeout().orElseThrow(), false, null, "");
    } catch (HttpTimeoutException e) {
      return new Outcome.Transient(
          null,
          "no answer within " + requestTimeout + " (the request may have landed)",
          true,
          null,
          "");
    } catch (ConnectException e) {
      return new Outcome.Transient(null, "cannot connect: " + message(e), false, null, "");
    } catch (IOException e) {
      return new Outcome.Transient(
          null,
          "connection failed: " + message(e) + " (the request may have landed)",
          true,
          null,
          "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Transient(null, "interrupted", true, null, "");
    }
  }

  private void record(String tenantId, UUID id, Outcome outcome) {
    switch (outcome) {
      case Outcome.Delivered d -> health.succeeded(tenantId, id);
      case Outcome.Transient t -> health.failed(tenantId, id, false, t.error());
      case Outcome.Permanent p ->
          health.failed(tenantId, id, Integer.valueOf(410).equals(p.status()), p.error());
      case Outcome.Skipped s -> {}
      case Outcome.Held h -> {}
    }
  }

  /** At most {@value #MAX_EXCERPT_BYTES} bytes of the answer; the rest is not read. */
  private static String excerpt(InputStream body) {
    try (InputStream in = body) {
      byte[] bytes = in.readNBytes(MAX_EXCERPT_BYTES);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String message(Exception e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  static Optional<UUID> subscriptionId(String destination) {
    if (!destination.startsWith(NAME + ":")) {
      return Optional.empty();
    }
    return Subscriptions.parseId(destination.substring(NAME.length() + 1));
  }
}
