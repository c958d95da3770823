package dev.baton.console;

import dev.baton.roster.ShiftView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A schedule's shifts laid out by local day in its time zone, for the calendar table: each day from
 * its local midnight to the next (23 or 25 hours long on the days the clocks change), with who is
 * on call from when to when that day. Pure.
 */
final class ShiftCalendar {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd");

  private ShiftCalendar() {}

  /**
   * Someone on call during part of a day, in local wall-clock time.
   *
   * @param until the local end, {@code 24:00} when the shift runs past the day's end
   */
  record Cover(String person, String from, String until, String layer, String reason) {}

  /**
   * One local day.
   *
   * @param hours the day's length: 24, or 23 or 25 when the clocks change
   */
  record Day(LocalDate date, String label, long hours, List<Cover> covers) {}

  /** The start of the first day and the end of the last: the range to ask the roster for. */
  static Instant start(ZoneId zone, LocalDate first) {
    return first.atStartOfDay(zone).toInstant();
  }

  static Instant end(ZoneId zone, LocalDate first, int days) {
    return first.plusDays(days).atStartOfDay(zone).toInstant();
  }

  /** {@code days} local days from {@code first}, each with the parts of the shifts it holds. */
  static List<Day> of(ZoneId zone, LocalDate first, int days, List<ShiftView> shifts) {
    List<Day> out = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      LocalDate date = first.plusDays(d);
      Instant dayStart = date.atStartOfDay(zone).toInstant();
      Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
      List<Cover> covers = new ArrayList<>();
      for (ShiftView s : shifts) {
        Instant from = s.start().isAfter(dayStart) ? s.start() : dayStart;
        Instant until = s.end().isBefore(dayEnd) ? s.end() : dayEnd;
        if (from.isBefore(until)) {
          covers.add(
              new Cover(
                  s.person(),
                  TIME.format(from.atZone(zone)),
                  until.equals(dayEnd) ? "24:00" : TIME.format(until.atZone(zone)),
                  s.layer(),
                  s.reason()));
        }
      }
      out.add(
          new Day(
              date,
              DAY.withLocale(java.util.Locale.ROOT).format(date),
              Duration.between(dayStart, dayEnd).toHours(),
              covers));
    }
    return out;
  }
}
