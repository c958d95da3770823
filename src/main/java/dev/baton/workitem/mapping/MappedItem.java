package dev.baton.workitem.mapping;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The canonical work item fields a mapping table made of one source event.
 *
 * @param attributes the event's lasting attributes plus {@code project} and {@code team}, as the
 *     item keeps them
 * @param rules the names of the rules that matched, in order, for explanations
 */
public record MappedItem(
    String type,
    String title,
    String priority,
    @Nullable String severity,
    List<String> labels,
    List<String> skills,
    @Nullable String component,
    @Nullable String team,
    @Nullable String customerTier,
    @Nullable String reporter,
    Map<String, String> attributes,
    List<String> rules) {

  public MappedItem {
    labels = List.copyOf(labels);
    skills = List.copyOf(skills);
    attributes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attributes));
    rules = List.copyOf(rules);
  }
}
