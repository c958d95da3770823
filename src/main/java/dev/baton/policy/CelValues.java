package dev.baton.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns plain Java values into the ones CEL evaluates: integers become {@code long}, decimals
 * {@code double}, date-times {@link Instant}, and null entries disappear so that {@code has()}
 * answers false for them instead of the expression failing on a null.
 */
final class CelValues {

  private CelValues() {}

  /** A map with text keys ({@code String.valueOf} of any other key) and converted values. */
  static Map<String, Object> map(Map<?, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>(capacity(values.size()));
    for (Map.Entry<?, ?> entry : values.entrySet()) {
      Object converted = value(entry.getValue());
      if (converted != null) {
        out.put(String.valueOf(entry.getKey()), converted);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  // a HashMap's capacity that holds n entries without growing
  private static int capacity(int n) {
    return n < 3 ? n + 1 : (int) (n / 0.75f) + 1;
  }

  static @Nullable Object value(@Nullable Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Long l -> l;
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case BigInteger b -> b.longValue();
      case Double d -> d;
      case Float f -> f.doubleValue();
      case BigDecimal b -> b.doubleValue();
      case Instant i -> i;
      case OffsetDateTime t -> t.toInstant();
      case ZonedDateTime t -> t.toInstant();
      case Enum<?> e -> e.name();
      case Map<?, ?> m -> map(m);
      case Collection<?> c -> list(c);
      default -> value.toString();
    };
  }

  private static List<Object> list(Collection<?> values) {
    return values.stream()
        .map(CelValues::value)
        .filter(v -> v != null)
        .map(v -> (Object) v)
        .toList();
  }
}
