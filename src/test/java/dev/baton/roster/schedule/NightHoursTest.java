package dev.baton.roster.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class NightHoursTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void anOrdinaryNightIsNineHoursInThePersonsZone() {
    // Berlin is UTC+1 in November: 22:00-07:00 local is 21:00-06:00 UTC
    Duration night =
        NightHours.of(
            List.of(shift("2026-11-10T12:00:00Z", "2026-11-11T12:00:00Z")),
            BERLIN,
            Instant.parse("2026-11-10T00:00:00Z"),
            Instant.parse("2026-11-12T00:00:00Z"));
    assertThat(night).isEqualTo(Duration.ofHours(9));
  }

  @Test
  void theNightTheClocksGoBackIsTenHoursAndTheNightTheyGoForwardEight() {
    Instant from = Instant.parse("2026-10-24T12:00:00Z");
    Instant to = Instant.parse("2026-10-25T12:00:00Z");
    assertThat(NightHours.of(List.of(shift(from, to)), BERLIN, from, to))
        .isEqualTo(Duration.ofHours(10));
    Instant spring = Instant.parse("2026-03-28T12:00:00Z");
    Instant after = Instant.parse("2026-03-29T12:00:00Z");
    assertThat(NightHours.of(List.of(shift(spring, after)), BERLIN, spring, after))
        .isEqualTo(Duration.ofHours(8));
  }

  @Test
  void overlappingShiftsCountOnceAndThePeriodClipsThem() {
    List<Shift> shifts =
        List.of(
            shift("2026-11-10T20:00:00Z", "2026-11-11T02:00:00Z"),
            shift("2026-11-11T00:00:00Z", "2026-11-11T10:00:00Z"),
            shift("2026-11-09T00:00:00Z", "2026-11-09T01:00:00Z"));
    // on call 20:00Z-10:00Z; the night is 21:00Z-06:00Z; the period ends at 03:00Z
    Duration night =
        NightHours.of(
            shifts,
            BERLIN,
            Instant.parse("2026-11-10T00:00:00Z"),
            Instant.parse("2026-11-11T03:00:00Z"));
    assertThat(night).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void daytimeCoverHasNoNightHours() {
    Duration night =
        NightHours.of(
            List.of(shift("2026-11-10T08:00:00Z", "2026-11-10T20:00:00Z")),
            BERLIN,
            Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-11-30T00:00:00Z"));
    assertThat(night).isZero();
  }

  private static Shift shift(String start, String end) {
    return shift(Instant.parse(start), Instant.parse(end));
  }

  private static Shift shift(Instant start, Instant end) {
    return new Shift("ana", start, end, "primary", Shift.ROTATION);
  }
}
