package dev.baton.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metrics {@code docs/metrics.md} lists as exposed, read from its "Exposed" table. */
public final class MetricsDoc {

  private static final Pattern ROW =
      Pattern.compile("^\\| `(baton_[a-z0-9_]+)` \\| (counter|gauge|summary) \\|");

  private MetricsDoc() {}

  /** Metric name as Prometheus shows it, to its type (counter, gauge or summary). */
  public static Map<String, String> exposed() {
    Map<String, String> metrics = new LinkedHashMap<>();
    boolean inTable = false;
    for (String line : read(Path.of("docs/metrics.md")).lines().toList()) {
      if (line.startsWith("## ")) {
        inTable = line.equals("## Exposed");
      }
      Matcher m = ROW.matcher(line);
      if (inTable && m.find()) {
        metrics.put(m.group(1), m.group(2));
      }
    }
    return metrics;
  }

  public static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
