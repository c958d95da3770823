package dev.baton.ingest;

import dev.baton.ingest.SourceEvent.Kind;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Any JSON sender, read through a {@link GenericMapping}. Text fields take strings, numbers or
 * booleans; {@code labels} and {@code components} take an array or a single value; {@code
 * sourceVersion} takes an integer, digits, or a timestamp (read as epoch milliseconds).
 */
final class GenericParser implements PayloadParser {

  static final String PROVIDER = "generic";

  /** Status words that mean the sender considers the item finished. */
  private static final Set<String> CLOSED_WORDS =
      Set.of("closed", "resolved", "done", "completed", "fixed");

  private final GenericMapping mapping;

  GenericParser(GenericMapping mapping) {
    this.mapping = mapping;
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public SourceEvent parse(@Nullable String eventHeader, JsonNode payload) {
    PayloadReader in = new PayloadReader(PROVIDER, payload);
    String eventType = text(in, "eventType");
    String status = text(in, "status");
    boolean closed =
        status != null && CLOSED_WORDS.contains(status.toLowerCase(java.util.Locale.ROOT));
    SourceEvent.Builder b =
        SourceEvent.about(PROVIDER, eventType != null ? eventType : PROVIDER, text(in, "action"))
            .kind(closed ? Kind.ITEM_CLOSED : Kind.ITEM_UPSERT)
            .externalId(required(in, "externalId"))
            .externalKey(text(in, "externalKey"))
            .url(text(in, "url"))
            .title(text(in, "title"))
            .labels(list(in, "labels"))
            .components(list(in, "components"))
            .priorityHint(text(in, "priority"))
            .severity(text(in, "severity"))
            .closed(closed)
            .sourceVersion(version(in))
            .assignee(text(in, "assignee"))
            .actor(text(in, "actor"))
            .project(text(in, "project"));
    for (Map.Entry<String, String> field : mapping.pointers().entrySet()) {
      if (field.getKey().startsWith(GenericMapping.ATTRIBUTE)) {
        b.attribute(
            field.getKey().substring(GenericMapping.ATTRIBUTE.length()),
            in.optionalScalar(field.getValue()));
      }
    }
    return b.build();
  }

  private @Nullable String text(PayloadReader in, String field) {
    String pointer = mapping.pointers().get(field);
    return pointer == null ? null : in.optionalScalar(pointer);
  }

  private String required(PayloadReader in, String field) {
    String value = text(in, field);
    if (value == null || value.isBlank()) {
      throw in.bad(mapping.pointers().get(field) + " (" + field + ") is missing");
    }
    return value;
  }

  private List<String> list(PayloadReader in, String field) {
    String pointer = mapping.pointers().get(field);
    if (pointer == null || !in.has(pointer)) {
      return List.of();
    }
    if (!in.isArray(pointer)) {
      String single = in.optionalScalar(pointer);
      return single == null ? List.of() : List.of(single);
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < in.array(pointer).size(); i++) {
      String value = in.optionalScalar(pointer + "/" + i);
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  private long version(PayloadReader in) {
    String text = text(in, "sourceVersion");
    if (text == null) {
      return 0;
    }
    if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw in.bad(mapping.pointers().get("sourceVersion") + " is too large: " + text);
      }
    }
    try {
      return PayloadReader.epochMillis(text);
    } catch (DateTimeParseException e) {
      throw in.bad(
          mapping.pointers().get("sourceVersion")
              + " must be an integer or a timestamp, was '"
              + text
              + "'");
    }
  }
}
