package dev.baton.roster.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-offs on the nights of 2026 when the clocks change, in three zones on both hemispheres. */
class HandOffsAcrossDstTest {

  private final OnCall onCall = new OnCall();

  static Stream<Arguments> changeNights() {
    return Stream.of(
        // zone, hand-off time, night, where the hand-off happens, length of the shift it ends
        //   and of the one it starts
        row("Europe/Berlin", "02:30", "2026-03-29", "2026-03-29T01:00:00Z", "PT23H30M", "PT23H30M"),
        row("Europe/Berlin", "09:00", "2026-03-29", "2026-03-29T07:00:00Z", "PT23H", "PT24H"),
        row("Europe/Berlin", "02:30", "2026-10-25", "2026-10-25T00:30:00Z", "PT24H", "PT25H"),
        row("Europe/Berlin", "09:00", "2026-10-25", "2026-10-25T08:00:00Z", "PT25H", "PT24H"),
        row(
            "America/New_York",
            "02:30",
            "2026-03-08",
            "2026-03-08T07:00:00Z",
            "PT23H30M",
            "PT23H30M"),
        row("America/New_York", "09:00", "2026-03-08", "2026-03-08T13:00:00Z", "PT23H", "PT24H"),
        row("America/New_York", "01:30", "2026-11-01", "2026-11-01T05:30:00Z", "PT24H", "PT25H"),
        row("America/New_York", "09:00", "2026-11-01", "2026-11-01T14:00:00Z", "PT25H", "PT24H"),
        row("Australia/Sydney", "02:30", "2026-04-05", "2026-04-04T15:30:00Z", "PT24H", "PT25H"),
        row("Australia/Sydney", "09:00", "2026-04-05", "2026-04-04T23:00:00Z", "PT25H", "PT24H"),
        row(
            "Australia/Sydney",
            "02:30",
            "2026-10-04",
            "2026-10-03T16:00:00Z",
            "PT23H30M",
            "PT23H30M"),
        row("Australia/Sydney", "09:00", "2026-10-04", "2026-10-03T22:00:00Z", "PT23H", "PT24H"));
  }

  private static Arguments row(
      String zone, String time, String night, String at, String before, String after) {
    return Arguments.of(
        zone,
        LocalTime.parse(time),
        LocalDate.parse(night),
        Instant.parse(at),
        Duration.parse(before),
        Duration.parse(after));
  }

  @ParameterizedTest(name = "{0} daily {1} on {2}: hands off at {3}")
  @MethodSource("changeNights")
  void dailyHandOffOnAChangeNightHappensAtTheLocalTimeOrJustAfterTheGap(
      String zone,
      LocalTime time,
      LocalDate night,
      Instant handOff,
      Duration endingShift,
      Duration startingShift) {
    Schedule schedule =
        new Schedule(
            "s",
            ZoneId.of(zone),
            List.of(Rotation.daily("day", time, night.minusDays(10), List.of("a", "b"))));

    List<Shift> shifts =
        onCall.between(
            schedule, handOff.minus(Duration.ofHours(12)), handOff.plusSeconds(1), List.of());

    assertThat(shifts).hasSize(2);
    assertThat(shifts.get(1).start()).isEqualTo(handOff);
    Shift ending = onCall.at(schedule, handOff.minusSeconds(1), List.of()).orElseThrow();
    Shift starting = onCall.at(schedule, handOff, List.of()).orElseThrow();
    assertThat(ending.duration()).isEqualTo(endingShift);
    assertThat(starting.duration()).isEqualTo(startingShift);
    assertThat(List.of(ending.person(), starting.person())).containsExactly("b", "a");
  }

  @Test
  void berlinDailyHalfPastTwoOnTheSpringForwardNightHandsOffAtThree() {
    Schedule schedule =
        new Schedule(
            "s",
            ZoneId.of("Europe/Berlin"),
            List.of(
                Rotation.daily(
                    "day", LocalTime.of(2, 30), LocalDate.of(2026, 3, 28), List.of("a", "b"))));

    Shift second = onCall.at(schedule, Instant.parse("2026-03-29T01:00:00Z"), List.of()).get();

    assertThat(second.person()).isEqualTo("b");
    assertThat(second.start().atZone(schedule.zone()).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
    assertThat(second.end().atZone(schedule.zone()).toLocalTime()).isEqualTo(LocalTime.of(2, 30));
  }

  @Test
  void twelveHourTurnsStayAtEightAndEightInBerlinAcrossBothChanges() {
    Schedule schedule =
        new Schedule(
            "s",
            ZoneId.of("Europe/Berlin"),
            List.of(
                Rotation.everyHours(
                    "follow-the-sun",
                    12,
                    LocalTime.of(8, 0),
                    LocalDate.of(2026, 3, 1),
                    List.of("day", "night"))));

    Shift spring = onCall.at(schedule, Instant.parse("2026-03-29T00:00:00Z"), List.of()).get();
    Shift autumn = onCall.at(schedule, Instant.parse("2026-10-25T00:00:00Z"), List.of()).get();

    assertThat(spring.person()).isEqualTo("night");
    assertThat(spring.start()).isEqualTo(Instant.parse("2026-03-28T19:00:00Z"));
    assertThat(spring.duration()).isEqualTo(Duration.ofHours(11));
    assertThat(autumn.person()).isEqualTo("night");
    assertThat(autumn.start()).isEqualTo(Instant.parse("2026-10-24T18:00:00Z"));
    assertThat(autumn.duration()).isEqualTo(Duration.ofHours(13));
  }

  @Test
  void anHourlyTurnThatFallsWhollyInTheGapIsSkipped() {
    Schedule schedule =
        new Schedule(
            "s",
            ZoneId.of("Europe/Berlin"),
            List.of(
                Rotation.everyHours(
                    "hourly",
                    1,
                    LocalTime.MIDNIGHT,
                    LocalDate.of(2026, 3, 29),
                    List.of("a", "b", "c"))));

    List<Shift> shifts =
        onCall.between(
            schedule,
            Instant.parse("2026-03-29T00:00:00Z"),
            Instant.parse("2026-03-29T02:00:00Z"),
            List.of());

    // 01:00 CET is b's; c's 02:00 does not exist and 03:00 CEST is a's, so c has no turn
    assertThat(shifts).extracting(Shift::person).containsExactly("b", "a");
    assertThat(shifts.get(1).start()).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
  }

  @Test
  void weeklyHandOffInTheFallBackHourHappensTheFirstTimeTheClockShowsIt() {
    Schedule schedule =
        new Schedule(
            "s",
            ZoneId.of("America/New_York"),
            List.of(
                Rotation.weekly(
                    "w",
                    java.time.DayOfWeek.SUNDAY,
                    LocalTime.of(1, 30),
                    LocalDate.of(2026, 10, 1),
                    List.of("a", "b"))));

    Shift shift = onCall.at(schedule, Instant.parse("2026-11-01T06:00:00Z"), List.of()).get();

    assertThat(shift.start()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    assertThat(shift.duration()).isEqualTo(Duration.ofDays(7).plusHours(1));
  }
}
