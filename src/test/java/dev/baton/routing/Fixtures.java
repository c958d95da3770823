package dev.baton.routing;

import dev.baton.policy.CompiledPolicy;
import dev.baton.policy.PolicyParser;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Shared inputs for routing tests. */
final class Fixtures {

  /** Monday 2026-01-05 12:00 UTC: 13:00 in Berlin, 07:00 in New York. */
  static final Instant MONDAY_NOON = Instant.parse("2026-01-05T12:00:00Z");

  static final RoutingEngine ENGINE = new RoutingEngine();

  private Fixtures() {}

  /** A policy with the given rules block (indented as list items under {@code rules:}). */
  static CompiledPolicy policy(String rules, String... specLines) {
    return PolicyParser.compile(
        """
        apiVersion: baton.dev/v1
        kind: RoutingPolicy
        metadata: { name: test }
        spec:
        %s
          rules:
        %s
        """
            .formatted(String.join("\n", specLines).indent(2), rules.indent(4)));
  }

  /** An item from alternating keys and values. */
  static Map<String, Object> item(Object... keysAndValues) {
    Map<String, Object> item = new HashMap<>();
    item.put("id", "wi-1");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      item.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return item;
  }

  static Decision decide(
      CompiledPolicy policy, Map<String, Object> item, RosterSnapshot roster, String... declined) {
    return ENGINE.decide(new RoutingInput(item, policy, 1, roster, MONDAY_NOON, Set.of(declined)));
  }
}
