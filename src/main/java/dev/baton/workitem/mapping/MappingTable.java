package dev.baton.workitem.mapping;

import dev.baton.ingest.SourceEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One integration's mapping table as read from its document (see {@code docs/mapping.md}): ordered
 * rules, defaults for what no rule set, and Baton's own identities in the source.
 *
 * @param selfIdentities Baton's own accounts in the source; their assignee changes are echoes
 * @param providerDefaults whether the provider's default table applies after this one
 * @param keepSourceLabels whether the source's labels become the item's labels
 */
public record MappingTable(
    List<String> selfIdentities,
    boolean providerDefaults,
    boolean keepSourceLabels,
    List<Rule> rules,
    Fields defaults) {

  /** No rules of its own: the provider's defaults decide. */
  public static final MappingTable EMPTY =
      new MappingTable(List.of(), true, true, List.of(), Fields.NONE);

  public MappingTable {
    selfIdentities = List.copyOf(selfIdentities);
    rules = List.copyOf(rules);
  }

  /** Whether an actor is one of Baton's own identities (compared regardless of case). */
  public boolean isSelf(@Nullable String actor) {
    return actor != null && selfIdentities.stream().anyMatch(actor::equalsIgnoreCase);
  }

  /**
   * A rule: when every condition of {@code when} holds, {@code set} applies.
   *
   * @param name how explanations name it ({@code rules[3]} when the document gives none)
   */
  public record Rule(String name, Match when, Fields set) {}

  /**
   * A rule's conditions; an empty list is no condition. A list condition holds when any of the
   * event's values (for labels and components) matches any of the patterns.
   */
  public record Match(
      Set<SourceEvent.Kind> kinds,
      List<TextPattern> events,
      List<TextPattern> actions,
      List<TextPattern> labels,
      List<TextPattern> components,
      List<TextPattern> priorities,
      List<TextPattern> severities,
      List<TextPattern> projects,
      Map<String, List<TextPattern>> attributes) {

    public static final Match ANY =
        new Match(
            Set.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            Map.of());

    public Match {
      kinds = Set.copyOf(kinds);
      events = List.copyOf(events);
      actions = List.copyOf(actions);
      labels = List.copyOf(labels);
      components = List.copyOf(components);
      priorities = List.copyOf(priorities);
      severities = List.copyOf(severities);
      projects = List.copyOf(projects);
      attributes = Map.copyOf(attributes);
    }

    /** The name a kind has in documents: {@code build_failed}. */
    public static String kindName(SourceEvent.Kind kind) {
      return kind.name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Work item fields a rule sets or the defaults give; null and empty mean "not set here".
   *
   * @param team kept as the item's {@code attributes.team}
   * @param customerTier kept as the item's {@code customer.tier}
   */
  public record Fields(
      @Nullable String type,
      @Nullable String priority,
      @Nullable String severity,
      @Nullable String component,
      @Nullable String team,
      @Nullable String customerTier,
      List<String> skills,
      List<String> labels) {

    public static final Fields NONE =
        new Fields(null, null, null, null, null, null, List.of(), List.of());

    public Fields {
      skills = List.copyOf(skills);
      labels = List.copyOf(labels);
    }
  }
}
