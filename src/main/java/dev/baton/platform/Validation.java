package dev.baton.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Collects every problem of a request before answering, so a caller learns all that is wrong at
 * once. Ends with {@link #check()}, which throws {@link BatonException.InvalidInput} if anything
 * was found.
 */
public final class Validation {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final List<BatonException.FieldProblem> problems = new ArrayList<>();

  public Validation require(@Nullable Object value, String field) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(field, "is required");
    }
    return this;
  }

  public Validation maxLength(@Nullable String value, String field, int max) {
    if (value != null && value.length() > max) {
      add(field, "must be at most " + max + " characters");
    }
    return this;
  }

  public Validation slug(@Nullable String value, String field) {
    if (value != null && !SLUG.matcher(value).matches()) {
      add(
          field,
          "must be 1-64 characters of lowercase letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
    return this;
  }

  public Validation when(boolean failed, String field, String message) {
    if (failed) {
      add(field, message);
    }
    return this;
  }

  public Validation add(String field, String message) {
    problems.add(new BatonException.FieldProblem(field, message));
    return this;
  }

  /** A body's {@code id} must be absent or equal to the id in the path. */
  public static void samePathId(@Nullable String bodyId, String pathId) {
    new Validation()
        .when(
            bodyId != null && !bodyId.equals(pathId),
            "id",
            "must match the id in the path ('" + pathId + "') or be left out")
        .check();
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  public void check() {
    if (!problems.isEmpty()) {
      throw new BatonException.InvalidInput(problems);
    }
  }

  public static boolean isSlug(@Nullable String value) {
    return value != null && SLUG.matcher(value).matches();
  }
}
