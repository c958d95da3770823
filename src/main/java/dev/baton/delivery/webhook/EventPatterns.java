package dev.baton.delivery.webhook;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which event types a subscription wants: an exact type ({@code assignment.routed}), a prefix
 * wildcard ({@code assignment.*}) or {@code *}. Operational {@code delivery.*} events reach only
 * subscriptions that name them explicitly (exactly or by {@code delivery.*}), never through {@code
 * *}, so a webhook failing cannot feed itself its own failure events.
 */
final class EventPatterns {

  static final String OPERATIONAL_PREFIX = "delivery.";
  private static final Pattern SEGMENT = Pattern.compile("[a-z0-9_-]+");

  private EventPatterns() {}

  /** What is wrong with a pattern; null when it is valid. */
  static @Nullable String problem(String pattern) {
    if (pattern.equals("*")) {
      return null;
    }
    String body = pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2) : pattern;
    for (String segment : body.split("\\.", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        return "must be an event type (assignment.routed), a prefix wildcard (assignment.*) or *";
      }
    }
    return null;
  }

  static boolean matches(List<String> patterns, String type) {
    return patterns.stream().anyMatch(p -> matches(p, type));
  }

  static boolean matches(String pattern, String type) {
    if (pattern.equals("*")) {
      return !type.startsWith(OPERATIONAL_PREFIX);
    }
    if (pattern.endsWith(".*")) {
      return type.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return pattern.equals(type);
  }
}
