package dev.baton.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static RetryPolicy policy(double random) {
    return new RetryPolicy(DeliveryProperties.DEFAULTS, () -> random);
  }

  @Test
  void theFirstAttemptIsImmediate() {
    assertThat(policy(0.99).firstWait("webhook:x")).isZero();
  }

  @Test
  void eachFailedAttemptWaitsTheNextStepWithinTwentyPercent() {
    List<Duration> schedule = DeliveryProperties.SCHEDULE;
    for (int failed = 1; failed < schedule.size(); failed++) {
      Duration step = schedule.get(failed);
      Duration low = policy(0).nextWait("webhook:x", failed, null).orElseThrow();
      Duration middle = policy(0.5).nextWait("webhook:x", failed, null).orElseThrow();
      Duration high = policy(1).nextWait("webhook:x", failed, null).orElseThrow();
      assertThat(low).isEqualTo(Duration.ofMillis(Math.round(step.toMillis() * 0.8)));
      assertThat(middle).isEqualTo(step);
      assertThat(high).isEqualTo(Duration.ofMillis(Math.round(step.toMillis() * 1.2)));
    }
  }

  @Test
  void theScheduleEndsAfterItsLastStep() {
    int attempts = DeliveryProperties.SCHEDULE.size();
    assertThat(policy(0.5).nextWait("webhook:x", attempts - 1, null)).isPresent();
    assertThat(policy(0.5).nextWait("webhook:x", attempts, null)).isEmpty();
    assertThat(policy(0.5).nextWait("webhook:x", attempts, Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void retryAfterReplacesTheStepWithinBoundsAndWithoutJitter() {
    RetryPolicy policy = policy(1);
    assertThat(policy.nextWait("jira:x", 1, Duration.ofSeconds(90)))
        .contains(Duration.ofSeconds(90));
    assertThat(policy.nextWait("jira:x", 1, Duration.ZERO)).contains(Duration.ofSeconds(1));
    assertThat(policy.nextWait("jira:x", 1, Duration.ofDays(3))).contains(Duration.ofHours(24));
  }

  @Test
  void theLongestMatchingPrefixChoosesTheSchedule() {
    DeliveryProperties settings =
        new DeliveryProperties(
            true,
            DeliveryProperties.WORKERS,
            DeliveryProperties.POLL_INTERVAL,
            DeliveryProperties.LEASE_TIME,
            DeliveryProperties.STOP_TIMEOUT,
            DeliveryProperties.SCHEDULE,
            0.0,
            DeliveryProperties.MAX_RETRY_AFTER,
            DeliveryProperties.MIN_RETRY_AFTER,
            Map.of(
                "slack:", List.of(Duration.ZERO, Duration.ofSeconds(1)),
                "slack:T1:", List.of(Duration.ofSeconds(2))));
    RetryPolicy policy = new RetryPolicy(settings, () -> 0.5);
    assertThat(policy.scheduleFor("slack:T2:C1")).hasSize(2);
    assertThat(policy.firstWait("slack:T1:C1")).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.nextWait("slack:T1:C1", 1, null)).isEmpty();
    assertThat(policy.scheduleFor("webhook:1")).isEqualTo(DeliveryProperties.SCHEDULE);
  }
}
