package dev.baton.platform;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The correlation id of the work in hand: taken from an inbound {@code traceparent} (its trace id)
 * or {@code X-Correlation-Id}, else generated; kept in the logging context so every log line, audit
 * entry and outgoing request carries it.
 */
public final class Correlation {

  public static final String MDC_KEY = "correlationId";
  public static final String HEADER = "X-Correlation-Id";

  private Correlation() {}

  public static String current() {
    String id = MDC.get(MDC_KEY);
    return id == null ? "none" : id;
  }

  public static @Nullable String currentOrNull() {
    return MDC.get(MDC_KEY);
  }

  /** Runs {@code work} with {@code id} as the correlation id, restoring the previous one after. */
  public static void with(String id, Runnable work) {
    String previous = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, id);
    try {
      work.run();
    } finally {
      if (previous == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, previous);
      }
    }
  }

  /** The trace id of a W3C {@code traceparent} header, or null when the header is malformed. */
  static @Nullable String traceIdOf(@Nullable String traceparent) {
    if (traceparent == null) {
      return null;
    }
    String[] parts = traceparent.trim().split("-");
    if (parts.length < 4 || parts[1].length() != 32 || !parts[1].matches("[0-9a-f]{32}")) {
      return null;
    }
    if (parts[1].chars().allMatch(c -> c == '0')) {
      return null;
    }
    return parts[1];
  }

  static boolean acceptable(@Nullable String supplied) {
    return supplied != null && supplied.matches("[A-Za-z0-9._:-]{1,128}");
  }
}
