package dev.baton.ingest;

import dev.baton.ingest.HookRejected.Reason;
import dev.baton.platform.BatonException;
import dev.baton.platform.Correlation;
import dev.baton.platform.Ids;
import dev.baton.platform.LogContext;
import dev.baton.platform.Traces;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Takes one request to {@code POST /hooks/{integrationId}} through its checks, in this order, and
 * stores it in the inbox when it passes them all: the integration exists (404) and is enabled
 * (403); the content type fits the provider (415); the body is within the integration's limit (413,
 * enforced while reading); the signature or token is present and matches an active secret, with a
 * fresh timestamp where the provider signs one (401), and the headers the provider always sends are
 * there (400); the body is one well-formed JSON object nested no deeper than the limit (400); the
 * integration accepts the event type (422). A rejection stores nothing and is counted.
 */
@Component
class ReceiveWebhook {

  /**
   * How long a Slack request being answered while Slack waits is left to the request: the worker
   * takes it only if the process stopped before marking it answered.
   */
  static final Duration SLACK_ANSWER_LEASE = Duration.ofMinutes(1);

  private final Integrations integrations;
  private final InboxRows inbox;
  private final AnswerSlack slack;
  private final WebhookMetrics metrics;
  private final HookOutcomes outcomes;
  private final Clock clock;
  private final Traces traces;
  private final int maxJsonDepth;

  ReceiveWebhook(
      Integrations integrations,
      InboxRows inbox,
      AnswerSlack slack,
      WebhookMetrics metrics,
      HookOutcomes outcomes,
      Clock clock,
      Traces traces,
      IngestProperties properties) {
    this.integrations = integrations;
    this.inbox = inbox;
    this.slack = slack;
    this.metrics = metrics;
    this.outcomes = outcomes;
    this.clock = clock;
    this.traces = traces;
    this.maxJsonDepth = properties.inbox().maxJsonDepth();
  }

  /** A hook request as the web layer hands it over. */
  record Request(
      String integrationId,
      WebhookHeaders headers,
      @Nullable String contentType,
      long declaredLength,
      InputStream body) {}

  /**
   * A stored delivery.
   *
   * @param duplicate true when the integration already had this delivery id
   */
  record StoredDelivery(
      Integration integration,
      UUID inboxId,
      boolean duplicate,
      @Nullable String contentType,
      byte[] body,
      Instant receivedAt) {}

  /**
   * Checks and stores the request.
   *
   * @throws HookRejected for every check that fails, already counted
   */
  StoredDelivery receive(Request request) {
    Integrations.HookTarget target;
    try {
      target = target(request);
    } catch (HookRejected e) {
      metrics.rejected(e);
      throw e;
    }
    IntegrationRows.Stored row = target.integration();
    try {
      StoredDelivery stored = checkAndStore(request, target);
      if (stored.duplicate()) {
        metrics.duplicate(stored.integration().provider());
        outcomes.duplicate(row);
      } else {
        metrics.accepted(stored.integration().provider());
      }
      return stored;
    } catch (HookRejected e) {
      metrics.rejected(e);
      outcomes.rejected(row, e.reason());
      throw e;
    }
  }

  private Integrations.HookTarget target(Request request) {
    return Integrations.parseId(request.integrationId())
        .flatMap(integrations::forHook)
        .orElseThrow(
            () ->
                new HookRejected(
                    Reason.UNKNOWN_INTEGRATION,
                    "unknown",
                    "no integration '" + request.integrationId() + "'"));
  }

