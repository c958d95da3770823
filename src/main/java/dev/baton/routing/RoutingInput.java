package dev.baton.routing;

import dev.baton.policy.CompiledPolicy;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything a routing decision depends on; the same input always gives an equal decision.
 *
 * @param item the work item's fields (id, type, title, priority, severity, labels, component,
 *     customer{id,tier}, reporter, source{system,...}, attributes, skills)
 * @param at the decision instant: conditions see it as {@code now}, working hours and time off are
 *     checked at it
 * @param excluded people who must not get this item (they declined it)
 * @param answers the decision functions' answers known so far, by the name of the rule that asked
 */
public record RoutingInput(
    Map<String, ?> item,
    CompiledPolicy policy,
    int policyVersion,
    RosterSnapshot roster,
    Instant at,
    Set<String> excluded,
    Map<String, FunctionAnswer> answers) {

  public RoutingInput {
    // null values are allowed (an item without severity), so no Map.copyOf
    item = Collections.unmodifiableMap(new LinkedHashMap<String, Object>(item));
    excluded = Set.copyOf(excluded);
    answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
  }

  /** An input without function answers (yet). */
  public RoutingInput(
      Map<String, ?> item,
      CompiledPolicy policy,
      int policyVersion,
      RosterSnapshot roster,
      Instant at,
      Set<String> excluded) {
    this(item, policy, policyVersion, roster, at, excluded, Map.of());
  }

  /** This input with one more answer (replacing an earlier one of the same rule). */
  public RoutingInput withAnswer(FunctionAnswer answer) {
    Map<String, FunctionAnswer> more = new LinkedHashMap<>(answers);
    more.put(answer.rule(), answer);
    return new RoutingInput(item, policy, policyVersion, roster, at, excluded, more);
  }
}
