package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API document Baton serves is the one checked in under {@code docs/openapi.json}. After a
 * deliberate API change, regenerate it with {@code ./mvnw verify -Dbaton.openapi.write=true}.
 */
class OpenApiDocumentIntegrationTest extends IntegrationTest {

  private static final Path CHECKED_IN = Path.of("docs", "openapi.json");
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
          .build();

  @Test
  void servedDocumentMatchesTheCheckedInOne() throws IOException {
    Api.Response served = acme.withoutToken().get("/v3/api-docs");
    assertThat(served.status()).isEqualTo(200);
    String normalized = normalize(served.json());
    if (Boolean.getBoolean("baton.openapi.write")) {
      Files.writeString(CHECKED_IN, normalized, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(CHECKED_IN))
        .as("docs/openapi.json exists (create it with -Dbaton.openapi.write=true)")
        .isTrue();
    assertThat(normalized)
        .as(
            "the served OpenAPI document differs from docs/openapi.json; after a deliberate API"
                + " change run ./mvnw verify -Dbaton.openapi.write=true")
        .isEqualTo(Files.readString(CHECKED_IN, StandardCharsets.UTF_8));
  }

  @Test
  void documentDescribesTheWorkItemApi() {
    JsonNode doc = acme.withoutToken().get("/v3/api-docs").json();
    assertThat(doc.get("paths").has("/api/v1/work-items")).isTrue();
    assertThat(doc.get("paths").has("/api/v1/work-items/{id}/actions")).isTrue();
    assertThat(doc.get("components").get("securitySchemes").has("bearer")).isTrue();
  }

  private static String normalize(JsonNode doc) {
    Object tree = JSON.treeToValue(doc, Object.class);
    return JSON.writeValueAsString(tree) + "\n";
  }
}
