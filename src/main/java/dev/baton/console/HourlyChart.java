package dev.baton.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bar chart of two hourly series (events in, deliveries out) laid out for an inline SVG: the page
 * draws the rectangles it is given, so no script and no chart library are needed.
 *
 * @param hours the bar groups, oldest first
 * @param width the drawing's width in SVG units
 * @param height the drawing's height, axis labels included
 * @param max the largest value, the top of the scale
 */
record HourlyChart(List<HourBars> hours, int width, int height, long max) {

  static final int PLOT_HEIGHT = 120;
  static final int LABEL_HEIGHT = 18;
  static final int GROUP_WIDTH = 36;
  static final int BAR_WIDTH = 14;
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

  /** One hour: its label (UTC hour) and the two bars. */
  record HourBars(String label, int x, Bar in, Bar out) {}

  /** A bar's rectangle and the value it shows. */
  record Bar(int x, int y, int height, long value) {}

  /** The last {@code hours} hours ending with the current one. */
  static HourlyChart of(Instant now, int hours, Map<Instant, Long> in, Map<Instant, Long> out) {
    Instant last = now.truncatedTo(ChronoUnit.HOURS);
    List<Instant> starts = new ArrayList<>();
    for (int i = hours - 1; i >= 0; i--) {
      starts.add(last.minus(Duration.ofHours(i)));
    }
    long max = 1;
    for (Instant h : starts) {
      max = Math.max(max, Math.max(in.getOrDefault(h, 0L), out.getOrDefault(h, 0L)));
    }
    List<HourBars> groups = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      Instant h = starts.get(i);
      int x = i * GROUP_WIDTH;
      groups.add(
          new HourBars(
              HOUR.format(h),
              x,
              bar(x + 3, in.getOrDefault(h, 0L), max),
              bar(x + 3 + BAR_WIDTH, out.getOrDefault(h, 0L), max)));
    }
    return new HourlyChart(groups, hours * GROUP_WIDTH, PLOT_HEIGHT + LABEL_HEIGHT, max);
  }

  /** The earliest instant the chart shows. */
  static Instant since(Instant now, int hours) {
    return now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
  }

  private static Bar bar(int x, long value, long max) {
    int h = (int) Math.round((double) value * PLOT_HEIGHT / max);
    if (value > 0 && h == 0) {
      h = 1; // a non-zero hour stays visible
    }
    return new Bar(x, PLOT_HEIGHT - h, h, value);
  }

  public long totalIn() {
    return hours.stream().mapToLong(h -> h.in().value()).sum();
  }

  public long totalOut() {
    return hours.stream().mapToLong(h -> h.out().value()).sum();
  }
}
