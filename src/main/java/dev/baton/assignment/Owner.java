package dev.baton.assignment;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.baton.platform.BatonException;

/**
 * Who holds an assignment: a person or a queue, written {@code person:<id>} or {@code queue:<id>}.
 */
public record Owner(Kind kind, String id) {

  /** The two kinds of owner. */
  public enum Kind {
    PERSON,
    QUEUE;

    String prefix() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static Owner person(String id) {
    return new Owner(Kind.PERSON, id);
  }

  public static Owner queue(String id) {
    return new Owner(Kind.QUEUE, id);
  }

  /** Parses {@code person:<id>} or {@code queue:<id>}; anything else is invalid input. */
  public static Owner parse(String field, String text) {
    int colon = text.indexOf(':');
    String id = colon < 0 ? "" : text.substring(colon + 1);
    if (colon > 0 && !id.isEmpty()) {
      switch (text.substring(0, colon)) {
        case "person" -> {
          return person(id);
        }
        case "queue" -> {
          return queue(id);
        }
        default -> {}
      }
    }
    throw new BatonException.InvalidInput(
        field, "must be 'person:<id>' or 'queue:<id>', not '" + text + "'");
  }

  @Override
  @JsonValue
  public String toString() {
    return kind.prefix() + ":" + id;
  }
}
