package dev.baton.roster.schedule;

import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One layer of a schedule: its participants take turns, in order and cycling, handing off at a
 * local wall-clock time in the schedule's zone. The first turn (participant 0) begins at the first
 * hand-off on or after {@code start}.
 *
 * <p>A rotation on its own accepts any values; it is checked when it becomes part of a {@link
 * Schedule}, so that every problem is reported at once with its path ({@code
 * rotations[0].participants}).
 *
 * @param handoffDay the day of the week a weekly rotation hands off; only for {@code WEEKLY}
 * @param length for {@code CUSTOM} turns counted in days: a whole number of days ({@code P14D})
 * @param lengthHours for {@code CUSTOM} turns counted in hours of local wall-clock time
 * @param participants person ids in turn order; a person may appear more than once
 */
public record Rotation(
    String name,
    Type type,
    @Nullable DayOfWeek handoffDay,
    LocalTime handoffTime,
    @Nullable Period length,
    @Nullable Integer lengthHours,
    LocalDate start,
    List<String> participants) {

  /** Longest custom turn: longer ones are almost certainly a typo for a shorter unit. */
  static final int MAX_LENGTH_DAYS = 366;

  static final int MAX_LENGTH_HOURS = MAX_LENGTH_DAYS * 24;

  /** How often a rotation hands off. */
  public enum Type {
    DAILY,
    WEEKLY,
    CUSTOM;

    /** Reads {@code daily}, {@code weekly} or {@code custom} (any case) as written in YAML. */
    public static Type parse(String field, String text) {
      for (Type t : values()) {
        if (t.name().equalsIgnoreCase(text)) {
          return t;
        }
      }
      throw new BatonException.InvalidInput(
          field, "must be daily, weekly or custom, not '" + text + "'");
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Rotation {
    // a tolerant copy: a null entry is reported by check() rather than failing here
    participants =
        participants == null
            ? List.of()
            : Collections.unmodifiableList(new ArrayList<>(participants));
  }

  public static Rotation daily(
      String name, LocalTime handoff, LocalDate start, List<String> participants) {
    return new Rotation(name, Type.DAILY, null, handoff, null, null, start, participants);
  }

  public static Rotation weekly(
      String name, DayOfWeek day, LocalTime handoff, LocalDate start, List<String> participants) {
    return new Rotation(name, Type.WEEKLY, day, handoff, null, null, start, participants);
  }

  public static Rotation everyDays(
      String name, Period days, LocalTime handoff, LocalDate start, List<String> participants) {
    return new Rotation(name, Type.CUSTOM, null, handoff, days, null, start, participants);
  }

  public static Rotation everyHours(
      String name, int hours, LocalTime handoff, LocalDate start, List<String> participants) {
    return new Rotation(name, Type.CUSTOM, null, handoff, null, hours, start, participants);
  }

  /** Adds every problem of this rotation to {@code v}, each field prefixed with {@code path}. */
  @SuppressWarnings("ConstantConditions") // values may come from a binder that ignores @NullMarked
  void check(Validation v, String path) {
    v.require(name, path + "name").maxLength(name, path + "name", 64);
    v.when(Shift.OVERRIDE.equals(name), path + "name", "'override' is reserved for overrides");
    v.require(type, path + "type").require(handoffTime, path + "handoff.time");
    v.require(start, path + "start");
    if (start != null) {
      v.when(
          start.getYear() < 1 || start.getYear() > 9999,
          path + "start",
          "must be between years 1 and 9999");
    }
    if (type != null) {
      checkTypeFields(v, path);
    }
    v.when(participants.isEmpty(), path + "participants", "must name at least one person");
    for (int i = 0; i < participants.size(); i++) {
      v.require(participants.get(i), path + "participants[" + i + "]");
    }
  }

  private void checkTypeFields(Validation v, String path) {
    v.when(type == Type.WEEKLY && handoffDay == null, path + "handoff.day", "is required");
    v.when(
        type != Type.WEEKLY && handoffDay != null,
        path + "handoff.day",
        "only applies to weekly rotations");
    boolean hasLength = length != null || lengthHours != null;
    v.when(type != Type.CUSTOM && hasLength, path + "length", "only applies to custom rotations");
    if (type != Type.CUSTOM) {
      return;
    }
    v.when(!hasLength, path + "length", "is required: a number of days or of hours");
    v.when(length != null && lengthHours != null, path + "length", "give days or hours, not both");
    if (length != null) {
      v.when(
          length.getYears() != 0 || length.getMonths() != 0,
          path + "length",
          "must be whole days (P14D): months and years vary in length");
      v.when(
          length.getDays() <= 0 || length.getDays() > MAX_LENGTH_DAYS,
          path + "length",
          "must be between 1 and " + MAX_LENGTH_DAYS + " days");
    }
    if (lengthHours != null) {
      v.when(
          lengthHours <= 0 || lengthHours > MAX_LENGTH_HOURS,
          path + "length",
          "must be between 1 and " + MAX_LENGTH_HOURS + " hours");
    }
  }
}
