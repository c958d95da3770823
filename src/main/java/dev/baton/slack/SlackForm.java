package dev.baton.slack;

import dev.baton.platform.BatonException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An {@code application/x-www-form-urlencoded} body as Slack sends slash commands and clicks. */
final class SlackForm {

  private final Map<String, String> fields;

  private SlackForm(Map<String, String> fields) {
    this.fields = Map.copyOf(fields);
  }

  /** The fields of {@code body}; the first value of a repeated name wins. */
  static SlackForm parse(String body) {
    Map<String, String> fields = new HashMap<>();
    if (body.isEmpty()) {
      return new SlackForm(fields);
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        fields.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BatonException.BadRequest("body is not a valid URL-encoded form");
      }
    }
    return new SlackForm(fields);
  }

  @Nullable String get(String name) {
    return fields.get(name);
  }

  boolean has(String name) {
    return fields.containsKey(name);
  }

  /** A field that must be present and not blank; else the request is malformed (400). */
  String required(String name) {
    String value = fields.get(name);
    if (value == null || value.isBlank()) {
      throw new BatonException.BadRequest("form field '" + name + "' is missing");
    }
    return value;
  }
}
