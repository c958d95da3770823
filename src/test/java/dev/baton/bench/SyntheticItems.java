package dev.baton.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Work items as the engine receives them (the fields of {@code RoutingInput.item}), spread so that
 * rules match them early, in the middle, late, or not at all (then the fallback queue takes them).
 */
final class SyntheticItems {

  private static final List<String> TYPES =
      weighted("bug", 30, "incident", 10, "task", 25, "chore", 5, "question", 10, "feature", 20);

  private static final List<String> PRIORITIES =
      weighted("P1", 5, "P2", 15, "P3", 40, "P4", 30, "P5", 10);

  private static final List<String> LABELS =
      List.of(
          "regression",
          "data-loss",
          "security",
          "needs-triage",
          "duplicate",
          "customer-reported",
          "flaky",
          "ux");

  private static final List<String> TIERS = List.of("free", "pro", "premium", "enterprise");

  private static final List<String> SYSTEMS = List.of("github", "jira", "zendesk", "pagerduty");

  // related items reach past the roster's 300 sticky owners, so some have no owner
  private static final int RELATED_KEYS = 400;

  private SyntheticItems() {}

  static String id(int n) {
    return "WI-%04d".formatted(n);
  }

  static List<Map<String, Object>> generate(Random random, int count) {
    List<Map<String, Object>> items = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      items.add(item(random, n));
    }
    return items;
  }

  private static Map<String, Object> item(Random random, int n) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", id(n));
    item.put("type", pick(random, TYPES));
    item.put("title", "Synthetic work item number " + n);
    item.put("priority", pick(random, PRIORITIES));
    if (random.nextInt(10) < 3) {
      item.put("severity", "sev" + (1 + random.nextInt(4)));
    }
    List<String> labels = new ArrayList<>();
    for (String label : LABELS) {
      if (random.nextInt(100) < 12) {
        labels.add(label);
      }
    }
    item.put("labels", labels);
    String team = pick(random, SyntheticOrg.TEAMS);
    item.put(
        "component",
        random.nextInt(100) < 15
            ? pick(random, SyntheticOrg.UNOWNED_COMPONENTS)
            : pick(random, SyntheticOrg.components(team)));
    if (random.nextInt(10) < 7) {
      item.put(
          "customer", Map.of("id", "cust-" + random.nextInt(2000), "tier", pick(random, TIERS)));
    }
    item.put("reporter", "user-" + random.nextInt(5000));
    item.put(
        "source",
        Map.of("system", pick(random, SYSTEMS), "externalId", String.valueOf(10_000 + n)));
    Map<String, Object> attributes = new HashMap<>();
    if (random.nextInt(10) < 6) {
      attributes.put("impact", 1 + random.nextInt(10));
    }
    if (random.nextInt(100) < 8) {
      attributes.put(
          "owner",
          random.nextBoolean()
              ? SyntheticOrg.person(team, random.nextInt(SyntheticOrg.PEOPLE_PER_TEAM))
              : "queue:" + SyntheticOrg.supportQueue(team));
    }
    if (random.nextInt(100) < 15) {
      attributes.put("relatedItem", id(random.nextInt(RELATED_KEYS)));
    }
    item.put("attributes", attributes);
    if (random.nextInt(4) == 0) {
      item.put("skills", List.of(team, pick(random, SyntheticOrg.GENERAL_SKILLS)));
    }
    return item;
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static List<String> weighted(Object... valuesAndWeights) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < valuesAndWeights.length; i += 2) {
      for (int w = 0; w < (Integer) valuesAndWeights[i + 1]; w++) {
        out.add((String) valuesAndWeights[i]);
      }
    }
    return List.copyOf(out);
  }
}
