package dev.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

  // Berlin moves from CET (UTC+1) to CEST (UTC+2) on Sunday 2026-03-29
  static final BusinessCalendar BERLIN =
      new BusinessCalendar(
          ZoneId.of("Europe/Berlin"),
          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
          LocalTime.of(9, 0),
          LocalTime.of(17, 0));

  @Test
  void workingTimeCarriesOverTheWeekendAndTheDstChange() {
    Instant fridayFourPm = Instant.parse("2026-03-27T15:00:00Z"); // 16:00 CET
    // one hour on Friday, then Monday from 09:00 CEST (07:00Z)
    assertThat(BERLIN.plus(fridayFourPm, Duration.ofHours(8)))
        .isEqualTo(Instant.parse("2026-03-30T14:00:00Z")); // 16:00 CEST
    assertThat(BERLIN.plus(fridayFourPm, Duration.ofMinutes(384)))
        .isEqualTo(Instant.parse("2026-03-30T12:24:00Z")); // 80 % of 8 h
  }

  @Test
  void timeOutsideWorkingHoursDoesNotCount() {
    Instant saturday = Instant.parse("2026-03-07T10:00:00Z");
    assertThat(BERLIN.plus(saturday, Duration.ofMinutes(30)))
        .isEqualTo(Instant.parse("2026-03-09T08:30:00Z")); // Monday 09:30 CET
    Instant tuesdayNight = Instant.parse("2026-03-03T20:00:00Z");
    assertThat(BERLIN.plus(tuesdayNight, Duration.ofHours(8)))
        .isEqualTo(Instant.parse("2026-03-04T16:00:00Z")); // the whole of Wednesday
  }

  @Test
  void aSpanEndingAtClosingTimeEndsThatDay() {
    Instant mondayNine = Instant.parse("2026-03-02T08:00:00Z");
    assertThat(BERLIN.plus(mondayNine, Duration.ofHours(8)))
        .isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
  }
}
