package dev.baton.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published schema: its copy under docs/ and the limits it states. */
class PolicySchemaTest {

  private static final JsonNode SCHEMA =
      JsonMapper.builder().build().readTree(PolicyParser.schema());

  @Test
  void docsCopyEqualsTheServedSchema() throws IOException {
    String docs = Files.readString(Path.of("docs/schemas/routing-policy.schema.json"));

    assertThat(docs).isEqualTo(PolicyParser.schema());
  }

  @Test
  void schemaStatesThePublishedLimits() {
    assertThat(SCHEMA.at("/properties/spec/properties/rules/maxItems").asInt())
        .isEqualTo(PolicyLimits.MAX_RULES);
    assertThat(SCHEMA.at("/$defs/expression/maxLength").asInt())
        .isEqualTo(PolicyLimits.MAX_EXPRESSION_LENGTH);
  }

  @Test
  void schemaIsDraft2020() {
    assertThat(SCHEMA.at("/$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }
}
