package dev.baton.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Formats values for the pages, as {@code ${@consoleFormat.when(instant)}} in templates. */
@Component
class ConsoleFormat {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public String when(@Nullable Instant instant) {
    return instant == null ? "" : WHEN.format(instant);
  }

  public String score(double score) {
    return String.format(java.util.Locale.ROOT, "%.3f", score);
  }
}
