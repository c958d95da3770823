package dev.baton.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A delivery as the API shows it.
 *
 * @param destination {@code <connector>:<id>}, e.g. {@code webhook:<subscription id>}
 * @param status {@code pending}, {@code delivered}, {@code dead}, {@code skipped} or {@code
 *     discarded}
 * @param attempts attempts so far, over every replay
 * @param replays how often it was replayed
 * @param nextAttemptAt when a pending delivery is due; null otherwise
 * @param leasedUntil while a node is sending it, until when that node holds it
 * @param uncertain an earlier attempt may have landed; the connector checks before sending again
 * @param lastError why the last attempt failed (or, when skipped, why nothing was sent)
 * @param attemptList every attempt, oldest first
 */
public record DeliveryView(
    UUID id,
    UUID eventId,
    long eventSequence,
    String eventType,
    String workItemId,
    String destination,
    String connector,
    @Nullable String orderingKey,
    String status,
    int attempts,
    int replays,
    @Nullable Instant nextAttemptAt,
    @Nullable Instant leasedUntil,
    boolean uncertain,
    @Nullable String lastError,
    Instant createdAt,
    @Nullable Instant deliveredAt,
    List<AttemptView> attemptList) {

  /**
   * One attempt.
   *
   * @param n 1 for the first attempt
   * @param outcome {@code delivered}, {@code transient}, {@code permanent}, {@code skipped}; null
   *     while it runs or when the node sending it stopped
   * @param statusCode the destination's HTTP status, when there was one
   * @param excerpt the start of the destination's answer, at most about 1 KB
   */
  public record AttemptView(
      int n,
      Instant startedAt,
      @Nullable Long latencyMs,
      @Nullable Integer statusCode,
      @Nullable String outcome,
      @Nullable String errorClass,
      @Nullable String errorMessage,
      @Nullable String excerpt) {}
}
