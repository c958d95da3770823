package dev.baton.workitem.mapping;

import dev.baton.ingest.SourceEvent;
import dev.baton.platform.BatonException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a mapping table from YAML or JSON (JSON is YAML too): the JSON Schema first, every problem
 * reported at once and named by the JSON pointer of its field ({@code /rules/2/set/priority}), then
 * the document is bound.
 *
 * <pre>{@code
 * MappingTable table = MappingParser.parse("rules: [{when: {label: sev1}, set: {priority: P1}}]");
 * }</pre>
 */
public final class MappingParser {

  /** Largest accepted document, in characters. */
  public static final int MAX_DOCUMENT_LENGTH = 256 * 1024;

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private MappingParser() {}

  /**
   * @throws BatonException.InvalidInput listing every problem, each with its JSON pointer
   */
  public static MappingTable parse(String document) {
    JsonNode tree = read(document);
    List<BatonException.FieldProblem> problems = MappingSchema.validate(tree);
    if (!problems.isEmpty()) {
      throw new BatonException.InvalidInput(problems);
    }
    return bind(tree);
  }

  /** The document as a JSON tree, for answers; only for documents that {@link #parse} accepts. */
  public static JsonNode tree(String document) {
    return read(document);
  }

  /** The published JSON Schema (draft 2020-12). */
  public static String schema() {
    return MappingSchema.text();
  }

  private static JsonNode read(String document) {
    if (document.length() > MAX_DOCUMENT_LENGTH) {
      throw new BatonException.InvalidInput(
          "/", "the document must be at most " + MAX_DOCUMENT_LENGTH + " characters");
    }
    try {
      JsonNode tree = YAML.readTree(document);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new BatonException.InvalidInput("/", "the document is empty");
      }
      if (!tree.isObject()) {
        throw new BatonException.InvalidInput("/", "must be an object (a YAML mapping)");
      }
      return tree;
    } catch (JacksonException e) {
      throw new BatonException.InvalidInput(
          "/", "is neither valid YAML nor JSON: " + e.getOriginalMessage());
    }
  }

  private static MappingTable bind(JsonNode tree) {
    List<String> self = new ArrayList<>();
    tree.path("selfIdentities").forEach(n -> self.add(n.asString()));
    List<MappingTable.Rule> rules = new ArrayList<>();
    JsonNode ruleNodes = tree.path("rules");
    for (int i = 0; i < ruleNodes.size(); i++) {
      JsonNode rule = ruleNodes.get(i);
      String name = rule.has("name") ? rule.get("name").asString() : "rules[" + i + "]";
      rules.add(new MappingTable.Rule(name, match(rule.path("when")), fields(rule.path("set"))));
    }
    return new MappingTable(
        self,
        tree.path("providerDefaults").asBoolean(true),
        tree.path("keepSourceLabels").asBoolean(true),
        rules,
        fields(tree.path("defaults")));
  }

  private static MappingTable.Match match(JsonNode when) {
    if (when.isMissingNode() || when.isEmpty()) {
      return MappingTable.Match.ANY;
    }
    Set<SourceEvent.Kind> kinds = EnumSet.noneOf(SourceEvent.Kind.class);
    texts(when.path("kind"))
        .forEach(k -> kinds.add(SourceEvent.Kind.valueOf(k.toUpperCase(Locale.ROOT))));
    Map<String, List<TextPattern>> attributes = new LinkedHashMap<>();
    when.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), patterns(e)));
    return new MappingTable.Match(
        kinds,
        patterns(when.path("event")),
        patterns(when.path("action")),
        patterns(when.path("label")),
        patterns(when.path("component")),
        patterns(when.path("priority")),
        patterns(when.path("severity")),
        patterns(when.path("project")),
        attributes);
  }

  private static MappingTable.Fields fields(JsonNode set) {
    return new MappingTable.Fields(
        text(set, "type"),
        text(set, "priority"),
        text(set, "severity"),
        text(set, "component"),
        text(set, "team"),
        text(set, "customerTier"),
        texts(set.path("skills")),
        texts(set.path("labels")));
  }

  private static List<TextPattern> patterns(Map.Entry<String, JsonNode> entry) {
    return patterns(entry.getValue());
  }

  private static List<TextPattern> patterns(JsonNode node) {
    return texts(node).stream().map(TextPattern::new).toList();
  }

  /** A string, or an array of strings, as a list; absent is empty. */
  private static List<String> texts(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isString()) {
      values.add(node.asString());
    } else {
      node.forEach(n -> values.add(n.asString()));
    }
    return values;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }
}
