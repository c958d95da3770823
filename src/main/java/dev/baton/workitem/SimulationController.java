package dev.baton.workitem;

import dev.baton.assignment.Router;
import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/policies/simulate}: what a draft (YAML) or a stored version would decide for
 * existing work items, now, without changing anything. Each item is decided on its own against the
 * current load.
 */
@RestController
class SimulationController {

  static final int MAX_ITEMS = 500;

  private final Policies policies;
  private final Router router;
  private final WorkItems items;
  private final WorkItemQuery query;

  SimulationController(Policies policies, Router router, WorkItems items, WorkItemQuery query) {
    this.policies = policies;
    this.router = router;
    this.items = items;
    this.query = query;
  }

  /**
   * Either {@code draft} (a policy document) or {@code policy} with an optional {@code version}
   * (default: the active one); either {@code items} (work item ids) or {@code recent} (the newest N
   * items, default 50).
   */
  record Request(
      @Nullable String draft,
      @Nullable String policy,
      @Nullable Integer version,
      @Nullable List<String> items,
      @Nullable Integer recent) {}

  @PostMapping("/api/v1/policies/simulate")
  Map<String, Object> simulate(
      @AuthenticationPrincipal Caller caller, @RequestBody Request request) {
    Validation v = new Validation();
    v.when(
        (request.draft() == null) == (request.policy() == null),
        "draft",
        "give either 'draft' (a policy document) or 'policy' (a stored policy's name)");
    v.when(
        request.items() != null && request.items().size() > MAX_ITEMS,
        "items",
        "at most " + MAX_ITEMS + " items");
    v.when(
        request.recent() != null && (request.recent() < 1 || request.recent() > MAX_ITEMS),
        "recent",
        "must be between 1 and " + MAX_ITEMS);
    v.check();
    ActivePolicy candidate = candidate(caller.tenantId(), request);
    List<WorkItem> chosen = new ArrayList<>();
    if (request.items() != null) {
      request
          .items()
          .forEach(id -> chosen.add(items.get(caller.tenantId(), WorkItems.parseId(id))));
    } else {
      int n = request.recent() == null ? 50 : request.recent();
      query
          .list(
              caller.tenantId(),
              new WorkItemFilter(null, null, null, null, null, null, null),
              null,
              n)
          .items()
          .forEach(w -> chosen.add(w.item()));
    }
    List<Map<String, Object>> decisions = new ArrayList<>();
    Map<String, Integer> load = new TreeMap<>();
    for (WorkItem item : chosen) {
      Decision d =
          router.simulate(caller.tenantId(), List.of(candidate), WorkItems.facts(item)).get(0);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(
          "workItem",
          Map.of("id", item.id().toString(), "title", item.title(), "priority", item.priority()));
      row.put("decision", d);
      decisions.add(row);
      load.merge(d.owner() == null ? "(none)" : d.owner(), 1, Integer::sum);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("policy", candidate.name());
    answer.put("version", candidate.version());
    answer.put("decisions", decisions);
    answer.put("load", load);
    return answer;
  }

  private ActivePolicy candidate(String tenantId, Request request) {
    if (request.draft() != null) {
      CompiledPolicy draft = policies.validate(request.draft());
      return new ActivePolicy(draft.name(), 0, draft.document().spec().effectiveMode(), draft);
    }
    String name = java.util.Objects.requireNonNull(request.policy());
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
