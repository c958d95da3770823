package dev.baton.delivery;

import org.jspecify.annotations.Nullable;

/** Request bodies of the deliveries API. */
public final class DeliveryRequests {

  private DeliveryRequests() {}

  /**
   * Which deliveries a bulk replay or discard applies to; at least one member must be set.
   *
   * @param status a delivery status; replay applies only to dead, discarded, delivered and skipped
   *     ones, discard only to pending and dead ones
   * @param from created at or after (ISO-8601 instant)
   * @param to created before (ISO-8601 instant)
   */
  public record Filter(
      @Nullable String status,
      @Nullable String destination,
      @Nullable String workItem,
      @Nullable String from,
      @Nullable String to) {}

  /**
   * An event replay.
   *
   * @param destination only this destination; every destination when absent
   */
  public record EventReplay(@Nullable String destination) {}

  /** How many deliveries a bulk replay made pending again. */
  public record Replayed(int replayed) {}

  /** How many deliveries a bulk discard ended. */
  public record Discarded(int discarded) {}

  /**
   * What an event replay did.
   *
   * @param created deliveries planned anew (a destination the event had no delivery to)
   * @param reset deliveries made pending again
   * @param unchanged deliveries left alone because they were still pending
   */
  public record EventReplayed(int created, int reset, int unchanged) {}
}
