package dev.baton.ingest;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a webhook body before it is stored: one well-formed JSON object, valid UTF-8, nested no
 * deeper than the limit. Streams the bytes once without building a tree. Pure.
 */
final class JsonShape {

  /** What is wrong with a body; null from {@link #problem} when nothing is. */
  enum Problem {
    MALFORMED,
    TOO_DEEP
  }

  // Limits above anything a webhook body within 25 MiB needs; the depth limit is ours, below.
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(10_000)
                  .maxStringLength(32 * 1024 * 1024)
                  .build())
          .build();

  /** Reads bodies that passed {@link #problem}, for the event type and the parsers. */
  static final JsonMapper READER = JsonMapper.builder(FACTORY).build();

  private JsonShape() {}

  static @org.jspecify.annotations.Nullable Problem problem(byte[] body, int maxDepth) {
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Problem.MALFORMED;
      }
      int depth = 1;
      while (depth > 0) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return Problem.MALFORMED;
        }
        switch (token) {
          case START_OBJECT, START_ARRAY -> {
            if (++depth > maxDepth) {
              return Problem.TOO_DEEP;
            }
          }
          case END_OBJECT, END_ARRAY -> depth--;
          // decoding the text is what finds invalid UTF-8 inside strings
          case VALUE_STRING -> parser.getString();
          default -> {}
        }
      }
      return parser.nextToken() == null ? null : Problem.MALFORMED;
    } catch (JacksonException e) {
      return Problem.MALFORMED;
    }
  }
}
