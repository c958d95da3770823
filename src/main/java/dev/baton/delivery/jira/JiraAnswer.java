package dev.baton.delivery.jira;

import dev.baton.delivery.Connector.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer from Jira and what it means for the delivery: 2xx succeeds; 429 (with {@code
 * Retry-After} or {@code X-RateLimit-Reset}, and {@code RateLimit-Reason} in the error), 408, 425
 * and 5xx are worth retrying; any other status (400 "not on the appropriate screen", 401, 403, 404,
 * a redirect) never succeeds as it is and carries Jira's {@code errorMessages} and {@code errors}.
 *
 * @param headers lowercase names to their first value
 */
record JiraAnswer(int status, Map<String, String> headers, String body) {

  static final int EXCERPT = 500;

  boolean ok() {
    return status >= 200 && status < 300;
  }

  String excerpt() {
    return body.length() <= EXCERPT ? body : body.substring(0, EXCERPT) + "…";
  }

  /** The outcome of a failed step, e.g. {@code "PUT assignee"}. */
  Outcome failure(String step, Instant now, JsonMapper json) {
    String messages = messages(json);
    String detail = messages.isEmpty() ? "" : ": " + messages;
    if (status == 429) {
      String reason = headers.get("ratelimit-reason");
      return new Outcome.Transient(
          status,
          "Jira rate limit on "
              + step
              + (reason == null ? "" : " (RateLimit-Reason: " + reason + ")")
              + detail,
          false,
          retryAfter(now),
          excerpt());
    }
    if (status == 408 || status == 425 || status >= 500) {
      return new Outcome.Transient(
          status,
          "Jira answered " + status + " to " + step + detail,
          false,
          retryAfter(now),
          excerpt());
    }
    if (status >= 300 && status < 400) {
      return new Outcome.Permanent(
          status,
          "Jira answered a redirect ("
              + status
              + ") to "
              + step
              + "; redirects are not followed, check the connection's baseUrl",
          excerpt());
    }
    return new Outcome.Permanent(
        status, "Jira refused " + step + " with " + status + detail, excerpt());
  }

  /** {@code Retry-After} (seconds or an HTTP date), else {@code X-RateLimit-Reset} (ISO 8601). */
  @Nullable Duration retryAfter(Instant now) {
    String retryAfter = headers.get("retry-after");
    if (retryAfter != null) {
      Optional<Duration> parsed = seconds(retryAfter.strip());
      if (parsed.isPresent()) {
        return parsed.get();
      }
      try {
        Instant at =
            ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        return nonNegative(Duration.between(now, at));
      } catch (DateTimeParseException e) {
        // fall through to X-RateLimit-Reset
      }
    }
    String reset = headers.get("x-ratelimit-reset");
    if (reset != null) {
      try {
        return nonNegative(Duration.between(now, OffsetDateTime.parse(reset.strip()).toInstant()));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /** Jira's {@code errorMessages} and {@code errors} (field: message), joined. */
  String messages(JsonMapper json) {
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (RuntimeException e) {
      return "";
    }
    if (tree == null || !tree.isObject()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (JsonNode m : tree.path("errorMessages")) {
      out.add(m.asString(""));
    }
    tree.path("errors")
        .properties()
        .forEach(e -> out.add(e.getKey() + ": " + e.getValue().asString("")));
    String joined = String.join("; ", out.stream().filter(s -> !s.isBlank()).toList());
    return joined.length() <= EXCERPT ? joined : joined.substring(0, EXCERPT) + "…";
  }

  private static Optional<Duration> seconds(String text) {
    try {
      long s = Long.parseLong(text);
      return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
