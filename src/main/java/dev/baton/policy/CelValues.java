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

  static Map<String, Object> map(Map<String, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          Object converted = value(value);
          if (converted != null) {
            out.put(key, converted);
          }
        });
    return Collections.unmodifiableMap(out);
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
      case Map<?, ?> m -> map(stringKeys(m));
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

  private static Map<String, Object> stringKeys(Map<?, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (value != null) {
            out.put(String.valueOf(key), value);
          }
        });
    return out;
  }
}
