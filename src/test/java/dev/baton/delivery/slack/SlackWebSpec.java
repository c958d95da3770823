package dev.baton.delivery.slack;

import dev.baton.ingest.VendorFixtures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks a recorded Web API call against Slack's published OpenAPI document ({@code
 * specs/slack-web-openapi-v2.json} in the vendor fixtures): the method exists, the token came as a
 * bearer header, every required parameter is present and every parameter sent is one the document
 * names. The document predates message metadata, so {@code metadata} and {@code
 * include_all_metadata} (documented on api.slack.com since) are allowed beside it.
 */
final class SlackWebSpec {

  private static final Set<String> NEWER_THAN_THE_DOCUMENT =
      Set.of("metadata", "include_all_metadata");

  private final JsonNode paths;

  SlackWebSpec() {
    this.paths = VendorFixtures.json("specs/slack-web-openapi-v2.json").path("paths");
  }

  /** What is wrong with {@code call}; empty when it matches the document. */
  List<String> problems(FakeSlackWebApi.Call call) {
    List<String> problems = new ArrayList<>();
    JsonNode path = paths.path("/" + call.method());
    if (path.isMissingNode()) {
      return List.of(call.method() + " is not in the document");
    }
    JsonNode operation = path.has("post") ? path.path("post") : path.path("get");
    Set<String> known = new HashSet<>(NEWER_THAN_THE_DOCUMENT);
    for (JsonNode parameter : operation.path("parameters")) {
      String name = parameter.path("name").asString();
      known.add(name);
      if (name.equals("token")) {
        if (call.authorization() == null || !call.authorization().startsWith("Bearer ")) {
          problems.add(call.method() + ": no bearer token");
        }
        continue;
      }
      if (parameter.path("required").asBoolean(false) && !call.params().containsKey(name)) {
        problems.add(call.method() + ": required parameter " + name + " missing");
      }
    }
    for (String sent : call.params().keySet()) {
      if (!known.contains(sent)) {
        problems.add(call.method() + ": parameter " + sent + " is not in the document");
      }
    }
    return problems;
  }
}
