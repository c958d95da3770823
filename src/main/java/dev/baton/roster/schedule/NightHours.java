package dev.baton.roster.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How much of a person's on-call time falls at night in their own time zone: each local night runs
 * from {@link #START} to {@link #END} the next morning, measured in real elapsed time (a night when
 * the clocks go back is an hour longer). Overlapping shifts (two schedules at once) count once.
 * Pure.
 */
public final class NightHours {

  public static final LocalTime START = LocalTime.of(22, 0);
  public static final LocalTime END = LocalTime.of(7, 0);

  private NightHours() {}

  /** The night time within {@code [from, to)} covered by {@code shifts}. */
  public static Duration of(List<Shift> shifts, ZoneId zone, Instant from, Instant to) {
    List<Instant[]> covered = union(shifts, from, to);
    if (covered.isEmpty()) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
    LocalDate last = to.atZone(zone).toLocalDate();
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      Instant nightStart = ZonedDateTime.of(day, START, zone).toInstant();
      Instant nightEnd = ZonedDateTime.of(day.plusDays(1), END, zone).toInstant();
      for (Instant[] c : covered) {
        Instant s = max(c[0], nightStart);
        Instant e = min(c[1], nightEnd);
        if (s.isBefore(e)) {
          total = total.plus(Duration.between(s, e));
        }
      }
    }
    return total;
  }

  /** The shifts clipped to the period and merged where they overlap or touch, in order. */
  private static List<Instant[]> union(List<Shift> shifts, Instant from, Instant to) {
    List<Shift> sorted = new ArrayList<>(shifts);
    sorted.sort(Comparator.comparing(Shift::start));
    List<Instant[]> out = new ArrayList<>();
    for (Shift shift : sorted) {
      Instant s = max(shift.start(), from);
      Instant e = min(shift.end(), to);
      if (!s.isBefore(e)) {
        continue;
      }
      Instant[] previous = out.isEmpty() ? null : out.get(out.size() - 1);
      if (previous != null && !s.isAfter(previous[1])) {
        previous[1] = max(previous[1], e);
      } else {
        out.add(new Instant[] {s, e});
      }
    }
    return out;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
