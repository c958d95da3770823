package dev.baton.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The demo's people as its configuration file names them, so the sandbox can show a Slack mention
 * or a Jira account id the way Slack and Jira would: by the person's name.
 */
record DemoPeople(String yaml, List<Person> people) {

  static final String RESOURCE = "/demo/tenant.yaml";

  /** One person: id, display name, Slack user id, Jira account id, GitHub login. */
  record Person(String id, String name, String slack, String jira, String github) {}

  static DemoPeople load() {
    String yaml;
    try (InputStream in = DemoPeople.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing");
      }
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Person> people = new ArrayList<>();
    YAMLMapper mapper = YAMLMapper.builder().build();
    try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (!"Person".equals(doc.path("kind").asString(""))) {
          continue;
        }
        JsonNode spec = doc.path("spec");
        JsonNode ids = spec.path("identities");
        people.add(
            new Person(
                doc.path("metadata").path("name").asString(),
                spec.path("displayName").asString(),
                ids.path("slack").asString(),
                ids.path("jira").asString(),
                ids.path("github").asString()));
      }
    }
    return new DemoPeople(yaml, List.copyOf(people));
  }

  Optional<Person> bySlack(String slackUserId) {
    return people.stream().filter(p -> p.slack().equals(slackUserId)).findFirst();
  }

  Optional<Person> byJira(String accountId) {
    return people.stream().filter(p -> p.jira().equals(accountId)).findFirst();
  }
}
