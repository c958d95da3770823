package dev.baton.workitem;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentAction;
import dev.baton.assignment.AssignmentCommand;
import dev.baton.assignment.Assignments;
import dev.baton.assignment.Owner;
import dev.baton.assignment.Router;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import dev.baton.tenant.Scopes;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns an action request into an assignment command and runs it, for the API and for other entry
 * points (Slack) that act for a person.
 */
@Component
public class WorkItemActions {

  private final WorkItems items;
  private final Assignments assignments;
  private final Router router;
  private final ObjectProvider<ActionGate> gates;

  WorkItemActions(
      WorkItems items, Assignments assignments, Router router, ObjectProvider<ActionGate> gates) {
    this.items = items;
    this.assignments = assignments;
    this.router = router;
    this.gates = gates;
  }

  /** What became of a submitted action: applied now, or held for approval (then {@code held}). */
  public record Submitted(WorkItems.@Nullable WithAssignment applied, @Nullable Object held) {}

  /**
   * Runs one action as {@link #apply} does, unless an {@link ActionGate} holds it (an approval the
   * policy asks for): then the action is checked as apply would check it, changes nothing, and what
   * the gate answers is returned instead.
   */
  @Transactional
  public Submitted submit(
      Acting acting, String workItemId, Request request, @Nullable Integer expectedVersion) {
    WorkItem item = items.get(acting.tenantId(), WorkItems.parseId(workItemId));
    if (request.action() == null || request.action().isBlank()) {
      throw new BatonException.InvalidInput("action", "is required");
    }
    AssignmentAction action = AssignmentAction.parse(request.action());
    if (action != AssignmentAction.ROUTE) {
      Owner to = request.to() == null ? null : Owner.parse("to", request.to());
      AssignmentCommand command =
          new AssignmentCommand(
              action,
              to,
              request.reason(),
              expectedVersion,
              acting.actor(),
              acting.source(),
              acting.overrideAllowed());
      for (ActionGate gate : gates.orderedStream().toList()) {
        java.util.Optional<Object> held =
            gate.hold(
                acting,
                item,
                () -> assignments.check(acting.tenantId(), item.id(), command),
                command);
        if (held.isPresent()) {
          return new Submitted(null, held.get());
        }
      }
    }
    return new Submitted(apply(acting, workItemId, request, expectedVersion), null);
  }

  /** {@code {"action": "...", "to": "person:<id>|queue:<id>", "reason": "..."}}. */
  public record Request(@Nullable String action, @Nullable String to, @Nullable String reason) {}

  /**
   * Who acts, in which tenant and from where.
   *
   * @param source recorded in the audit trail: {@code api}, {@code slack}
   * @param overrideAllowed whether the actor holds the right to override
   */
  public record Acting(String tenantId, Actor actor, String source, boolean overrideAllowed) {

    static Acting of(Caller caller) {
      return new Acting(
          caller.tenantId(), caller.actor(), "api", caller.has(Scopes.WORK_ITEMS_OVERRIDE));
    }
  }

  @Transactional
  WorkItems.WithAssignment apply(
      Caller caller, String workItemId, Request request, @Nullable Integer expectedVersion) {
    return apply(Acting.of(caller), workItemId, request, expectedVersion);
  }

