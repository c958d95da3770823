package dev.baton.workitem.mapping;

import dev.baton.ingest.SourceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The mapping function: a source event and the integration's table (then the provider's defaults)
 * give the canonical work item fields. Pure: no I/O, the same inputs always give the same item.
 *
 * <p>Rules run in order, the table's own before the provider's. For a single-valued field the first
 * matching rule that sets it decides; skills and labels add up over every matching rule. What no
 * rule set comes from the table's {@code defaults}, then the provider's, then from the event itself
 * (its severity, its first component), and last from Baton's fallbacks: type {@code build_failure}
 * for a failed build, else {@code task}; priority {@value #FALLBACK_PRIORITY}.
 *
 * <pre>{@code
 * MappedItem item = MapSourceEvent.map(event, table, ProviderDefaults.of(Provider.JIRA));
 * }</pre>
 */
public final class MapSourceEvent {

  static final String FALLBACK_PRIORITY = "P3";
  static final int MAX_TITLE = 500;
  static final int MAX_LABELS = 50;
  static final int MAX_WORD = 100;

  /** Attributes about one delivery rather than the item; the item does not keep them. */
  static final Set<String> PER_DELIVERY =
      Set.of("changed", "commentId", "noteId", "eventId", "requestedReviewer");

  private static final Map<String, Function<MappingTable.Fields, @Nullable String>> SCALARS =
      Map.of(
          "type", MappingTable.Fields::type,
          "priority", MappingTable.Fields::priority,
          "severity", MappingTable.Fields::severity,
          "component", MappingTable.Fields::component,
          "team", MappingTable.Fields::team,
          "customerTier", MappingTable.Fields::customerTier);

  private MapSourceEvent() {}

  public static MappedItem map(SourceEvent event, MappingTable table, MappingTable defaults) {
    List<MappingTable.Rule> rules = new ArrayList<>(table.rules());
    if (table.providerDefaults()) {
      rules.addAll(defaults.rules());
    }
    Map<String, String> chosen = new HashMap<>();
    Set<String> skills = new LinkedHashSet<>();
    Set<String> labels = new LinkedHashSet<>();
    if (table.keepSourceLabels()) {
      labels.addAll(event.labels());
    }
    List<String> matched = new ArrayList<>();
    for (MappingTable.Rule rule : rules) {
      if (matches(rule.when(), event)) {
        matched.add(rule.name());
        take(chosen, rule.set());
        skills.addAll(rule.set().skills());
        labels.addAll(rule.set().labels());
      }
    }
    take(chosen, table.defaults());
    if (table.providerDefaults()) {
      take(chosen, defaults.defaults());
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    event.attributes().forEach((k, v) -> attributes.put(k, v));
    PER_DELIVERY.forEach(attributes::remove);
    put(attributes, "project", event.project());
    put(attributes, "team", chosen.get("team"));
    return new MappedItem(
        chosen.getOrDefault(
            "type", event.kind() == SourceEvent.Kind.BUILD_FAILED ? "build_failure" : "task"),
        title(event),
        chosen.getOrDefault("priority", FALLBACK_PRIORITY),
        shorten(or(chosen.get("severity"), event.severity()), 50),
        words(labels),
        words(skills),
        shorten(
            or(
                chosen.get("component"),
                event.components().isEmpty() ? null : event.components().get(0)),
            200),
        chosen.get("team"),
        chosen.get("customerTier"),
        shorten(or(event.attributes().get("reporter"), event.attributes().get("author")), 200),
        attributes,
        matched);
  }

  /** Whether every condition of a rule holds for the event. */
  static boolean matches(MappingTable.Match when, SourceEvent event) {
    return (when.kinds().isEmpty() || when.kinds().contains(event.kind()))
        && any(when.events(), List.of(event.eventType()))
        && any(when.actions(), values(event.action()))
        && any(when.labels(), event.labels())
        && any(when.components(), event.components())
        && any(when.priorities(), values(event.priorityHint()))
        && any(when.severities(), values(event.severity()))
        && any(when.projects(), values(event.project()))
        && when.attributes().entrySet().stream()
            .allMatch(e -> any(e.getValue(), values(event.attributes().get(e.getKey()))));
  }

  /** No patterns is no condition; else some value matches some pattern. */
  private static boolean any(List<TextPattern> patterns, List<String> values) {
    return patterns.isEmpty()
        || values.stream().anyMatch(v -> patterns.stream().anyMatch(p -> p.matches(v)));
  }

  private static List<String> values(@Nullable String value) {
    return value == null ? List.of() : List.of(value);
  }

  /** Sets each single-valued field the fields name, unless an earlier rule set it. */
  private static void take(Map<String, String> chosen, MappingTable.Fields fields) {
    SCALARS.forEach(
        (name, getter) -> {
          String value = getter.apply(fields);
          if (value != null) {
            chosen.putIfAbsent(name, value);
          }
        });
  }

  /** The event's title, else its key or id: an item always has one. */
  private static String title(SourceEvent event) {
    for (String candidate : new String[] {event.title(), event.externalKey(), event.externalId()}) {
      if (candidate != null && !candidate.isBlank()) {
        String title = candidate.strip();
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE);
      }
    }
    return event.provider() + " " + event.eventType();
  }

  /** Labels and skills as a work item takes them: 1–100 characters, at most 50, no repeats. */
  private static List<String> words(Set<String> words) {
    return words.stream()
        .filter(w -> !w.isBlank() && w.length() <= MAX_WORD)
        .limit(MAX_LABELS)
        .toList();
  }

  private static void put(Map<String, String> attributes, String key, @Nullable String value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }

  private static @Nullable String or(@Nullable String first, @Nullable String second) {
    return first != null ? first : second;
  }

  private static @Nullable String shorten(@Nullable String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
