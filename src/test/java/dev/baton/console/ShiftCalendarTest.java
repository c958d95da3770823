package dev.baton.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.roster.ShiftView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShiftCalendarTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void daysFollowTheScheduleZoneAcrossTheEndOfDaylightSavingTime() {
    // 2026-11-01: New York goes from EDT (-4) to EST (-5) at 02:00 local; that day has 25 hours
    LocalDate first = LocalDate.of(2026, 10, 31);
    Instant start = ShiftCalendar.start(NEW_YORK, first);
    assertThat(start).isEqualTo(Instant.parse("2026-10-31T04:00:00Z"));
    assertThat(ShiftCalendar.end(NEW_YORK, first, 3))
        .isEqualTo(Instant.parse("2026-11-03T05:00:00Z"));
    List<ShiftView> shifts =
        List.of(
            // a hand-off at 10:00 local each day
            shift("ana", "2026-10-30T14:00:00Z", "2026-10-31T14:00:00Z"),
            shift("bo", "2026-10-31T14:00:00Z", "2026-11-01T15:00:00Z"),
            shift("ana", "2026-11-01T15:00:00Z", "2026-11-02T15:00:00Z"),
            shift("bo", "2026-11-02T15:00:00Z", "2026-11-03T15:00:00Z"));

    List<ShiftCalendar.Day> days = ShiftCalendar.of(NEW_YORK, first, 3, shifts);

    assertThat(days).extracting(ShiftCalendar.Day::hours).containsExactly(24L, 25L, 24L);
    assertThat(days.get(0).covers())
        .extracting(c -> c.from() + "-" + c.until() + " " + c.person())
        .containsExactly("00:00-10:00 ana", "10:00-24:00 bo");
    // the hand-off is still at 10:00 wall-clock time after the clocks went back
    assertThat(days.get(1).covers())
        .extracting(c -> c.from() + "-" + c.until() + " " + c.person())
        .containsExactly("00:00-10:00 bo", "10:00-24:00 ana");
    assertThat(days.get(2).covers())
        .extracting(c -> c.from() + "-" + c.until() + " " + c.person())
        .containsExactly("00:00-10:00 ana", "10:00-24:00 bo");
    assertThat(days.get(1).label()).isEqualTo("Sun 2026-11-01");
  }

  @Test
  void aDayWithNobodyOnCallHasNoCovers() {
    LocalDate first = LocalDate.of(2026, 11, 23);
    List<ShiftCalendar.Day> days =
        ShiftCalendar.of(
            NEW_YORK,
            first,
            2,
            List.of(shift("ana", "2026-11-24T05:00:00Z", "2026-11-24T17:00:00Z")));
    assertThat(days.get(0).covers()).isEmpty();
    assertThat(days.get(1).covers())
        .extracting(c -> c.from() + "-" + c.until())
        .containsExactly("00:00-12:00");
  }

  private static ShiftView shift(String person, String start, String end) {
    return new ShiftView(person, Instant.parse(start), Instant.parse(end), "primary", "rotation");
  }
}
