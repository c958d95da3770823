package dev.baton.escalation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working hours in a time zone: the same hours on the listed days. Computes when a span of working
 * time that starts at an instant ends, in the zone's local time, so DST changes are counted as they
 * fall (a working day of 09:00-17:00 is eight hours on both sides of a change).
 */
record BusinessCalendar(ZoneId zone, Set<DayOfWeek> days, LocalTime from, LocalTime to) {

  /** Past this many days without enough working time the calendar is taken as broken. */
  static final int MAX_DAYS = 3700;

  BusinessCalendar {
    days = Set.copyOf(days);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("working hours must end after they start");
    }
    if (days.isEmpty()) {
      throw new IllegalArgumentException("a calendar needs working days");
    }
  }

  /** The instant at which {@code work} of working time, counted from {@code start}, has passed. */
  Instant plus(Instant start, Duration work) {
    Duration remaining = work;
    Instant cursor = start;
    LocalDate date = cursor.atZone(zone).toLocalDate();
    for (int day = 0; day < MAX_DAYS; day++, date = date.plusDays(1)) {
      if (!days.contains(date.getDayOfWeek())) {
        continue;
      }
      Instant open = ZonedDateTime.of(date, from, zone).toInstant();
      Instant close = ZonedDateTime.of(date, to, zone).toInstant();
      Instant begin = cursor.isAfter(open) ? cursor : open;
      if (!begin.isBefore(close)) {
        continue;
      }
      Duration available = Duration.between(begin, close);
      if (remaining.compareTo(available) <= 0) {
        return begin.plus(remaining);
      }
      remaining = remaining.minus(available);
      cursor = close;
    }
    throw new IllegalStateException("no end within " + MAX_DAYS + " days of " + start);
  }
}
