package dev.baton.config;

import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads multi-document YAML (or one JSON document) into checked envelopes. */
final class ConfigParser {

  static final String API_VERSION = "baton.dev/v1";
  static final int MAX_DOCUMENTS = 1000;
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private ConfigParser() {}

  static List<ConfigDocument> parse(String text, Set<String> kinds) {
    List<JsonNode> nodes = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode node = it.nextValue();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          nodes.add(node);
        }
        if (nodes.size() > MAX_DOCUMENTS) {
          throw new BatonException.InvalidInput(
              "documents", "at most " + MAX_DOCUMENTS + " documents per request");
        }
      }
    } catch (JacksonException e) {
      throw new BatonException.BadRequest(
          "the configuration is not valid YAML: " + e.getOriginalMessage());
    }
    Validation v = new Validation();
    v.when(nodes.isEmpty(), "documents", "the configuration holds no documents");
    List<ConfigDocument> documents = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode node = nodes.get(i);
      String at = "documents[" + i + "]";
      if (!node.isObject()) {
        v.add(at, "must be a mapping with apiVersion, kind, metadata and spec");
        continue;
      }
      String apiVersion = text(node, "apiVersion");
      String kind = text(node, "kind");
      String name = text(node.path("metadata"), "name");
      v.when(!API_VERSION.equals(apiVersion), at + ".apiVersion", "must be '" + API_VERSION + "'");
      v.when(kind == null || !kinds.contains(kind), at + ".kind", "must be one of " + kinds);
      v.require(name, at + ".metadata.name").slug(name, at + ".metadata.name");
      JsonNode spec = node.get("spec");
      v.when(spec == null || !spec.isObject(), at + ".spec", "must be a mapping");
      for (String field : node.propertyNames()) {
        v.when(
            !Set.of("apiVersion", "kind", "metadata", "spec").contains(field),
            at + "." + field,
            "unknown field");
      }
      if (!"RoutingPolicy".equals(kind)) {
        for (String field : node.path("metadata").propertyNames()) {
          v.when(!"name".equals(field), at + ".metadata." + field, "unknown field");
        }
      }
      if (kind != null && name != null && spec != null && spec.isObject()) {
        documents.add(new ConfigDocument(i, kind, name, spec, node));
      }
    }
    v.check();
    return documents;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.asString() : null;
  }
}
