package dev.baton.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code baton.delivery.*}: how the dispatcher sends planned deliveries.
 *
 * @param dispatch whether this node runs the dispatcher (default true); false for a node that only
 *     serves the API, or a test that drives a connector by hand
 * @param workers deliveries sent at once by this node (default 4, virtual threads)
 * @param pollInterval how often idle workers look for due deliveries when no commit wakes them
 *     (default 1s); this also picks up retries that come due and rows planned on other nodes
 * @param leaseTime how long a claimed delivery is held by the node sending it (default 5m); it must
 *     exceed every connector's own timeout, since after it another node may take the row
 * @param stopTimeout how long a shutdown waits for attempts in flight before releasing their leases
 *     (default 20s)
 * @param schedule the wait before each attempt, the first usually zero; after the last attempt a
 *     delivery is dead (default immediately, 5s, 5m, 30m, 2h, 5h, 10h, 14h, 20h, 24h)
 * @param jitter the random share added to or taken from each wait (default 0.2, i.e. ±20 %)
 * @param maxRetryAfter the longest {@code Retry-After} honoured (default 24h); longer is cut
 * @param minRetryAfter the shortest {@code Retry-After} honoured (default 1s)
 * @param schedules schedules for destinations starting with a prefix, e.g. {@code slack:} or {@code
 *     webhook:0190…}; the longest matching prefix wins
 */
@ConfigurationProperties("baton.delivery")
record DeliveryProperties(
    Boolean dispatch,
    Integer workers,
    Duration pollInterval,
    Duration leaseTime,
    Duration stopTimeout,
    List<Duration> schedule,
    Double jitter,
    Duration maxRetryAfter,
    Duration minRetryAfter,
    Map<String, List<Duration>> schedules) {

  static final int WORKERS = 4;
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  static final Duration LEASE_TIME = Duration.ofMinutes(5);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  static final List<Duration> SCHEDULE =
      List.of(
          Duration.ZERO,
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          Duration.ofHours(5),
          Duration.ofHours(10),
          Duration.ofHours(14),
          Duration.ofHours(20),
          Duration.ofHours(24));
  static final double JITTER = 0.2;
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
  static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

  static final DeliveryProperties DEFAULTS =
      new DeliveryProperties(
          true,
          WORKERS,
          POLL_INTERVAL,
          LEASE_TIME,
          STOP_TIMEOUT,
          SCHEDULE,
          JITTER,
          MAX_RETRY_AFTER,
          MIN_RETRY_AFTER,
          Map.of());

  DeliveryProperties {
    dispatch = dispatch == null ? Boolean.TRUE : dispatch;
    workers = workers == null ? WORKERS : workers;
    pollInterval = pollInterval == null ? POLL_INTERVAL : pollInterval;
    leaseTime = leaseTime == null ? LEASE_TIME : leaseTime;
    stopTimeout = stopTimeout == null ? STOP_TIMEOUT : stopTimeout;
    schedule = schedule == null || schedule.isEmpty() ? SCHEDULE : List.copyOf(schedule);
    jitter = jitter == null ? JITTER : jitter;
    maxRetryAfter = maxRetryAfter == null ? MAX_RETRY_AFTER : maxRetryAfter;
    minRetryAfter = minRetryAfter == null ? MIN_RETRY_AFTER : minRetryAfter;
    schedules = schedules == null ? Map.of() : Map.copyOf(schedules);
    if (workers < 1) {
      throw new IllegalArgumentException("baton.delivery.workers must be at least 1");
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("baton.delivery.jitter must be in [0, 1), e.g. 0.2");
    }
    if (leaseTime.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("baton.delivery.lease-time must be at least 1s");
    }
    if (minRetryAfter.compareTo(maxRetryAfter) > 0) {
      throw new IllegalArgumentException(
          "baton.delivery.min-retry-after must not exceed max-retry-after");
    }
    schedules
        .values()
        .forEach(
            s -> {
              if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException(
                    "every baton.delivery.schedules entry needs a wait");
              }
            });
  }
}
