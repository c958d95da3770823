package dev.baton.workitem.mapping;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.baton.platform.BatonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The published JSON Schema of mapping tables and its validation of a parsed document. */
final class MappingSchema {

  /** Classpath location; {@code docs/schemas/mapping-table.schema.json} is a copy. */
  static final String RESOURCE = "/schemas/mapping-table.schema.json";

  private static final String TEXT = load();
  private static final Schema SCHEMA = compile();

  private MappingSchema() {}

  static String text() {
    return TEXT;
  }

  /** Every schema violation, each named by the JSON pointer of the offending field. */
  static List<BatonException.FieldProblem> validate(JsonNode document) {
    return SCHEMA.validate(document).stream().map(MappingSchema::problem).distinct().toList();
  }

  private static BatonException.FieldProblem problem(Error error) {
    String at = error.getInstanceLocation().toString();
    // "required" and "additionalProperties" are reported on the parent; name the property itself
    String property = error.getProperty();
    String field = property == null ? at : at + "/" + property;
    return new BatonException.FieldProblem(field.isEmpty() ? "/" : field, error.getMessage());
  }

  private static Schema compile() {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).locale(Locale.ROOT).build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config));
    return registry.getSchema(TEXT);
  }

  private static String load() {
    try (InputStream in = MappingSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
