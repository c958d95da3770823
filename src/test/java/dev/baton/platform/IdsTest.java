package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idsAreVersion7WithTheClocksMillisecondsInFront() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00.123Z"), ZoneOffset.UTC);
    UUID id = Ids.newId(clock);
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
  }

  @Test
  void laterIdsSortAfterEarlierOnes() {
    UUID earlier = Ids.newId(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    UUID later = Ids.newId(Clock.fixed(Instant.parse("2026-11-23T10:00:01Z"), ZoneOffset.UTC));
    assertThat(earlier.toString()).isLessThan(later.toString());
  }
}
