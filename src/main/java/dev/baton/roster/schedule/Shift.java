package dev.baton.roster.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * A person on call for {@code [start, end)}.
 *
 * @param layer the rotation's name, or {@code override}
 * @param reason {@code rotation}, {@code override} or {@code covering <person> (time off)}
 */
public record Shift(String person, Instant start, Instant end, String layer, String reason) {

  public static final String ROTATION = "rotation";
  public static final String OVERRIDE = "override";

  static String covering(String person) {
    return "covering " + person + " (time off)";
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  public Duration duration() {
    return Duration.between(start, end);
  }
}
