package dev.baton.policy;

import java.util.Objects;

/** Short, single-line texts for CEL failures, as they appear in decision records. */
final class CelErrors {

  private CelErrors() {}

  static String message(Exception e) {
    String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    // CEL prefixes "evaluation error at <input>:12: "; the position is kept, the noise is not
    return message
        .replace("evaluation error at <input>:", "at offset ")
        .lines()
        .findFirst()
        .orElse(message);
  }

  static String typeName(Object value) {
    return switch (value) {
      case String s -> "string";
      case Long l -> "int";
      case Double d -> "double";
      case Boolean b -> "bool";
      case java.util.Map<?, ?> m -> "map";
      case java.util.List<?> l -> "list";
      default -> value.getClass().getSimpleName();
    };
  }
}
