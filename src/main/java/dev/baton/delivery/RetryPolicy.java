package dev.baton.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * When a delivery that failed transiently is tried again, or that it is dead. Pure: the random
 * source is passed in, so the jitter bounds are unit-tested.
 *
 * <p>The schedule lists the wait before each attempt of a round (a round starts when a delivery is
 * planned or replayed); the first wait is the one after planning, usually zero. After attempt
 * {@code k} of a round failed, the wait is the schedule's entry {@code k} with ±jitter; when the
 * schedule has no entry {@code k}, the delivery is dead. A destination's own {@code Retry-After}
 * replaces that wait, cut to [{@code minRetryAfter}, {@code maxRetryAfter}] and without jitter (the
 * destination named the time); it still counts as an attempt, so a destination that keeps asking to
 * wait ends dead like any other.
 */
@Component
class RetryPolicy {

  private final List<Duration> schedule;
  private final Map<String, List<Duration>> byPrefix;
  private final double jitter;
  private final Duration minRetryAfter;
  private final Duration maxRetryAfter;
  private final DoubleSupplier random;

  @Autowired
  RetryPolicy(DeliveryProperties settings) {
    this(settings, () -> ThreadLocalRandom.current().nextDouble());
  }

  RetryPolicy(DeliveryProperties settings, DoubleSupplier random) {
    this.schedule = settings.schedule();
    this.byPrefix = settings.schedules();
    this.jitter = settings.jitter();
    this.minRetryAfter = settings.minRetryAfter();
    this.maxRetryAfter = settings.maxRetryAfter();
    this.random = random;
  }

  /** The schedule for a destination: the longest matching prefix's, else the default. */
  List<Duration> scheduleFor(String destination) {
    String best = null;
    for (String prefix : byPrefix.keySet()) {
      if (destination.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? schedule : java.util.Objects.requireNonNull(byPrefix.get(best));
  }

  /** The wait before the first attempt of a round. */
  Duration firstWait(String destination) {
    return jittered(scheduleFor(destination).get(0));
  }

  /**
   * The wait before the next attempt after {@code failedAttempts} attempts of this round failed,
   * empty when the schedule is exhausted (the delivery is dead).
   */
  Optional<Duration> nextWait(
      String destination, int failedAttempts, @Nullable Duration retryAfter) {
    List<Duration> steps = scheduleFor(destination);
    if (failedAttempts >= steps.size()) {
      return Optional.empty();
    }
    if (retryAfter != null) {
      return Optional.of(clamp(retryAfter));
    }
    return Optional.of(jittered(steps.get(failedAttempts)));
  }

  private Duration clamp(Duration retryAfter) {
    if (retryAfter.compareTo(minRetryAfter) < 0) {
      return minRetryAfter;
    }
    return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
  }

  private Duration jittered(Duration step) {
    if (step.isZero() || jitter == 0) {
      return step;
    }
    double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.round(step.toMillis() * factor));
  }
}
