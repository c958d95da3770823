package dev.baton.delivery.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per Slack channel (Slack allows about one message per second per channel). An
 * empty bucket does not make the caller sleep: it says how long until the next token, and the
 * connector answers transient with that wait so the dispatcher retries then.
 */
final class ChannelBuckets {

  /** Beyond this many channels, full buckets are forgotten (they would start full again). */
  private static final int MAX_REMEMBERED = 10_000;

  private final Clock clock;
  private final double perSecond;
  private final int capacity;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  ChannelBuckets(Clock clock, double perSecond, int capacity) {
    if (perSecond <= 0 || capacity < 1) {
      throw new IllegalArgumentException("a bucket needs a positive rate and room for a message");
    }
    this.clock = clock;
    this.perSecond = perSecond;
    this.capacity = capacity;
  }

  /** Takes a token for {@code channel}; when none is left, the wait until the next one. */
  Optional<Duration> take(String channel) {
    if (buckets.size() > MAX_REMEMBERED) {
      forgetFull();
    }
    long now = clock.millis();
    Bucket bucket = buckets.computeIfAbsent(channel, c -> new Bucket(capacity, now));
    synchronized (bucket) {
      bucket.refill(now, perSecond, capacity);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return Optional.empty();
      }
      long millis = (long) Math.ceil((1 - bucket.tokens) * 1000 / perSecond);
      return Optional.of(Duration.ofMillis(Math.max(1, millis)));
    }
  }

  private void forgetFull() {
    long now = clock.millis();
    buckets
        .entrySet()
        .removeIf(
            e -> {
              synchronized (e.getValue()) {
                e.getValue().refill(now, perSecond, capacity);
                return e.getValue().tokens >= capacity;
              }
            });
  }

  private static final class Bucket {
    private double tokens;
    private long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    void refill(long now, double perSecond, int capacity) {
      if (now > at) {
        tokens = Math.min(capacity, tokens + (now - at) * perSecond / 1000);
        at = now;
      }
    }
  }
}
