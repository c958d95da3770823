package dev.baton.console;

import dev.baton.platform.BatonException;
import java.util.stream.Collectors;

/** How a refused console action is told to the user: the same words the API would answer. */
final class Problems {

  private Problems() {}

  static String describe(BatonException e) {
    if (e instanceof BatonException.InvalidInput invalid && !invalid.errors().isEmpty()) {
      return invalid.errors().stream()
          .map(p -> p.field() + ": " + p.message())
          .collect(Collectors.joining("; "));
    }
    return String.valueOf(e.getMessage());
  }
}
