package dev.baton.roster.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.platform.BatonException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is on call: the design's example, overrides, time-off cover, layers and the limits. */
class OnCallTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** DESIGN.md section 8: {@code kind: Schedule}, {@code platform-oncall}. */
  private static final Schedule PLATFORM_ONCALL =
      new Schedule(
          "platform-oncall",
          NEW_YORK,
          List.of(
              Rotation.weekly(
                  "primary",
                  DayOfWeek.MONDAY,
                  LocalTime.of(10, 0),
                  LocalDate.of(2026, 1, 5),
                  List.of("alice", "bob"))));

  private final OnCall onCall = new OnCall();

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  private String who(Schedule s, String instant, TimeOff... off) {
    return onCall.at(s, at(instant), List.of(off)).map(Shift::person).orElse("nobody");
  }

  @Test
  void designExampleHandsOffAtTenNewYorkTimeTheMondayAfterClocksGoForward() {
    assertThat(who(PLATFORM_ONCALL, "2026-03-09T13:59:00Z")).isEqualTo("alice");
    assertThat(who(PLATFORM_ONCALL, "2026-03-09T14:01:00Z")).isEqualTo("bob");
    Shift bob = onCall.at(PLATFORM_ONCALL, at("2026-03-09T14:01:00Z"), List.of()).get();
    assertThat(bob)
        .isEqualTo(
            new Shift(
                "bob",
                at("2026-03-09T14:00:00Z"),
                at("2026-03-16T14:00:00Z"),
                "primary",
                "rotation"));
  }

  @Test
  void designExampleHandsOffAnHourLaterInUtcTheMondayAfterClocksGoBack() {
    assertThat(who(PLATFORM_ONCALL, "2026-11-02T14:01:00Z")).isEqualTo("alice");
    assertThat(who(PLATFORM_ONCALL, "2026-11-02T14:59:00Z")).isEqualTo("alice");
    assertThat(who(PLATFORM_ONCALL, "2026-11-02T15:00:00Z")).isEqualTo("bob");
    Shift alice = onCall.at(PLATFORM_ONCALL, at("2026-11-02T14:59:00Z"), List.of()).get();
    assertThat(alice.start()).isEqualTo(at("2026-10-26T14:00:00Z"));
    assertThat(alice.duration()).isEqualTo(Duration.ofDays(7).plusHours(1));
  }

  @Test
  void nobodyIsOnCallBeforeTheFirstHandOffOnOrAfterTheStartDate() {
    Schedule wednesdayStart =
        new Schedule(
            "s",
            NEW_YORK,
            List.of(
                Rotation.weekly(
                    "primary",
                    DayOfWeek.MONDAY,
                    LocalTime.of(10, 0),
                    LocalDate.of(2026, 1, 7),
                    List.of("alice", "bob"))));

    assertThat(who(wednesdayStart, "2026-01-10T12:00:00Z")).isEqualTo("nobody");
    assertThat(who(wednesdayStart, "2026-01-12T14:59:00Z")).isEqualTo("nobody");
    assertThat(who(wednesdayStart, "2026-01-12T15:00:00Z")).isEqualTo("alice");
  }

  @Test
  void anOverrideWinsForItsPeriodAndTheTurnResumesAfterIt() {
    Schedule s =
        PLATFORM_ONCALL.withOverrides(
            List.of(
                new ScheduleOverride(
                    "carol", at("2026-03-10T00:00:00Z"), at("2026-03-11T00:00:00Z"), "swap")));

    List<Shift> shifts =
        onCall.between(s, at("2026-03-09T14:00:00Z"), at("2026-03-12T00:00:00Z"), List.of());

    assertThat(shifts)
        .containsExactly(
            new Shift(
                "bob",
                at("2026-03-09T14:00:00Z"),
                at("2026-03-10T00:00:00Z"),
                "primary",
                "rotation"),
            new Shift(
                "carol",
                at("2026-03-10T00:00:00Z"),
                at("2026-03-11T00:00:00Z"),
                "override",
                "override"),
            new Shift(
                "bob",
                at("2026-03-11T00:00:00Z"),
                at("2026-03-12T00:00:00Z"),
                "primary",
                "rotation"));
  }

  @Test
  void theLaterOfTwoOverlappingOverridesWins() {
    Schedule s =
        PLATFORM_ONCALL.withOverrides(
            List.of(
                new ScheduleOverride(
                    "carol", at("2026-03-10T00:00:00Z"), at("2026-03-10T12:00:00Z"), null),
                new ScheduleOverride(
                    "dave", at("2026-03-10T06:00:00Z"), at("2026-03-10T08:00:00Z"), null)));

    List<Shift> shifts =
        onCall.between(s, at("2026-03-10T00:00:00Z"), at("2026-03-10T12:00:00Z"), List.of());

    assertThat(shifts).extracting(Shift::person).containsExactly("carol", "dave", "carol");
    assertThat(shifts).extracting(Shift::end).contains(at("2026-03-10T06:00:00Z"));
  }

  @Test
  void aParticipantOnTimeOffIsCoveredByTheNextOneForTheOverlapOnly() {
    Schedule s = threePeopleDaily();
    TimeOff bobAway = new TimeOff("b", at("2026-05-02T12:00:00Z"), at("2026-05-02T18:00:00Z"));

    List<Shift> shifts =
        onCall.between(s, at("2026-05-02T09:00:00Z"), at("2026-05-03T09:00:00Z"), List.of(bobAway));

    assertThat(shifts)
        .containsExactly(
            new Shift(
                "b", at("2026-05-02T09:00:00Z"), at("2026-05-02T12:00:00Z"), "day", "rotation"),
            new Shift(
                "c",
                at("2026-05-02T12:00:00Z"),
                at("2026-05-02T18:00:00Z"),
                "day",
                "covering b (time off)"),
            new Shift(
                "b", at("2026-05-02T18:00:00Z"), at("2026-05-03T09:00:00Z"), "day", "rotation"));
  }

  @Test
  void coverWrapsAroundAndSkipsAnyoneElseAway() {
    Schedule s = threePeopleDaily();
    List<TimeOff> away =
        List.of(
            new TimeOff("c", at("2026-05-01T00:00:00Z"), at("2026-05-10T00:00:00Z")),
            new TimeOff("a", at("2026-05-03T00:00:00Z"), at("2026-05-04T00:00:00Z")));

    // 3 May is c's turn; c is away, a (next, wrapping) too, so b covers
    Shift shift = onCall.at(s, at("2026-05-03T10:00:00Z"), away).get();

    assertThat(shift.person()).isEqualTo("b");
    assertThat(shift.reason()).isEqualTo("covering c (time off)");
    assertThat(shift.start()).isEqualTo(at("2026-05-03T09:00:00Z"));
    assertThat(shift.end()).isEqualTo(at("2026-05-04T00:00:00Z"));
  }

  @Test
  void whenNobodyInALayerIsAvailableTheLayerBelowDecides() {
    Schedule s = twoLayers(LocalDate.of(2026, 1, 1));
    // 2 March is in bob's week of the primary layer (hand-offs Wednesdays 17:00Z)
    List<TimeOff> bothAway =
        List.of(
            new TimeOff("bob", at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z")),
            new TimeOff("alice", at("2026-03-02T06:00:00Z"), at("2026-03-02T18:00:00Z")));

    List<Shift> shifts =
        onCall.between(s, at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z"), bothAway);

    // the backstop's own hand-off at 14:00Z splits zed's stretch into two shifts
    assertThat(shifts)
        .extracting(Shift::person, Shift::layer, Shift::end)
        .containsExactly(
            tuple("alice", "primary", at("2026-03-02T06:00:00Z")),
            tuple("zed", "backstop", at("2026-03-02T14:00:00Z")),
            tuple("zed", "backstop", at("2026-03-02T18:00:00Z")),
            tuple("alice", "primary", at("2026-03-03T00:00:00Z")));
    assertThat(shifts.get(0).reason()).isEqualTo("covering bob (time off)");
  }

  @Test
  void aLaterLayerWinsWhereItHasSomeoneAndTheEarlierFillsTheRest() {
    Schedule s = twoLayers(LocalDate.of(2026, 3, 4));

    assertThat(who(s, "2026-03-04T16:59:00Z")).isEqualTo("zed");
    assertThat(who(s, "2026-03-04T17:00:00Z")).isEqualTo("alice");
    Shift backstop = onCall.at(s, at("2026-03-04T16:00:00Z"), List.of()).get();
    assertThat(backstop.start()).isEqualTo(at("2026-03-04T14:00:00Z"));
    assertThat(backstop.end()).isEqualTo(at("2026-03-04T17:00:00Z"));
  }

  @Test
  void theSamePersonOnConsecutiveTurnsGetsOneShiftPerTurn() {
    Schedule alone =
        new Schedule(
            "s",
            NEW_YORK,
            List.of(
                Rotation.daily(
                    "solo", LocalTime.of(9, 0), LocalDate.of(2026, 1, 1), List.of("a"))));

    List<Shift> shifts =
        onCall.between(alone, at("2026-02-01T00:00:00Z"), at("2026-02-04T00:00:00Z"), List.of());

    assertThat(shifts).hasSize(4).extracting(Shift::person).containsOnly("a");
  }

  @Test
  void nextStartsWithTheShiftInProgressAndGivesWholeShifts() {
    List<Shift> next = onCall.next(PLATFORM_ONCALL, at("2026-03-10T00:00:00Z"), 3, List.of());

    assertThat(next)
        .extracting(Shift::person, Shift::start)
        .containsExactly(
            tuple("bob", at("2026-03-09T14:00:00Z")),
            tuple("alice", at("2026-03-16T14:00:00Z")),
            tuple("bob", at("2026-03-23T14:00:00Z")));
  }

  @Test
  void nextLooksPastAQuietStretchBeforeTheFirstHandOff() {
    List<Shift> next = onCall.next(PLATFORM_ONCALL, at("2025-06-01T00:00:00Z"), 2, List.of());

    assertThat(next).extracting(Shift::start).first().isEqualTo(at("2026-01-05T15:00:00Z"));
    assertThat(next).extracting(Shift::person).containsExactly("alice", "bob");
  }

  @Test
  void aRangeNeedingTooManyPiecesIsRefusedNamingTheField() {
    Schedule hourly =
        new Schedule(
            "s",
            NEW_YORK,
            List.of(
                Rotation.everyHours(
                    "h", 1, LocalTime.MIDNIGHT, LocalDate.of(2000, 1, 1), List.of("a", "b"))));

    assertThatThrownBy(
            () ->
                onCall.between(
                    hourly, at("2000-01-02T00:00:00Z"), at("2030-01-01T00:00:00Z"), List.of()))
        .isInstanceOf(TooManyShifts.class)
        .hasMessageContaining("to: the range asked for needs more than 100000");
    assertThatThrownBy(() -> new OnCall(10).next(hourly, at("2001-01-01T00:00:00Z"), 20, List.of()))
        .isInstanceOf(TooManyShifts.class);
  }

  @Test
  void badArgumentsAreRefusedNamingTheirFields() {
    Instant t = at("2026-03-10T00:00:00Z");
    assertThatThrownBy(() -> onCall.between(PLATFORM_ONCALL, t, t, List.of()))
        .isInstanceOf(BatonException.InvalidInput.class)
        .hasMessage("to: must be after from");
    assertThatThrownBy(() -> onCall.next(PLATFORM_ONCALL, t, -1, List.of()))
        .hasMessage("n: must be between 0 and 1000");
    assertThatThrownBy(
            () -> onCall.at(PLATFORM_ONCALL, t, List.of(new TimeOff("bob", t, t.minusSeconds(1)))))
        .hasMessage("timeOff[0].to: must be after from");
    assertThatThrownBy(() -> onCall.at(PLATFORM_ONCALL, Instant.MAX, List.of()))
        .hasMessage("at: must be between years 1 and 9999");
  }

  private static Schedule threePeopleDaily() {
    return new Schedule(
        "s",
        ZoneId.of("UTC"),
        List.of(
            Rotation.daily(
                "day", LocalTime.of(9, 0), LocalDate.of(2026, 5, 1), List.of("a", "b", "c"))));
  }

  /** A daily backstop everyone can lean on, under a weekly primary starting on {@code start}. */
  private static Schedule twoLayers(LocalDate start) {
    return new Schedule(
        "s",
        NEW_YORK,
        List.of(
            Rotation.daily(
                "backstop", LocalTime.of(9, 0), LocalDate.of(2026, 1, 1), List.of("zed")),
            Rotation.weekly(
                "primary",
                DayOfWeek.WEDNESDAY,
                LocalTime.of(12, 0),
                start,
                List.of("alice", "bob"))));
  }
}
