package dev.baton.delivery.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-channel token bucket, on a clock the test moves. */
class ChannelBucketsTest {

  final TestClock clock = new TestClock();

  @Test
  void oneMessageASecondPerChannel() {
    ChannelBuckets buckets = new ChannelBuckets(clock, 1.0, 1);

    assertThat(buckets.take("C1")).isEmpty();
    assertThat(buckets.take("C1")).contains(Duration.ofSeconds(1));
    clock.advance(Duration.ofMillis(400));
    assertThat(buckets.take("C1")).contains(Duration.ofMillis(600));
    clock.advance(Duration.ofMillis(600));
    assertThat(buckets.take("C1")).isEmpty();
  }

  @Test
  void channelsDoNotShareABucket() {
    ChannelBuckets buckets = new ChannelBuckets(clock, 1.0, 1);

    assertThat(buckets.take("C1")).isEmpty();
    assertThat(buckets.take("C2")).isEmpty();
    assertThat(buckets.take("C1")).isPresent();
  }

  @Test
  void aBurstIsAllowedThenTheRateHolds() {
    ChannelBuckets buckets = new ChannelBuckets(clock, 2.0, 3);

    assertThat(buckets.take("C1")).isEmpty();
    assertThat(buckets.take("C1")).isEmpty();
    assertThat(buckets.take("C1")).isEmpty();
    assertThat(buckets.take("C1")).contains(Duration.ofMillis(500));
    clock.advance(Duration.ofSeconds(10));
    // a long pause refills only up to the burst
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.take("C1")).isEmpty();
    }
    assertThat(buckets.take("C1")).isPresent();
  }
}
