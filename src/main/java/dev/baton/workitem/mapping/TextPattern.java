package dev.baton.workitem.mapping;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A text a mapping rule compares with a source value: equal regardless of case, where {@code *}
 * stands for any run of characters ({@code priority:*}, {@code *-bug}).
 */
public final class TextPattern {

  private final String text;
  private final @Nullable Pattern wildcard;

  public TextPattern(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a pattern is not empty");
    }
    this.text = text;
    this.wildcard = text.indexOf('*') < 0 ? null : compile(text);
  }

  public boolean matches(@Nullable String value) {
    if (value == null) {
      return false;
    }
    return wildcard == null ? text.equalsIgnoreCase(value) : wildcard.matcher(value).matches();
  }

  private static Pattern compile(String text) {
    StringBuilder regex = new StringBuilder();
    String[] parts = text.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      if (!parts[i].isEmpty()) {
        regex.append(Pattern.quote(parts[i]));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof TextPattern p && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