  private StoredDelivery checkAndStore(Request request, Integrations.HookTarget target) {
    IntegrationRows.Stored row = target.integration();
    // for the rest of the request's log lines; CorrelationFilter clears it when the request ends
    MDC.put(LogContext.TENANT, row.tenantId());
    String provider = row.provider().wireName();
    if (!row.enabled()) {
      throw new HookRejected(
          Reason.DISABLED, provider, "integration '" + row.name() + "' is disabled");
    }
    String mediaType = HookContentTypes.check(row.provider(), request.contentType());
    byte[] body = read(request, row.maxBodySize(), provider);
    WebhookVerifier.Verified verified = verify(row, target, request.headers(), body);
    boolean json = HookContentTypes.isJson(mediaType);
    if (json) {
      JsonShape.Problem problem = JsonShape.problem(body, maxJsonDepth);
      if (problem == JsonShape.Problem.TOO_DEEP) {
        throw new HookRejected(
            Reason.TOO_DEEP, provider, "the JSON body is nested deeper than " + maxJsonDepth);
      }
      if (problem != null) {
        throw new HookRejected(
            Reason.MALFORMED, provider, "the body is not one well-formed JSON object");
      }
    }
    String eventType = DeliveryText.clean(DeliveryEvents.eventType(row, verified, body, json));
    DeliveryEvents.checkAccepted(row, eventType);
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    String deliveryId = DeliveryText.key(verified.deliveryId());
    UUID id = Ids.newId(clock);
    boolean answeredNow = row.provider() == Provider.SLACK && slack.available();
    Optional<UUID> inserted =
        inbox.insert(
            new InboxRows.Received(
                row.tenantId(),
                id,
                row.id(),
                row.provider(),
                deliveryId,
                eventType,
                body,
                KeptHeaders.of(request.headers()),
                Correlation.current(),
                // the request's span: the worker's "process webhook" continues its trace
                traces.traceparent(),
                now,
                answeredNow ? now.plus(SLACK_ANSWER_LEASE) : now));
    Integration integration = row.integration();
    if (inserted.isPresent()) {
      return new StoredDelivery(
          integration, inserted.get(), false, request.contentType(), body, now);
    }
    UUID original =
        inbox.idOf(row.tenantId(), row.id(), deliveryId).orElseThrow(IllegalStateException::new);
    return new StoredDelivery(integration, original, true, request.contentType(), body, now);
  }

  /** Reads at most the integration's limit; a longer body is refused without reading it all. */
  private static byte[] read(Request request, long limit, String provider) {
    if (request.declaredLength() > limit) {
      throw tooLarge(provider, limit);
    }
    try {
      byte[] body = request.body().readNBytes((int) limit + 1);
      if (body.length > limit) {
        throw tooLarge(provider, limit);
      }
      return body;
    } catch (IOException e) {
      throw new HookRejected(Reason.MALFORMED, provider, "the body could not be read");
    }
  }

  private static HookRejected tooLarge(String provider, long limit) {
    return new HookRejected(
        Reason.TOO_LARGE,
        provider,
        "the body is larger than this integration's " + limit + " bytes");
  }

  private WebhookVerifier.Verified verify(
      IntegrationRows.Stored row,
      Integrations.HookTarget target,
      WebhookHeaders headers,
      byte[] body) {
    String provider = row.provider().wireName();
    String credential = credentialHeader(row.provider());
    String presented = headers.first(credential);
    if (presented == null || presented.isBlank()) {
      throw new HookRejected(
          Reason.SIGNATURE,
          provider,
          "header " + credential + " is missing: the request is unsigned");
    }
    try {
      return Verifiers.forProvider(row.provider())
          .verify(headers, body, target.secrets(), Instant.now(clock));
    } catch (StaleTimestamp e) {
      throw new HookRejected(Reason.STALE, provider, String.valueOf(e.getMessage()));
    } catch (SignatureRejected e) {
      throw new HookRejected(Reason.SIGNATURE, provider, String.valueOf(e.getMessage()));
    } catch (BatonException.BadRequest e) {
      throw new HookRejected(Reason.MALFORMED, provider, String.valueOf(e.getMessage()));
    }
  }

  /** The header that carries the proof of origin, whose absence means "unsigned" (401). */
  static String credentialHeader(Provider provider) {
    return switch (provider) {
      case GITHUB -> GitHubVerifier.SIGNATURE;
      case GITLAB -> GitLabVerifier.TOKEN;
      case JIRA -> JiraVerifier.SIGNATURE;
      case SLACK -> SlackVerifier.SIGNATURE;
      case PAGERDUTY -> PagerDutyVerifier.SIGNATURE;
      case ALERTMANAGER -> AlertmanagerVerifier.AUTHORIZATION;
      case STANDARD_WEBHOOKS, GENERIC -> StandardWebhooksVerifier.SIGNATURE;
    };
  }
}
