package dev.baton.ingest;

import dev.baton.platform.BatonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The headers of one webhook request, looked up without regard to case because HTTP header names
 * are case-insensitive and senders, proxies and servlet containers disagree on spelling.
 */
@NullMarked
public final class WebhookHeaders {

  private final Map<String, List<String>> values;

  private WebhookHeaders(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Copies the given headers; names that differ only in case are merged in the order given. */
  public static WebhookHeaders of(Map<String, List<String>> headers) {
    Map<String, List<String>> merged = new LinkedHashMap<>();
    headers.forEach(
        (name, list) ->
            merged.computeIfAbsent(normalize(name), n -> new ArrayList<>()).addAll(list));
    Map<String, List<String>> copy = new LinkedHashMap<>();
    merged.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    return new WebhookHeaders(Map.copyOf(copy));
  }

  /** The first value of the header, or null when it is absent. */
  public @Nullable String first(String name) {
    List<String> all = all(name);
    return all.isEmpty() ? null : all.getFirst();
  }

  /** Every value of the header in the order received; empty when it is absent. */
  public List<String> all(String name) {
    return values.getOrDefault(normalize(name), List.of());
  }

  /**
   * The first value of a header the provider always sends; absent or blank is the caller's fault.
   */
  String required(String name) {
    String value = first(name);
    if (value == null || value.isBlank()) {
      throw new BatonException.BadRequest("missing required header " + name);
    }
    return value.strip();
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    // names only: values carry tokens and signatures
    return "WebhookHeaders" + values.keySet();
  }
}
