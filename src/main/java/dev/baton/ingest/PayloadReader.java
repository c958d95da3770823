package dev.baton.ingest;

import dev.baton.platform.BatonException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads one vendor payload by JSON Pointer, so that every parser reports a missing or mistyped
 * field the same way: "github payload: /issue/node_id is missing". Absent and JSON {@code null} are
 * the same thing to the optional readers; a value of the wrong type is always an error, because it
 * means the payload is not what the parser believes it is.
 */
final class PayloadReader {

  /** Jira Cloud: {@code 2019-02-15T19:01:52.971-0800} (offset without a colon). */
  private static final DateTimeFormatter JIRA =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .appendOffset("+HHMM", "Z")
          .toFormatter();

  /** GitLab's older hooks: {@code 2015-05-17 18:08:09 UTC} or {@code ... +0100}. */
  private static final DateTimeFormatter GITLAB =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral(' ')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .appendLiteral(' ')
          .optionalStart()
          .appendLiteral("UTC")
          .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  private final String provider;
  private final JsonNode root;

  PayloadReader(String provider, JsonNode root) {
    this.provider = provider;
    if (!root.isObject()) {
      throw bad("the body must be a JSON object, was " + kind(root));
    }
    this.root = root;
  }

  boolean has(String pointer) {
    return present(root.at(pointer));
  }

  /** A string member that must be there. */
  String text(String pointer) {
    String value = optionalText(pointer);
    if (value == null) {
      throw bad(pointer + " is missing");
    }
    return value;
  }

  @Nullable String optionalText(String pointer) {
    JsonNode node = root.at(pointer);
    if (!present(node)) {
      return null;
    }
    if (!node.isString()) {
      throw bad(pointer + " must be a string, was " + kind(node));
    }
    return node.asString();
  }

  /** An identifier that vendors send as a string or as an integer; returned as text. */
  String id(String pointer) {
    String value = optionalId(pointer);
    if (value == null) {
      throw bad(pointer + " is missing");
    }
    return value;
  }

  @Nullable String optionalId(String pointer) {
    JsonNode node = root.at(pointer);
    if (!present(node)) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.asString();
    }
    if (node.isString() && !node.asString().isBlank()) {
      return node.asString();
    }
    throw bad(pointer + " must be a non-empty string or an integer, was " + kind(node));
  }

  /** A string, number or boolean as text; for senders whose types Baton does not know. */
  @Nullable String optionalScalar(String pointer) {
    JsonNode node = root.at(pointer);
    if (!present(node)) {
      return null;
    }
    if (!node.isValueNode()) {
      throw bad(pointer + " must be a string, number or boolean, was " + kind(node));
    }
    return node.asString();
  }

  boolean isArray(String pointer) {
    return root.at(pointer).isArray();
  }

  @Nullable Boolean optionalBoolean(String pointer) {
    JsonNode node = root.at(pointer);
    if (!present(node)) {
      return null;
    }
    if (!node.isBoolean()) {
      throw bad(pointer + " must be true or false, was " + kind(node));
    }
    return node.asBoolean();
  }

  /** A timestamp member that must be there, as epoch milliseconds. */
  long millis(String pointer) {
    Long value = optionalMillis(pointer);
    if (value == null) {
      throw bad(pointer + " is missing");
    }
    return value;
  }

  @Nullable Long optionalMillis(String pointer) {
    String text = optionalText(pointer);
    if (text == null) {
      return null;
    }
    try {
      return epochMillis(text);
    } catch (DateTimeParseException e) {
      throw bad(pointer + " is not a timestamp: '" + text + "'");
    }
  }

  /** An array member; absent means empty. */
  List<JsonNode> array(String pointer) {
    JsonNode node = root.at(pointer);
    if (!present(node)) {
      return List.of();
    }
    if (!node.isArray()) {
      throw bad(pointer + " must be an array, was " + kind(node));
    }
    List<JsonNode> items = new ArrayList<>();
    node.forEach(items::add);
    return items;
  }

  /** The string {@code field} of every object in an array ({@code labels[].name}). */
  List<String> texts(String arrayPointer, String field) {
    List<JsonNode> items = array(arrayPointer);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      values.add(text(arrayPointer + "/" + i + "/" + field));
    }
    return values;
  }

  /** An array of plain strings ({@code fields.labels} in Jira); absent means empty. */
  List<String> strings(String arrayPointer) {
    List<JsonNode> items = array(arrayPointer);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      values.add(text(arrayPointer + "/" + i));
    }
    return values;
  }

  /** An object member that must be there (checked before reading deeper). */
  JsonNode object(String pointer) {
    JsonNode node = root.at(pointer);
    if (!present(node)) {
      throw bad(pointer + " is missing");
    }
    if (!node.isObject()) {
      throw bad(pointer + " must be an object, was " + kind(node));
    }
    return node;
  }

  BatonException.BadRequest bad(String problem) {
    return new BatonException.BadRequest(provider + " payload: " + problem);
  }

  /**
   * Epoch milliseconds of a vendor timestamp: ISO-8601 with an offset (GitHub, PagerDuty,
   * Alertmanager, newer GitLab; fractions to nanoseconds are truncated), Jira's offset without a
   * colon, or GitLab's {@code yyyy-MM-dd HH:mm:ss UTC}.
   */
  static long epochMillis(String text) {
    DateTimeParseException first;
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      first = e;
    }
    for (DateTimeFormatter format : List.of(JIRA, GITLAB)) {
      try {
        return OffsetDateTime.parse(text, format).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        // try the next vendor's format
      }
    }
    throw first;
  }

  private static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
