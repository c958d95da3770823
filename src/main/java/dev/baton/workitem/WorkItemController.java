package dev.baton.workitem;

import dev.baton.assignment.RoutingDecisions;
import dev.baton.audit.AuditEntry;
import dev.baton.audit.AuditLog;
import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import dev.baton.platform.IdempotencyKeys;
import dev.baton.platform.Page;
import dev.baton.platform.RawBody;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/work-items}: create (with {@code Idempotency-Key}), read, list, act on the
 * assignment (with {@code If-Match}), and read the item's audit trail.
 */
@RestController
@RequestMapping("/api/v1/work-items")
class WorkItemController {

  private final WorkItems items;
  private final WorkItemQuery query;
  private final WorkItemActions actions;
  private final IdempotencyKeys idempotency;
  private final AuditLog audit;
  private final RoutingDecisions decisions;

  WorkItemController(
      WorkItems items,
      WorkItemQuery query,
      WorkItemActions actions,
      IdempotencyKeys idempotency,
      AuditLog audit,
      RoutingDecisions decisions) {
    this.items = items;
    this.query = query;
    this.actions = actions;
    this.idempotency = idempotency;
    this.audit = audit;
    this.decisions = decisions;
  }

  @PostMapping
  ResponseEntity<String> create(
      @AuthenticationPrincipal Caller caller,
      @RequestBody NewWorkItem request,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      @RequestParam(defaultValue = "true") boolean route,
      HttpServletRequest http) {
    return idempotency.run(
        key(caller, key, http),
        () ->
            new IdempotencyKeys.Outcome(
                HttpStatus.CREATED,
                WorkItemView.of(
                    items.create(caller.tenantId(), request, "", caller.actor(), "api", route))));
  }

  @GetMapping("/{id}")
  ResponseEntity<WorkItemView> get(
      @AuthenticationPrincipal Caller caller, @PathVariable String id) {
    WorkItems.WithAssignment found = items.getWithAssignment(caller.tenantId(), id);
    return ResponseEntity.ok()
        .eTag("\"" + found.assignment().version() + "\"")
        .body(WorkItemView.of(found));
  }

  @GetMapping
  Page<WorkItemView> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(required = false) @Nullable String owner,
      @RequestParam(required = false) @Nullable String team,
      @RequestParam(required = false) @Nullable String priority,
      @RequestParam(required = false) @Nullable String type,
      @RequestParam(required = false) @Nullable String source,
      @RequestParam(required = false) @Nullable String text,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    Page<WorkItems.WithAssignment> page =
        query.list(
            caller.tenantId(),
            new WorkItemFilter(state, owner, team, priority, type, source, text),
            cursor,
            Page.limit(limit));
    return new Page<>(page.items().stream().map(WorkItemView::of).toList(), page.next());
  }

  @PostMapping("/{id}/actions")
  ResponseEntity<String> act(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody WorkItemActions.Request request,
      @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      HttpServletRequest http) {
    Integer expected = WorkItemActions.version(ifMatch);
    ResponseEntity<String> answer =
        idempotency.run(
            key(caller, key, http),
            () -> {
              WorkItemActions.Submitted submitted =
                  actions.submit(WorkItemActions.Acting.of(caller), id, request, expected);
              return submitted.held() != null
                  ? new IdempotencyKeys.Outcome(HttpStatus.ACCEPTED, submitted.held())
                  : new IdempotencyKeys.Outcome(
                      HttpStatus.OK,
                      WorkItemView.of(java.util.Objects.requireNonNull(submitted.applied())));
            });
    return answer;
  }

  /**
   * The decision behind the item's current routing: the latest applied one, else the latest shadow
   * one; 404 when the item was never routed.
   */
  @GetMapping("/{id}/decision")
  RoutingDecisions.Stored decision(
      @AuthenticationPrincipal Caller caller, @PathVariable String id) {
    WorkItem item = items.get(caller.tenantId(), WorkItems.parseId(id));
    List<RoutingDecisions.Stored> all = decisions.of(caller.tenantId(), item.id());
    return all.stream()
        .filter(RoutingDecisions.Stored::applied)
        .findFirst()
        .or(() -> all.stream().findFirst())
        .orElseThrow(() -> new BatonException.NotFound("decision of work item", id));
  }

  /** The item's routing decisions, newest first: rule path, candidates, rejections, why. */
  @GetMapping("/{id}/decisions")
  Map<String, List<RoutingDecisions.Stored>> decisions(
      @AuthenticationPrincipal Caller caller, @PathVariable String id) {
    WorkItem item = items.get(caller.tenantId(), WorkItems.parseId(id));
    return Map.of("items", decisions.of(caller.tenantId(), item.id()));
  }

  @GetMapping("/{id}/audit")
  Map<String, List<AuditEntry>> audit(
      @AuthenticationPrincipal Caller caller, @PathVariable String id) {
    WorkItem item = items.get(caller.tenantId(), WorkItems.parseId(id));
    // entries name the item by its canonical (lowercase) id, whatever case the caller used
    return Map.of("items", audit.entriesFor(caller.tenantId(), "work-item", item.id().toString()));
  }

  static java.util.Optional<IdempotencyKeys.Key> key(
      Caller caller, @Nullable String key, HttpServletRequest http) {
    return IdempotencyKeys.of(
        caller.tenantId(), key, http.getMethod(), http.getRequestURI(), RawBody.of(http));
  }
}
