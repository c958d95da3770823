package dev.baton.roster;

import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import dev.baton.roster.schedule.Rotation;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rotation as the API and configuration files write it: {@code {"name": "primary", "type":
 * "weekly", "handoff": {"day": "MON", "time": "10:00"}, "start": "2026-01-05", "participants":
 * ["alice", "bob"]}}; a custom rotation adds {@code "length": {"days": 14}} or {@code {"hours":
 * 12}}.
 */
public record RotationSpec(
    @Nullable String name,
    @Nullable String type,
    @Nullable Handoff handoff,
    @Nullable String start,
    @Nullable List<String> participants,
    @Nullable Length length) {

  /** When the turn passes on, in the schedule's time zone. */
  public record Handoff(@Nullable String day, @Nullable String time) {}

  /** The length of a custom rotation's turn: whole days or whole hours. */
  public record Length(@Nullable Integer days, @Nullable Integer hours) {}

  /** Converts to the calculator's rotation, collecting problems under {@code at}. */
  @Nullable Rotation toRotation(String at, Validation v) {
    v.require(name, at + ".name").maxLength(name, at + ".name", 64);
    v.require(type, at + ".type");
    v.require(start, at + ".start");
    v.when(
        participants == null || participants.isEmpty(),
        at + ".participants",
        "at least one person");
    Rotation.Type kind = null;
    if (type != null) {
      try {
        kind = Rotation.Type.parse(at + ".type", type);
      } catch (BatonException.InvalidInput e) {
        e.errors().forEach(p -> v.add(p.field(), p.message()));
      }
    }
    LocalTime time = null;
    DayOfWeek day = null;
    if (handoff == null || handoff.time() == null) {
      v.add(at + ".handoff.time", "is required, as HH:mm");
    } else {
      try {
        time = LocalTime.parse(handoff.time());
      } catch (DateTimeException e) {
        v.add(at + ".handoff.time", "must be a time as HH:mm");
      }
    }
    if (handoff != null && handoff.day() != null) {
      int index = PersonDetails.DAYS.indexOf(handoff.day());
      if (index < 0) {
        v.add(at + ".handoff.day", "must be one of " + PersonDetails.DAYS);
      } else {
        day = DayOfWeek.of(index + 1);
      }
    }
    LocalDate from = null;
    if (start != null) {
      try {
        from = LocalDate.parse(start);
      } catch (DateTimeException e) {
        v.add(at + ".start", "must be a date as YYYY-MM-DD");
      }
    }
    if (kind == null || time == null || from == null || participants == null || name == null) {
      return null;
    }
    Period days = length == null || length.days() == null ? null : Period.ofDays(length.days());
    Integer hours = length == null ? null : length.hours();
    return new Rotation(name, kind, day, time, days, hours, from, List.copyOf(participants));
  }

  static RotationSpec of(Rotation r) {
    Length length =
        r.length() != null
            ? new Length(r.length().getDays(), null)
            : r.lengthHours() != null ? new Length(null, r.lengthHours()) : null;
    return new RotationSpec(
        r.name(),
        r.type().toString(),
        new Handoff(
            r.handoffDay() == null ? null : PersonDetails.DAYS.get(r.handoffDay().getValue() - 1),
            r.handoffTime().toString()),
        r.start().toString(),
        r.participants(),
        length);
  }
}
