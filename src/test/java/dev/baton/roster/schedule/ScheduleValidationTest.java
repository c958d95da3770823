package dev.baton.roster.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import dev.baton.platform.BatonException.FieldProblem;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A schedule that exists is computable: every bad field is refused by its path. */
class ScheduleValidationTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final LocalTime TEN = LocalTime.of(10, 0);
  private static final LocalDate START = LocalDate.of(2026, 1, 5);
  private static final List<String> PEOPLE = List.of("alice", "bob");
  private static final Rotation OK = Rotation.daily("primary", TEN, START, PEOPLE);

  static Stream<Arguments> badRotations() {
    return Stream.of(
        bad(Rotation.daily("primary", TEN, START, List.of()), "participants", "must name at least"),
        bad(Rotation.daily("", TEN, START, PEOPLE), "name", "is required"),
        bad(Rotation.daily("override", TEN, START, PEOPLE), "name", "reserved"),
        bad(
            new Rotation("r", Rotation.Type.WEEKLY, null, TEN, null, null, START, PEOPLE),
            "handoff.day",
            "is required"),
        bad(
            new Rotation(
                "r", Rotation.Type.DAILY, DayOfWeek.MONDAY, TEN, null, null, START, PEOPLE),
            "handoff.day",
            "only applies to weekly"),
        bad(
            new Rotation("r", Rotation.Type.WEEKLY, DayOfWeek.MONDAY, TEN, null, 12, START, PEOPLE),
            "length",
            "only applies to custom"),
        bad(
            new Rotation("r", Rotation.Type.CUSTOM, null, TEN, null, null, START, PEOPLE),
            "length",
            "is required"),
        bad(
            new Rotation("r", Rotation.Type.CUSTOM, null, TEN, Period.ofDays(2), 12, START, PEOPLE),
            "length",
            "not both"),
        bad(Rotation.everyDays("r", Period.ZERO, TEN, START, PEOPLE), "length", "between 1 and"),
        bad(Rotation.everyDays("r", Period.ofDays(-7), TEN, START, PEOPLE), "length", "between"),
        bad(
            Rotation.everyDays("r", Period.ofMonths(1), TEN, START, PEOPLE),
            "length",
            "whole days"),
        bad(Rotation.everyHours("r", 0, TEN, START, PEOPLE), "length", "between 1 and"),
        bad(Rotation.everyHours("r", -12, TEN, START, PEOPLE), "length", "between 1 and"),
        bad(
            Rotation.daily("r", TEN, LocalDate.of(10_000, 1, 1), PEOPLE),
            "start",
            "between years"));
  }

  private static Arguments bad(Rotation rotation, String field, String message) {
    return Arguments.of(rotation, field, message);
  }

  @ParameterizedTest(name = "rotations[1].{1}: {2}")
  @MethodSource("badRotations")
  void aBadRotationIsRefusedByItsPath(Rotation rotation, String field, String message) {
    assertThat(problems(() -> new Schedule("s", ZONE, List.of(OK, rotation))))
        .anySatisfy(
            p -> {
              assertThat(p.field()).isEqualTo("rotations[1]." + field);
              assertThat(p.message()).contains(message);
            });
  }

  @Test
  void duplicateRotationNamesAreRefused() {
    assertThat(problems(() -> new Schedule("s", ZONE, List.of(OK, OK))))
        .containsExactly(
            new FieldProblem("rotations[1].name", "duplicates rotations[0].name 'primary'"));
  }

  @Test
  void anOverrideMustEndAfterItStarts() {
    Instant t = Instant.parse("2026-03-10T00:00:00Z");
    List<ScheduleOverride> overrides =
        List.of(
            new ScheduleOverride("carol", t, t.plusSeconds(60), null),
            new ScheduleOverride("dave", t, t, null));

    assertThat(problems(() -> new Schedule("s", ZONE, List.of(OK), overrides)))
        .containsExactly(new FieldProblem("overrides[1].to", "must be after from"));
  }

  @Test
  void aScheduleNeedsAnIdAndARotation() {
    assertThat(problems(() -> new Schedule("Not A Slug", ZONE, List.of())))
        .extracting(FieldProblem::field)
        .containsExactly("id", "rotations");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Rotation twoProblems = Rotation.everyHours("", 0, TEN, START, List.of());

    assertThat(problems(() -> new Schedule("s", ZONE, List.of(twoProblems))))
        .extracting(FieldProblem::field)
        .containsExactlyInAnyOrder(
            "rotations[0].name", "rotations[0].length", "rotations[0].participants");
  }

  @Test
  void rotationTypesAreReadAsWrittenInYamlAndUnknownOnesNamed() {
    assertThat(Rotation.Type.parse("rotations[0].type", "weekly")).isEqualTo(Rotation.Type.WEEKLY);
    assertThatThrownBy(() -> Rotation.Type.parse("rotations[0].type", "fortnightly"))
        .isInstanceOf(BatonException.InvalidInput.class)
        .hasMessage("rotations[0].type: must be daily, weekly or custom, not 'fortnightly'");
  }

  private static List<FieldProblem> problems(Runnable construct) {
    try {
      construct.run();
    } catch (BatonException.InvalidInput e) {
      return e.errors();
    }
    throw new AssertionError("expected the schedule to be refused");
  }
}
