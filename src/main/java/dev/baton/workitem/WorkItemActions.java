package dev.baton.workitem;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentAction;
import dev.baton.assignment.AssignmentCommand;
import dev.baton.assignment.Assignments;
import dev.baton.assignment.Owner;
import dev.baton.assignment.Router;
import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import dev.baton.tenant.Scopes;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Turns an API action request into an assignment command and runs it. */
@Component
class WorkItemActions {

  private final WorkItems items;
  private final Assignments assignments;
  private final Router router;

  WorkItemActions(WorkItems items, Assignments assignments, Router router) {
    this.items = items;
    this.assignments = assignments;
    this.router = router;
  }

  /** {@code {"action": "...", "to": "person:<id>|queue:<id>", "reason": "..."}}. */
  record Request(@Nullable String action, @Nullable String to, @Nullable String reason) {}

  @Transactional
  WorkItems.WithAssignment apply(
      Caller caller, String workItemId, Request request, @Nullable Integer expectedVersion) {
    WorkItem item = items.get(caller.tenantId(), WorkItems.parseId(workItemId));
    if (request.action() == null || request.action().isBlank()) {
      throw new BatonException.InvalidInput("action", "is required");
    }
    AssignmentAction action = AssignmentAction.parse(request.action());
    if (action == AssignmentAction.ROUTE) {
      return route(caller, item, request, expectedVersion);
    }
    Owner to = request.to() == null ? null : Owner.parse("to", request.to());
    Assignment before =
        assignments
            .find(caller.tenantId(), item.id())
            .orElseThrow(() -> new IllegalStateException("no assignment for " + item.id()));
    Assignment after =
        assignments.apply(
            caller.tenantId(),
            WorkItems.subject(item),
            new AssignmentCommand(
                action,
                to,
                request.reason(),
                expectedVersion,
                caller.actor(),
                "api",
                caller.has(Scopes.WORK_ITEMS_OVERRIDE)));
    if (action == AssignmentAction.DECLINE || action == AssignmentAction.REOPEN) {
      Owner decliner = action == AssignmentAction.DECLINE ? before.owner() : null;
      Set<String> excluded =
          decliner != null && decliner.kind() == Owner.Kind.PERSON
              ? Set.of(decliner.id())
              : Set.of();
      after =
          router
              .route(
                  caller.tenantId(),
                  WorkItems.subject(item),
                  WorkItems.facts(item),
                  excluded,
                  action == AssignmentAction.DECLINE ? "declined" : "reopened")
              .orElse(after);
    }
    return new WorkItems.WithAssignment(item, after);
  }

  /** {@code route}: the engine decides now; refused when no policy is active. */
  private WorkItems.WithAssignment route(
      Caller caller, WorkItem item, Request request, @Nullable Integer expectedVersion) {
    new dev.baton.platform.Validation()
        .when(request.to() != null, "to", "is not used by 'route'; the policy decides")
        .check();
    assignments.checkAllowed(caller.tenantId(), item.id(), AssignmentAction.ROUTE, expectedVersion);
    Assignment after =
        router
            .route(
                caller.tenantId(),
                WorkItems.subject(item),
                WorkItems.facts(item),
                Set.of(),
                "route")
            .orElseThrow(
                () ->
                    new BatonException.Conflict(
                        "no routing policy is active; activate one or use 'assign'"));
    return new WorkItems.WithAssignment(item, after);
  }

  /** Parses {@code If-Match: "3"} (also {@code W/"3"} and {@code 3}); {@code *} means any. */
  static @Nullable Integer version(@Nullable String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    String v = ifMatch.trim();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw new BatonException.BadRequest(
          "header 'If-Match' must be the assignment version as an ETag, e.g. \"3\"");
    }
  }
}
