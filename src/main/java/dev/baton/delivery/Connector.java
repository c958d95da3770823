package dev.baton.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The port every outbound connector implements: Jira, Slack, signed webhooks, Kafka. The dispatcher
 * owns the delivery rows, leases, ordering, retries, dead letters and replay; a connector only says
 * which deliveries an event needs and makes one attempt at a time.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #plan} runs inside the transaction that publishes the event (the business
 *       transaction): it reads configuration only and never calls out. Each {@link Planned} becomes
 *       one delivery row, unique on (event, destination).
 *   <li>{@link #send} runs outside any transaction, after the row's lease was committed. It never
 *       throws for a remote failure: it answers an {@link Outcome}. A thrown exception is treated
 *       as {@link Outcome.Transient}.
 *   <li>Deliveries with the same destination and ordering key are sent one at a time, in event
 *       order: a later one waits while an earlier one is pending.
 *   <li>{@link DeliveryRequest#uncertain()} is true when an earlier attempt may have landed (a
 *       timeout after the request was sent); the connector then checks before sending again (a Jira
 *       comment's entity property, Slack message metadata) so nothing arrives twice.
 * </ul>
 */
public interface Connector {

  /** The connector's name and the prefix of its destinations: webhook, jira, slack, kafka. */
  String name();

  /** The deliveries {@code event} needs from this connector; empty when none. */
  List<Planned> plan(OutboxEvent event);

  /** One attempt at one delivery. */
  Outcome send(DeliveryRequest delivery);

  /**
   * An event as the outbox stored it.
   *
   * @param type the semantic type, e.g. {@code assignment.routed}
   * @param subject the work item id
   * @param cloudEvent the CloudEvents 1.0 JSON envelope, with {@code data}
   */
  record OutboxEvent(
      String tenantId, UUID id, long sequence, String type, String subject, JsonNode cloudEvent) {}

  /**
   * One delivery to make.
   *
   * @param destination {@code <connector>:<id>}, e.g. {@code webhook:<subscription id>}, {@code
   *     jira:<integration id>}, {@code slack:<integration id>:<channel>}; deliveries are unique on
   *     (event, destination)
   * @param orderingKey deliveries with the same destination and key go out in event order; usually
   *     the work item id, null for no ordering
   */
  record Planned(String destination, @Nullable String orderingKey) {}

  /**
   * @param attempt 1 for the first attempt
   * @param uncertain an earlier attempt may have landed
   */
  record DeliveryRequest(
      String tenantId,
      UUID deliveryId,
      String destination,
      OutboxEvent event,
      int attempt,
      boolean uncertain) {}

  /** How an attempt ended. */
  sealed interface Outcome {

    /**
     * Accepted by the destination.
     *
     * @param status the destination's HTTP status; null for one that does not speak HTTP (Kafka)
     */
    record Delivered(@Nullable Integer status, String excerpt) implements Outcome {}

    /**
     * Worth retrying: 408, 425, 429, 5xx, timeouts, connection errors (for Kafka: the client's
     * retriable errors).
     *
     * @param uncertain the request may have landed (a timeout after sending)
     * @param retryAfter the destination's own {@code Retry-After}, when it gave one
     */
    record Transient(
        @Nullable Integer status,
        String error,
        boolean uncertain,
        @Nullable Duration retryAfter,
        String excerpt)
        implements Outcome {}

    /**
     * Not sent: Baton's own pacing for the destination (a per-channel bucket, or the pause a 429
     * asked for) says wait. The delivery is due again after {@code after}, and the attempt does not
     * count toward its retry round, so work that waits its turn under a steady load is never made a
     * dead letter by its wait.
     */
    record Held(Duration after, String error) implements Outcome {}

    /** Will never succeed as it is (other 4xx, a field Jira does not allow): a dead letter. */
    record Permanent(@Nullable Integer status, String error, String excerpt) implements Outcome {}

    /**
     * Nothing sent (e.g. the integration is in shadow mode): recorded as skipped.
     *
     * @param excerpt what would have been sent, for a shadow mode; empty when nothing would
     */
    record Skipped(String reason, String excerpt) implements Outcome {

      public Skipped(String reason) {
        this(reason, "");
      }
    }
  }
}
