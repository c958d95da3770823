package dev.baton.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.Connector.Outcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {

  static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void readsAnHttpDate() {
    assertThat(RetryAfter.parse("Mon, 02 Mar 2026 09:01:30 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(RetryAfter.parse("Mon, 02 Mar 2026 08:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertThat(RetryAfter.parse(null, NOW)).isNull();
    assertThat(RetryAfter.parse("", NOW)).isNull();
    assertThat(RetryAfter.parse("soon", NOW)).isNull();
    assertThat(RetryAfter.parse("-5", NOW)).isNull();
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isNull();
  }

  @ParameterizedTest(name = "HTTP {0} is {1}")
  @CsvSource({
    "200, Delivered",
    "204, Delivered",
    "408, Transient",
    "425, Transient",
    "429, Transient",
    "500, Transient",
    "503, Transient",
    "301, Permanent",
    "400, Permanent",
    "401, Permanent",
    "404, Permanent",
    "410, Permanent",
    "413, Permanent"
  })
  void statusesMapToOutcomes(int status, String outcome) {
    assertThat(ResponseOutcomes.of(status, null, "", NOW).getClass().getSimpleName())
        .isEqualTo(outcome);
  }

  @Test
  void aTransientAnswerCarriesItsRetryAfter() {
    Outcome outcome = ResponseOutcomes.of(429, "30", "slow down", NOW);
    assertThat(outcome)
        .isEqualTo(
            new Outcome.Transient(429, "HTTP 429", false, Duration.ofSeconds(30), "slow down"));
  }
}
