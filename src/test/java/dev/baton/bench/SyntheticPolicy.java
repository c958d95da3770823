package dev.baton.bench;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A routing policy of 100 rules over the {@link SyntheticOrg}: five P1-incident rules to on-call
 * schedules, one notify-only rule that continues, 93 team rules cycling through eight kinds of
 * target (least-loaded, skills-match, round-robin, CEL score, schedule, queue, fromItem, sticky),
 * and a component-owner map of all 75 components last; work about other components goes to the
 * fallback queue.
 */
final class SyntheticPolicy {

  static final int RULES = 100;

  private SyntheticPolicy() {}

  static String yaml() {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: baton.dev/v1
            kind: RoutingPolicy
            metadata: { name: benchmark }
            spec:
              tieBreaker: [load, lastAssignedAt, id]
              capacityWeights: { P1: 8 }
              fallback: { queue: %s }
              rules:
            """
                .formatted(SyntheticOrg.FALLBACK_QUEUE));
    for (int g = 0; g < 5; g++) {
      List<String> teams = SyntheticOrg.TEAMS.subList(g * 5, g * 5 + 5);
      String components =
          list(teams.stream().flatMap(t -> SyntheticOrg.components(t).stream()).toList());
      rule(
          yaml,
          "p1-incidents-" + g,
          "item.priority == \"P1\" && item.type == \"incident\" && item.component in " + components,
          "{ schedule: %s }".formatted(SyntheticOrg.schedule(g == 4 ? 9 : g)),
          "  escalation: sre-default\n  notify: { slack: { channel: \"#incidents\" } }");
    }
    rule(
        yaml,
        "security-watch",
        "\"security\" in item.labels || (has(item.customer) && item.customer.tier =="
            + " \"enterprise\" && item.priority == \"P1\")",
        null,
        "  continue: true\n  notify: { slack: { channel: \"#security\" } }");
    for (int k = 0; k < RULES - 7; k++) {
      String team = SyntheticOrg.TEAMS.get(k % SyntheticOrg.TEAMS.size());
      teamRule(yaml, k % 8, team, k);
    }
    String owners =
        SyntheticOrg.TEAMS.stream()
            .flatMap(
                team -> {
                  List<String> c = SyntheticOrg.components(team);
                  String queue = "\"queue:" + SyntheticOrg.supportQueue(team) + "\"";
                  String owner = "\"team:" + team + "\"";
                  return Stream.of(
                      c.get(0) + ": " + owner, c.get(1) + ": " + owner, c.get(2) + ": " + queue);
                })
            .collect(Collectors.joining(", "));
    rule(
        yaml,
        "component-owners",
        "has(item.component)",
        "{ fromItem: { field: component, map: { " + owners + " } }, strategy: least-loaded }",
        "");
    return yaml.toString();
  }

  private static void teamRule(StringBuilder yaml, int kind, String team, int k) {
    List<String> components = SyntheticOrg.components(team);
    String in = "item.component in " + list(components);
    String name = team + "-" + k;
    switch (kind) {
      case 0 ->
          rule(
              yaml,
              name + "-customer-bugs",
              "item.type == \"bug\" && "
                  + in
                  + " && has(item.customer) && item.customer.tier in [\"premium\", \"enterprise\"]"
                  + " && !(\"duplicate\" in item.labels)",
              "{ team: %s, strategy: least-loaded, requireSkills: [%s] }".formatted(team, team),
              "  escalation: " + team + "-escalation");
      case 1 ->
          rule(
              yaml,
              name + "-regressions",
              in
                  + " && item.priority in [\"P1\", \"P2\"]"
                  + " && item.labels.exists(l, l == \"regression\" || l == \"data-loss\")",
              "{ team: %s, strategy: skills-match, requireSkills: [%s] }".formatted(team, team),
              "");
      case 2 ->
          rule(
              yaml,
              name + "-tasks",
              "item.component == \""
                  + components.get(0)
                  + "\" && item.type in [\"task\", \"chore\"]"
                  + " && !(\"needs-triage\" in item.labels) && item.source.system != \"zendesk\"",
              "{ team: %s, strategy: round-robin }".formatted(team),
              "");
      case 3 ->
          rule(
              yaml,
              name + "-impact",
              in
                  + " && has(item.attributes.impact) && item.attributes.impact >= 6"
                  + " && item.priority != \"P5\"",
              ("{ team: %s, score: '(has(candidate.skills.%s) ? double(candidate.skills.%s) * 2.0"
                      + " : 0.0) - candidate.load * 0.5"
                      + " + (candidate.timeZone == \"Europe/Berlin\" ? 0.5 : 0.0)' }")
                  .formatted(team, team, team),
              "");
      case 4 ->
          rule(
              yaml,
              name + "-incidents",
              "item.type == \"incident\" && item.priority in [\"P1\", \"P2\"] && " + in,
              "{ schedule: %s }".formatted(SyntheticOrg.schedule(k % SyntheticOrg.SCHEDULES)),
              "  escalation: sre-default");
      case 5 ->
          rule(
              yaml,
              name + "-questions",
              in + " && item.type in [\"question\", \"feature\"]",
              "{ queue: %s }".formatted(SyntheticOrg.supportQueue(team)),
              "");
      case 6 ->
          rule(
              yaml,
              name + "-named-owner",
              in + " && has(item.attributes.owner)",
              "{ fromItem: { field: attributes.owner, default: \"team:%s\" } }".formatted(team),
              "");
      default ->
          rule(
              yaml,
              name + "-follow-ups",
              in + " && has(item.attributes.relatedItem) && item.type != \"feature\"",
              "{ team: %s, strategy: sticky, otherwise: round-robin }".formatted(team),
              "");
    }
  }

  private static void rule(
      StringBuilder yaml, String name, String when, @Nullable String assign, String extra) {
    yaml.append("    - name: ").append(name).append('\n');
    yaml.append("      when: '").append(when).append("'\n");
    if (assign != null) {
      yaml.append("      assign: ").append(assign).append('\n');
    }
    if (!extra.isEmpty()) {
      extra.lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
    }
  }

  private static String list(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
  }
}
