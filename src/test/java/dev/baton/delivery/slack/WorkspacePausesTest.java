package dev.baton.delivery.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Slack's 429 waits, per integration, on a clock the test moves. */
class WorkspacePausesTest {

  final TestClock clock = new TestClock();
  final WorkspacePauses pauses = new WorkspacePauses(clock);
  final UUID acme = UUID.randomUUID();
  final UUID globex = UUID.randomUUID();

  @Test
  void aWaitHoldsEverySendOfTheIntegrationUntilItPasses() {
    assertThat(pauses.remaining(acme)).isEmpty();

    pauses.limited(acme, Duration.ofSeconds(30));

    assertThat(pauses.remaining(acme)).contains(Duration.ofSeconds(30));
    assertThat(pauses.remaining(globex)).isEmpty();
    clock.advance(Duration.ofSeconds(29));
    assertThat(pauses.remaining(acme)).contains(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(pauses.remaining(acme)).isEmpty();
  }

  @Test
  void aShorterLaterWaitDoesNotCutALongerOneShort() {
    pauses.limited(acme, Duration.ofSeconds(60));
    clock.advance(Duration.ofSeconds(10));

    pauses.limited(acme, Duration.ofSeconds(5));

    assertThat(pauses.remaining(acme)).contains(Duration.ofSeconds(50));
  }
}
