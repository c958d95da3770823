package dev.baton.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list answer: {@code {"items": [...], "next": "<cursor or null>"}}. Cursors are
 * opaque to callers (base64url of the last key seen); pass {@code next} back as {@code cursor}.
 */
public record Page<T>(List<T> items, @Nullable String next) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /**
   * Builds a page from up to {@code limit + 1} rows fetched in key order: the extra row only tells
   * that there is more.
   */
  public static <T> Page<T> of(List<T> rows, int limit, Function<T, String> key) {
    if (rows.size() <= limit) {
      return new Page<>(List.copyOf(rows), null);
    }
    List<T> items = List.copyOf(rows.subList(0, limit));
    return new Page<>(items, encode(key.apply(items.get(limit - 1))));
  }

  public static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The key inside a cursor; a cursor that is not one of ours is a 400. */
  public static @Nullable String decode(@Nullable String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BatonException.BadRequest("parameter 'cursor' is not a cursor Baton issued");
    }
  }

  /** Checks a requested page size; null means the default. */
  public static int limit(@Nullable Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw new BatonException.InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return requested;
  }
}
