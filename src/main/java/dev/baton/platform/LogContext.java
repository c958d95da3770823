package dev.baton.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Keys Baton puts in the logging context (MDC), so plain and JSON log lines say which tenant, work
 * item and delivery they are about. {@link Correlation#MDC_KEY} is the fourth. Use in a
 * try-with-resources: the previous values come back on close.
 *
 * <pre>{@code
 * try (var scope = LogContext.with(TENANT, tenantId).and(WORK_ITEM, itemId)) { ... }
 * }</pre>
 */
public final class LogContext implements AutoCloseable {

  public static final String TENANT = "tenant";
  public static final String WORK_ITEM = "workItem";
  public static final String DELIVERY = "delivery";

  private final Map<String, @Nullable String> previous = new LinkedHashMap<>();

  private LogContext() {}

  /** Puts {@code key} (nothing when {@code value} is null) until the returned scope closes. */
  public static LogContext with(String key, @Nullable Object value) {
    return new LogContext().and(key, value);
  }

  /** Puts one more key in this scope. */
  public LogContext and(String key, @Nullable Object value) {
    if (value != null) {
      if (!previous.containsKey(key)) {
        previous.put(key, MDC.get(key));
      }
      MDC.put(key, value.toString());
    }
    return this;
  }

  @Override
  public void close() {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            MDC.remove(key);
          } else {
            MDC.put(key, value);
          }
        });
  }
}
