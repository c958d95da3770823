package dev.baton.policy;

import java.util.Map;
import java.util.Optional;

/**
 * The fields of a work item as CEL sees them ({@code item.priority}, {@code item.customer.tier}),
 * converted once per decision. Build with {@link #of(Map)}.
 */
public record ItemFacts(Map<String, Object> values) {

  public ItemFacts {
    values = CelValues.map(values);
  }

  public static ItemFacts of(Map<String, ?> item) {
    return new ItemFacts(java.util.Collections.unmodifiableMap(item));
  }

  /**
   * The value at a dotted path such as {@code customer.tier}, empty when any step is missing or not
   * a map.
   */
  public Optional<Object> lookup(String path) {
    Object current = values;
    for (String step : path.split("\\.", -1)) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(step)) {
        return Optional.empty();
      }
      current = map.get(step);
    }
    return Optional.ofNullable(current);
  }

  /** The value at a dotted path as text (numbers and booleans as written), if present. */
  public Optional<String> text(String path) {
    return lookup(path)
        .filter(v -> !(v instanceof Map<?, ?>) && !(v instanceof java.util.List<?>))
        .map(String::valueOf);
  }
}
