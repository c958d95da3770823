package dev.baton.workitem;

import dev.baton.ingest.Integration;
import dev.baton.ingest.Parsers;
import dev.baton.ingest.Provider;
import dev.baton.ingest.SourceEvent;
import dev.baton.ingest.VendorFixtures;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Source events for the handler's tests: real vendor payloads parsed by the real parsers, and
 * variations of them (a later {@code updated_at}, another action) made by editing a copy.
 */
final class SourceFixtures {

  static final String ROSTER_AND_POLICY =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec:
        displayName: Alice
        skills: [backend]
        identities: { jira: "5c5f880629be9642ba529340", github: codertocat }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: bob }
      spec: { displayName: Bob, skills: [backend] }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: backend }
      spec: { members: [alice, bob] }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: triage }
      spec: { team: backend }
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: intake }
      spec:
        rules:
          - name: bugs-to-backend
            when: item.type == "bug"
            assign: { team: backend, strategy: least-loaded }
        fallback: { queue: triage }
      """;

  private SourceFixtures() {}

  static Integration integration(String tenant, Provider provider) {
    return new Integration(
        tenant, UUID.randomUUID(), provider, tenant + "-" + provider, true, Set.of());
  }

  /** An integration created through the API, for tests that also use its HTTP endpoints. */
  static Integration registered(dev.baton.testsupport.Api api, String tenant, Provider provider) {
    String name = tenant + "-" + provider;
    var created =
        api.post(
            "/api/v1/integrations",
            "{\"provider\":\""
                + provider.wireName()
                + "\",\"name\":\""
                + name
                + "\",\"secrets\":[\"test-secret-1\"]}");
    if (created.status() != 201) {
      throw new IllegalStateException("could not create the integration: " + created);
    }
    return new Integration(
        tenant,
        UUID.fromString(created.json().get("id").asString()),
        provider,
        name,
        true,
        Set.of());
  }

  /** A shared vendor fixture, as an editable copy. */
  static ObjectNode vendor(String path) {
    return (ObjectNode) VendorFixtures.json(path);
  }

  /** One of the project's own payloads under {@code src/test/resources/ingest}. */
  static ObjectNode own(String path) {
    return (ObjectNode) VendorFixtures.own(path);
  }

  static SourceEvent parse(String provider, @Nullable String header, JsonNode payload) {
    return Parsers.forProvider(provider).parse(header, payload);
  }

  static SourceEvent github(String header, String path) {
    return parse("github", header, vendor(path));
  }

  static SourceEvent jira(String path) {
    return parse("jira", null, vendor(path));
  }

  /**
   * Sets text at a JSON pointer ({@code /issue/state}); each step but the last must exist. Returns
   * the payload.
   */
  static ObjectNode with(ObjectNode payload, String pointer, @Nullable String value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = slash == 0 ? payload : payload.at(pointer.substring(0, slash));
    if (!(parent instanceof ObjectNode object)) {
      throw new IllegalArgumentException("no object at " + pointer.substring(0, slash));
    }
    object.put(pointer.substring(slash + 1), value);
    return payload;
  }
}
