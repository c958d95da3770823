package dev.baton.routing;

import java.util.HashMap;
import java.util.Map;

/**
 * Open work weighted by priority: a P1 weighs more than a P4. Defaults P1=5, P2=3, P3=2, P4=1,
 * P5=1; a policy's {@code capacityWeights} override them; an unknown priority weighs 1.
 */
final class LoadWeights {

  static final Map<String, Double> DEFAULTS =
      Map.of("P1", 5.0, "P2", 3.0, "P3", 2.0, "P4", 1.0, "P5", 1.0);

  private final Map<String, Double> weights;

  LoadWeights(Map<String, Double> overrides) {
    Map<String, Double> merged = new HashMap<>(DEFAULTS);
    merged.putAll(overrides);
    this.weights = Map.copyOf(merged);
  }

  double load(RosterSnapshot.Person person) {
    double load = 0;
    for (Map.Entry<String, Integer> open : person.openByPriority().entrySet()) {
      load += open.getValue() * weights.getOrDefault(open.getKey(), 1.0);
    }
    return load;
  }
}
