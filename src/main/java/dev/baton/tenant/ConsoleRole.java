package dev.baton.tenant;

import dev.baton.platform.BatonException;
import java.util.Arrays;
import java.util.Locale;

/** What a console user may do: an admin and an operator act, a viewer only looks. */
public enum ConsoleRole {
  ADMIN,
  OPERATOR,
  VIEWER;

  public boolean mayAct() {
    return this != VIEWER;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConsoleRole parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BatonException.InvalidInput(
          "role",
          "'"
              + text
              + "' is not a role; one of "
              + Arrays.stream(values()).map(ConsoleRole::wireName).toList());
    }
  }
}
