package dev.baton.delivery.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.baton.ingest.VendorFixtures;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks requests against Jira's published OpenAPI document ({@code
 * specs/jira-platform-openapi.json} of the vendor fixtures): the operation exists for the method
 * and path, every query parameter is one the operation declares, and the JSON body validates
 * against the operation's request body schema (its {@code $ref}s resolved within the document).
 *
 * <p>By hand, because Atlassian's validator ({@code
 * com.atlassian.oai:swagger-request-validator-core} 3.0.0, relocated to {@code
 * openapi-request-validator-core}) resolves but needs a Jackson 2 build of {@code
 * com.networknt:json-schema-validator}, while Baton pins the Jackson 3 build 3.0.9: the two cannot
 * share a classpath ({@code NoSuchMethodError} on {@code SchemaRegistry.getSchema}).
 */
public final class JiraShapes {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
  private static volatile @Nullable JsonNode spec;

  private JiraShapes() {}

  static void assertValid(FakeJira.Recorded r) {
    assertValid(r.method(), r.path(), r.query(), r.body());
  }

  /** The same check for a request recorded by another fake (reconciliation's). */
  public static void assertValid(String method, String path, String query, String content) {
    FakeJira.Recorded r = new FakeJira.Recorded(method, path, query, Map.of(), content);
    JsonNode operation = operation(r.method(), r.path());
    assertThat(operation.isMissingNode())
        .as("Jira documents %s %s", r.method(), r.path())
        .isFalse();
    List<String> declared = new ArrayList<>();
    operation.path("parameters").forEach(p -> declared.add(p.path("name").asString()));
    for (String name : queryNames(r.query())) {
      assertThat(declared).as("query parameter of %s %s", r.method(), r.path()).contains(name);
    }
    JsonNode bodySchema =
        operation.path("requestBody").path("content").path("application/json").path("schema");
    if (r.body().isEmpty()) {
      assertThat(operation.path("requestBody").path("required").asBoolean(false))
          .as("%s %s needs a body", r.method(), r.path())
          .isFalse();
      return;
    }
    assertThat(bodySchema.isMissingNode())
        .as("%s %s takes a JSON body", r.method(), r.path())
        .isFalse();
    JsonNode body = r.json();
    if (r.path().endsWith("/assignee") && body.path("accountId").isNull()) {
      // the operation's description documents null as "set to unassigned"; the schema says string
      assertThat(operation.path("description").asString())
          .contains("`null`, the issue is set to unassigned");
      body = withoutAccountId(body);
    }
    List<Error> errors = schema(bodySchema.path("$ref").asString()).validate(body);
    assertThat(errors).as("%s %s %s", r.method(), r.path(), r.body()).isEmpty();
  }

  private static JsonNode withoutAccountId(JsonNode body) {
    ObjectNode copy = (ObjectNode) body.deepCopy();
    copy.remove("accountId");
    return copy;
  }

  /** The operation whose path template matches, e.g. {@code /rest/api/3/issue/{issueIdOrKey}}. */
  private static JsonNode operation(String method, String path) {
    JsonNode paths = spec().path("paths");
    for (var entry : paths.properties()) {
      String regex = entry.getKey().replaceAll("\\{[^/]+}", "[^/]+");
      if (path.matches(regex)) {
        return entry.getValue().path(method.toLowerCase(Locale.ROOT));
      }
    }
    return JSON.missingNode();
  }

  private static List<String> queryNames(String query) {
    List<String> names = new ArrayList<>();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        names.add(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8));
      }
    }
    return names;
  }

  /** The document with a root {@code $ref} to one of its schemas, so its own refs resolve. */
  private static Schema schema(String ref) {
    return SCHEMAS.computeIfAbsent(
        ref,
        r -> {
          ObjectNode root = (ObjectNode) spec().deepCopy();
          root.put("$ref", r);
          return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(root);
        });
  }

  private static JsonNode spec() {
    JsonNode loaded = spec;
    if (loaded == null) {
      synchronized (JiraShapes.class) {
        loaded = spec;
        if (loaded == null) {
          loaded = VendorFixtures.json("specs/jira-platform-openapi.json");
          spec = loaded;
        }
      }
    }
    return loaded;
  }
}
