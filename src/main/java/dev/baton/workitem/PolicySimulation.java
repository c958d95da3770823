package dev.baton.workitem;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.Assignments;
import dev.baton.assignment.Router;
import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import dev.baton.policy.ActivePolicy;
import dev.baton.policy.CompiledPolicy;
import dev.baton.policy.Policies;
import dev.baton.policy.PolicyVersion;
import dev.baton.routing.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a stored version (default the active one) or a draft would decide for a list of items or the
 * items created in a time window, now, without changing anything; each decision beside what
 * actually happened, and the load per owner that would result. Each item is decided on its own
 * against the current load.
 */
@Component
public class PolicySimulation {

  public static final int MAX_ITEMS = 500;
  static final java.time.Duration DEFAULT_WINDOW = java.time.Duration.ofDays(7);

  private final Policies policies;
  private final Router router;
  private final WorkItems items;
  private final Assignments assignments;
  private final java.time.Clock clock;

  PolicySimulation(
      Policies policies,
      Router router,
      WorkItems items,
      Assignments assignments,
      java.time.Clock clock) {
    this.policies = policies;
    this.router = router;
    this.items = items;
    this.assignments = assignments;
    this.clock = clock;
  }

  /**
   * {@code version} (default: the active one) or {@code draft} (a policy document); {@code items}
   * (work item ids) or a window of creation times {@code from}..{@code to} (default the last 7
   * days), at most {@value #MAX_ITEMS} items, newest first.
   */
  public record Request(
      @Nullable Integer version,
      @Nullable String draft,
      @Nullable List<String> items,
      java.time.@Nullable Instant from,
      java.time.@Nullable Instant to) {}

  /**
   * The simulation of policy {@code name} (a stored version or a draft) over the chosen items: each
   * decision beside what happened, how many differ, and the load per owner. Changes nothing.
   */
  @Transactional(readOnly = true)
  public Map<String, Object> simulate(String tenantId, String name, Request request) {
    Validation v = new Validation();
    v.when(
        request.draft() != null && request.version() != null,
        "draft",
        "give either 'draft' or 'version', not both");
    v.when(
        request.items() != null && request.items().size() > MAX_ITEMS,
        "items",
        "at most " + MAX_ITEMS + " items");
    v.when(
        request.items() != null && (request.from() != null || request.to() != null),
        "items",
        "give either 'items' or a window 'from'/'to', not both");
    v.check();
    ActivePolicy candidate = candidate(tenantId, name, request);
    List<WorkItem> chosen = new ArrayList<>();
    if (request.items() != null) {
      request.items().forEach(id -> chosen.add(items.get(tenantId, WorkItems.parseId(id))));
    } else {
      java.time.Instant to = request.to() == null ? java.time.Instant.now(clock) : request.to();
      java.time.Instant from = request.from() == null ? to.minus(DEFAULT_WINDOW) : request.from();
      new Validation().when(!to.isAfter(from), "to", "must be after 'from'").check();
      chosen.addAll(items.createdBetween(tenantId, from, to, MAX_ITEMS));
    }
    Map<java.util.UUID, Assignment> actual =
        assignments.findAll(tenantId, chosen.stream().map(WorkItem::id).toList());
    List<Map<String, Object>> decisions = new ArrayList<>();
    Map<String, Integer> load = new TreeMap<>();
    int changed = 0;
    for (WorkItem item : chosen) {
      Decision d = router.simulate(tenantId, List.of(candidate), WorkItems.facts(item)).get(0);
      Assignment now = actual.get(item.id());
      String actualOwner = now == null || now.owner() == null ? null : now.owner().toString();
      boolean differs = !java.util.Objects.equals(actualOwner, d.owner());
      changed += differs ? 1 : 0;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(
          "workItem",
          Map.of("id", item.id().toString(), "title", item.title(), "priority", item.priority()));
      row.put("decision", d);
      Map<String, @Nullable Object> happened = new LinkedHashMap<>();
      happened.put("state", now == null ? null : now.state().name());
      happened.put("owner", actualOwner);
      row.put("actual", happened);
      row.put("differs", differs);
      decisions.add(row);
      load.merge(d.owner() == null ? "(none)" : d.owner(), 1, Integer::sum);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("policy", candidate.name());
    answer.put("version", candidate.version());
    answer.put("items", chosen.size());
    answer.put("differs", changed);
    answer.put("decisions", decisions);
    answer.put("load", load);
    return answer;
  }

  private ActivePolicy candidate(String tenantId, String name, Request request) {
    if (request.draft() != null) {
      CompiledPolicy draft = policies.validate(request.draft());
      return new ActivePolicy(draft.name(), 0, draft.document().spec().effectiveMode(), draft);
    }
    Integer version =
        request.version() != null
            ? request.version()
            : policies.summary(tenantId, name).activeVersion();
    if (version == null) {
      throw new BatonException.InvalidInput(
          "version", "policy '" + name + "' has no active version; name one");
    }
    PolicyVersion stored = policies.version(tenantId, name, version);
    CompiledPolicy compiled = policies.compiled(tenantId, stored);
    return new ActivePolicy(name, version, compiled.document().spec().effectiveMode(), compiled);
  }
}
