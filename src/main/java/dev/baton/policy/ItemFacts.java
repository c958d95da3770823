package dev.baton.policy;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of a work item as CEL sees them ({@code item.priority}, {@code item.customer.tier}),
 * converted once per decision. Build with {@link #of(Map)}.
 */
public record ItemFacts(Map<String, Object> values) {

  /**
   * The item fields policies see, by the dotted path a decision function declares: every top-level
   * field and the known parts of {@code customer} and {@code source}. Any path under {@code
   * attributes} (free-form) is accepted too, see {@link #isField}.
   */
  public static final List<String> FIELDS =
      List.of(
          "id",
          "type",
          "title",
          "priority",
          "severity",
          "labels",
          "component",
          "customer",
          "customer.id",
          "customer.tier",
          "reporter",
          "source",
          "source.system",
          "source.integrationId",
          "source.externalId",
          "source.externalKey",
          "source.url",
          "attributes",
          "skills");

  private static final Pattern ATTRIBUTE_PATH =
      Pattern.compile("attributes(\\.[A-Za-z_][A-Za-z0-9_-]{0,63})+");

  public ItemFacts {
    values = CelValues.map(values);
  }

  public static ItemFacts of(Map<String, ?> item) {
    return new ItemFacts(Collections.unmodifiableMap(item));
  }

  /** Whether a dotted path names a field policies can see ({@link #FIELDS} or under attributes). */
  public static boolean isField(String path) {
    return FIELDS.contains(path)
        || (path.length() <= 200 && ATTRIBUTE_PATH.matcher(path).matches());
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

  /**
   * Only the given fields, nested as in the item: {@code [priority, customer.tier]} gives {@code
   * {priority: P1, customer: {tier: premium}}}. Fields the item lacks are left out; a field inside
   * one selected whole is not repeated. What a decision function receives (least data).
   */
  public Map<String, Object> select(List<String> paths) {
    Map<String, Object> out = new LinkedHashMap<>();
    Set<Object> built = Collections.newSetFromMap(new IdentityHashMap<>());
    for (String path : paths) {
      Optional<Object> value = lookup(path);
      if (value.isEmpty()) {
        continue;
      }
      String[] steps = path.split("\\.", -1);
      Map<String, Object> node = out;
      boolean covered = false;
      for (int i = 0; i < steps.length - 1 && !covered; i++) {
        Object next = node.get(steps[i]);
        if (next == null) {
          Map<String, Object> child = new LinkedHashMap<>();
          built.add(child);
          node.put(steps[i], child);
          node = child;
        } else if (built.contains(next)) {
          @SuppressWarnings("unchecked")
          Map<String, Object> child = (Map<String, Object>) next;
          node = child;
        } else {
          covered = true; // an enclosing field was selected whole
        }
      }
      if (!covered) {
        node.put(steps[steps.length - 1], value.get());
      }
    }
    return out;
  }
}