  /**
   * Runs one action exactly as {@code POST /api/v1/work-items/{id}/actions} does: the same checks
   * of state, version, target, reason and who may act, the same re-routing after a decline.
   */
  @Transactional
  public WorkItems.WithAssignment apply(
      Acting acting, String workItemId, Request request, @Nullable Integer expectedVersion) {
    WorkItem item = items.get(acting.tenantId(), WorkItems.parseId(workItemId));
    if (request.action() == null || request.action().isBlank()) {
      throw new BatonException.InvalidInput("action", "is required");
    }
    AssignmentAction action = AssignmentAction.parse(request.action());
    if (action == AssignmentAction.ROUTE) {
      return route(acting, item, request, expectedVersion);
    }
    Owner to = request.to() == null ? null : Owner.parse("to", request.to());
    Assignment before =
        assignments
            .find(acting.tenantId(), item.id())
            .orElseThrow(() -> new IllegalStateException("no assignment for " + item.id()));
    Assignment after =
        assignments.apply(
            acting.tenantId(),
            WorkItems.subject(item),
            new AssignmentCommand(
                action,
                to,
                request.reason(),
                expectedVersion,
                acting.actor(),
                acting.source(),
                acting.overrideAllowed()));
    if (action == AssignmentAction.OVERRIDE) {
      after =
          router
              .reclaim(acting.tenantId(), WorkItems.subject(item), WorkItems.facts(item))
              .orElse(after);
    }
    if (action == AssignmentAction.DECLINE || action == AssignmentAction.REOPEN) {
      Owner decliner = action == AssignmentAction.DECLINE ? before.owner() : null;
      Set<String> excluded =
          decliner != null && decliner.kind() == Owner.Kind.PERSON
              ? Set.of(decliner.id())
              : Set.of();
      after =
          router
              .route(
                  acting.tenantId(),
                  WorkItems.subject(item),
                  WorkItems.facts(item),
                  excluded,
                  action == AssignmentAction.DECLINE ? "declined" : "reopened")
              .orElse(after);
    }
    return new WorkItems.WithAssignment(item, after);
  }

  /**
   * Checks, changing nothing, that {@code action} is allowed now and that the actor may take it
   * (before asking a person for what the action needs, such as a decline's reason); throws what
   * {@link #apply} would.
   */
  @Transactional
  public WorkItems.WithAssignment checkMayAct(
      Acting acting, String workItemId, AssignmentAction action) {
    WorkItem item = items.get(acting.tenantId(), WorkItems.parseId(workItemId));
    Assignment current =
        assignments.checkAllowed(acting.tenantId(), item.id(), action, null, acting.actor());
    return new WorkItems.WithAssignment(item, current);
  }

  /**
   * {@code reassign} without a named target: the live policy picks the new owner, excluding the
   * current one (see {@link Router#reassign}); the actor must be allowed to reassign. An {@link
   * ActionGate} sees the reassign to the owner the policy would pick and may hold it (an approval),
   * as it would a reassign that named that owner.
   */
  @Transactional
  public Submitted reassignByPolicy(Acting acting, String workItemId, String reason) {
    WorkItem item = items.get(acting.tenantId(), WorkItems.parseId(workItemId));
    List<ActionGate> all = gates.orderedStream().toList();
    if (!all.isEmpty()) {
      java.util.Optional<Owner> target =
          router.previewReassign(
              acting.tenantId(), WorkItems.subject(item), WorkItems.facts(item), acting.actor());
      if (target.isPresent()) {
        AssignmentCommand command =
            new AssignmentCommand(
                AssignmentAction.REASSIGN,
                target.get(),
                reason,
                null,
                acting.actor(),
                acting.source(),
                acting.overrideAllowed());
        for (ActionGate gate : all) {
          java.util.Optional<Object> held =
              gate.hold(
                  acting,
                  item,
                  () -> assignments.check(acting.tenantId(), item.id(), command),
                  command);
          if (held.isPresent()) {
            return new Submitted(null, held.get());
          }
        }
      }
    }
    Assignment after =
        router.reassign(
            acting.tenantId(),
            WorkItems.subject(item),
            WorkItems.facts(item),
            acting.actor(),
            acting.source(),
            reason);
    return new Submitted(new WorkItems.WithAssignment(item, after), null);
  }

  /** {@code route}: the engine decides now; refused when no policy is active. */
  private WorkItems.WithAssignment route(
      Acting acting, WorkItem item, Request request, @Nullable Integer expectedVersion) {
    new dev.baton.platform.Validation()
        .when(request.to() != null, "to", "is not used by 'route'; the policy decides")
        .check();
    assignments.checkAllowed(acting.tenantId(), item.id(), AssignmentAction.ROUTE, expectedVersion);
    Assignment after =
        router
            .route(
                acting.tenantId(),
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
