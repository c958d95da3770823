package dev.baton.delivery.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it. It starts at the real time, because receivers
 * verify signatures with the Standard Webhooks library, which checks the timestamp against the wall
 * clock.
 */
final class WebhookClock extends Clock {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the test clock is UTC");
  }

  @Override
  public Instant instant() {
    return java.util.Objects.requireNonNull(now.get());
  }

  void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  void reset() {
    now.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }
}
