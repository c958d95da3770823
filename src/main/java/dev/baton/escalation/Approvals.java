package dev.baton.escalation;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentCommand;
import dev.baton.assignment.Owner;
import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.delivery.Outbox;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.policy.ActivePolicy;
import dev.baton.policy.Policies;
import dev.baton.policy.PolicyDocument;
import dev.baton.policy.RolloutMode;
import dev.baton.roster.Queues;
import dev.baton.roster.Teams;
import dev.baton.workitem.ActionGate;
import dev.baton.workitem.WorkItem;
import dev.baton.workitem.WorkItemActions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approvals (RoutingPolicy {@code spec.approvals}): an action the live policy marks is not applied
 * when requested but stored as a pending request with a timeout timer; an approver applies it (as
 * the requester, the approver recorded) or denies it; at the timeout the policy's outcome applies.
 * Each request is decided once: deciding locks its row and only a pending request moves.
 */
@Component
public class Approvals implements ActionGate {

  /** Timer data of an approval timeout: {@code approval/<tenant>/<id>}. */
  static final String PREFIX = "approval/";

  /** Who acts when a timeout decides. */
  static final Actor APPROVALS = Actor.system("approvals");

  /** The states of a request. */
  static final Set<String> STATES = Set.of("pending", "approved", "denied", "expired", "failed");

  private final JdbcClient jdbc;
  private final Policies policies;
  private final Teams teams;
  private final Queues queues;
  private final Timers timers;
  private final AuditLog audit;
  private final Outbox outbox;
  private final WorkItemActions actions;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Approvals(
      JdbcClient jdbc,
      Policies policies,
      Teams teams,
      Queues queues,
      Timers timers,
      AuditLog audit,
      Outbox outbox,
      WorkItemActions actions,
      PlatformTransactionManager transactionManager,
      Clock clock) {
    this.jdbc = jdbc;
    this.policies = policies;
    this.teams = teams;
    this.queues = queues;
    this.timers = timers;
    this.audit = audit;
    this.outbox = outbox;
    this.actions = actions;
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /** One approval request as stored and answered. */
  public record Request(
      UUID id,
      UUID workItemId,
      String action,
      @Nullable String to,
      @Nullable String reason,
      int itemVersion,
      Actor requestedBy,
      String requestedSource,
      boolean overrideAllowed,
      List<String> approvers,
      String policy,
      String state,
      String onTimeout,
      Instant timeoutAt,
      @Nullable String decidedBy,
      @Nullable Instant decidedAt,
      @Nullable String decisionReason,
      Instant createdAt) {}

  /** A request as the API shows it. */
  public record View(
      UUID id,
      String state,
      UUID workItem,
      String action,
      @Nullable String to,
      @Nullable String reason,
      String requestedBy,
      List<String> approvers,
      String policy,
      String onTimeout,
      Instant timeoutAt,
      @Nullable String decidedBy,
      @Nullable Instant decidedAt,
      @Nullable String decisionReason,
      Instant createdAt) {

    static View of(Request r) {
      return new View(
          r.id(),
          r.state(),
          r.workItemId(),
          r.action(),
          r.to(),
          r.reason(),
          r.requestedBy().toString(),
          r.approvers(),
          r.policy(),
          r.onTimeout(),
          r.timeoutAt(),
          r.decidedBy(),
          r.decidedAt(),
          r.decisionReason(),
          r.createdAt());
    }
  }

  // ---- the gate

  @Override
  public Optional<Object> hold(
      WorkItemActions.Acting acting,
      WorkItem item,
      Supplier<Assignment> check,
      AssignmentCommand command) {
    String tenantId = acting.tenantId();
    String action = command.action().wireName();
    Optional<Map.Entry<String, PolicyDocument.Approvals>> live = live(tenantId);
    if (live.isEmpty()) {
      return Optional.empty();
    }
    PolicyDocument.Approvals approvals = live.get().getValue();
    List<PolicyDocument.Approval> rules =
        approvals.effectiveRequired().stream().filter(r -> r.action().equals(action)).toList();
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    Assignment current = check.get();
    Set<String> holding = teamsOf(tenantId, current.owner());
    Set<String> target = teamsOf(tenantId, command.to());
    boolean needed =
        rules.stream()
            .anyMatch(
                r ->
                    r.effectiveStates().contains(current.state().name())
                        && (!r.effectiveOtherTeamOnly()
                            || (command.to() != null
                                && !holding.isEmpty()
                                && holding.stream().noneMatch(target::contains))));
    if (!needed) {
      return Optional.empty();
    }
    List<String> approvers = approvers(tenantId, approvals, holding);
    String requester = acting.actor().personId();
    if (requester != null && approvers.contains(requester)) {
      return Optional.empty(); // an approver's own action needs no one else's word
    }
    if (approvers.isEmpty()) {
      throw new BatonException.Conflict(
          "'"
              + action
              + "' of this work needs approval, but no one can approve it: team(s) "
              + holding
              + " have no leads and policy "
              + live.get().getKey()
              + " names no approvers");
    }
    String to = command.to() == null ? null : command.to().toString();
    Optional<Request> same = pendingLike(tenantId, item.id(), action, to, acting.actor());
    if (same.isPresent()) {
      return Optional.of(View.of(same.get()));
    }
    Instant now = now();
    Request request =
        new Request(
            UUID.randomUUID(),
            item.id(),
            action,
            to,
            command.reason(),
            current.version(),
            acting.actor(),
            acting.source(),
            acting.overrideAllowed(),
            approvers,
            live.get().getKey(),
            "pending",
            approvals.approveOnTimeout() ? "approve" : "deny",
            now.plus(approvals.effectiveTimeout()),
            null,
            null,
            null,
            now);
    insert(tenantId, request);
    timers.schedule(
        timerId(tenantId, request.id()), request.timeoutAt(), timerId(tenantId, request.id()));
    View view = View.of(request);
    audit.append(
        tenantId,
        new AuditRecord(
            acting.actor(),
            acting.source(),
            "work-item",
            item.id().toString(),
            "approval.requested",
            command.reason(),
            null,
            view));
    outbox.publish(tenantId, "approval.requested", item.id().toString(), event(item, view));
    return Optional.of(view);
  }

  // ---- reading

  public View get(String tenantId, String id) {
    return View.of(find(tenantId, parseId(id)));
  }

  public List<View> list(String tenantId, @Nullable String state) {
    if (state != null && !STATES.contains(state)) {
      throw new BatonException.InvalidInput(
          "state", "must be one of pending, approved, denied, expired, failed");
    }
    return jdbc
        .sql(
            "select * from approval_requests where tenant_id = :tenant and (cast(:state as text)"
                + " is null or state = :state) order by created_at, id limit 500")
        .param("tenant", tenantId)
        .param("state", state)
        .query(Approvals::row)
        .list()
        .stream()
        .map(View::of)
        .toList();
  }

  // ---- deciding

  /**
   * An approver approves or denies a pending request. Approving applies the action as the
   * requester; when the action is no longer valid (the work moved on) the request ends {@code
   * failed} and the approver gets the problem as a 409.
   */
  public View decide(
      String tenantId, String id, Actor approver, boolean approve, @Nullable String reason) {
    return decide(tenantId, id, approver, "api", approve, reason);
  }

  /** {@link #decide} through another entry point, recorded as the audit's {@code source}. */
  public View decide(
      String tenantId,
      String id,
      Actor approver,
      String source,
      boolean approve,
      @Nullable String reason) {
    UUID requestId = parseId(id);
    new dev.baton.platform.Validation()
        .when(reason != null && reason.length() > 2000, "reason", "at most 2000 characters")
        .check();
    try {
      return java.util.Objects.requireNonNull(
          transactions.execute(
              tx -> {
                Request request = lock(tenantId, requestId);
                String person = approver.personId();
                if (person == null || !request.approvers().contains(person)) {
                  throw new BatonException.Forbidden(
                      "only an approver of this request may decide it: " + request.approvers());
                }
                if (!request.state().equals("pending")) {
                  throw new BatonException.Conflict(
                      "approval request " + id + " is already " + request.state());
                }
                return approve
                    ? grant(tenantId, request, approver, source, reason, "approval.granted")
                    : close(
                        tenantId, request, approver, source, "denied", reason, "approval.denied");
              }));
    } catch (Failed failed) {
      View ended = fail(tenantId, requestId, approver, source, failed.getMessage());
      throw new BatonException.Conflict(
          "the action can no longer be applied: " + failed.getMessage(), Map.of("approval", ended));
    }
  }

  /** Runs a due timeout: the policy's outcome, once, for a request still pending. */
  void fire(String data) {
    String[] parts = data.substring(PREFIX.length()).split("/", 2);
    String tenantId = parts[0];
    UUID requestId = UUID.fromString(parts[1]);
    try {
      transactions.executeWithoutResult(
          tx -> {
            Optional<Request> found = lockIfAny(tenantId, requestId);
            if (found.isEmpty() || !found.get().state().equals("pending")) {
              return; // decided before the timeout, or fired already
            }
            Request request = found.get();
            String why =
                "no decision within "
                    + java.time.Duration.between(request.createdAt(), request.timeoutAt());
            if (request.onTimeout().equals("approve")) {
              grant(
                  tenantId,
                  request,
                  APPROVALS,
                  "approvals",
                  why + "; the policy approves",
                  "approval.granted");
            } else {
              close(
                  tenantId,
                  request,
                  APPROVALS,
                  "approvals",
                  "expired",
                  why + "; the policy denies",
                  "approval.expired");
            }
          });
    } catch (Failed failed) {
      fail(tenantId, requestId, APPROVALS, "approvals", failed.getMessage());
    }
  }

  private View grant(
      String tenantId,
      Request request,
      Actor approver,
      String source,
      @Nullable String reason,
      String auditAction) {
    View decided = store(tenantId, request, "approved", approver, reason);
    timers.cancel(timerId(tenantId, request.id()));
    audit.append(
        tenantId,
        new AuditRecord(
            approver,
            source,
            "work-item",
            request.workItemId().toString(),
            auditAction,
            reason,
            View.of(request),
            decided));
    outbox.publish(tenantId, auditAction, request.workItemId().toString(), decided);
    String why =
        (request.reason() == null ? "" : request.reason() + "; ") + "approved by " + approver;
    try {
      actions.apply(
          new WorkItemActions.Acting(
              tenantId, request.requestedBy(), "approval", request.overrideAllowed()),
          request.workItemId().toString(),
          new WorkItemActions.Request(request.action(), request.to(), why),
          null);
    } catch (BatonException e) {
      // the whole decision rolls back; the caller records the failure in a transaction of its own
      throw new Failed(e.getMessage());
    }
    return decided;
  }

  private View fail(
      String tenantId, UUID requestId, Actor approver, String source, @Nullable String why) {
    return java.util.Objects.requireNonNull(
        transactions.execute(
            tx -> {
              Request current = lock(tenantId, requestId);
              if (!current.state().equals("pending")) {
                return View.of(current);
              }
              return close(tenantId, current, approver, source, "failed", why, "approval.failed");
            }));
  }

  private View close(
      String tenantId,
      Request request,
      Actor by,
      String source,
      String state,
      @Nullable String reason,
      String auditAction) {
    View decided = store(tenantId, request, state, by, reason);
    timers.cancel(timerId(tenantId, request.id()));
    audit.append(
        tenantId,
        new AuditRecord(
            by,
            source,
            "work-item",
            request.workItemId().toString(),
            auditAction,
            reason,
            View.of(request),
            decided));
    outbox.publish(tenantId, auditAction, request.workItemId().toString(), decided);
    return decided;
  }

  /** A decision that could not apply the action: rolls the decision back. */
  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(@Nullable String message) {
      super(message);
    }
  }

  // ---- policy and roster

  /** The first live (mode {@code on}) active policy, by name, that has {@code spec.approvals}. */
  private Optional<Map.Entry<String, PolicyDocument.Approvals>> live(String tenantId) {
    for (ActivePolicy p : policies.active(tenantId)) {
      PolicyDocument.Approvals approvals = p.compiled().document().spec().approvals();
      if (p.mode() == RolloutMode.ON && approvals != null) {
        return Optional.of(Map.entry(p.name(), approvals));
      }
    }
    return Optional.empty();
  }

  private Set<String> teamsOf(String tenantId, @Nullable Owner owner) {
    if (owner == null) {
      return Set.of();
    }
    if (owner.kind() == Owner.Kind.QUEUE) {
      return queues.find(tenantId, owner.id()).map(q -> Set.of(q.team())).orElse(Set.of());
    }
    return new LinkedHashSet<>(teams.teamsOf(tenantId, owner.id()));
  }

  private List<String> approvers(
      String tenantId, PolicyDocument.Approvals approvals, Set<String> holding) {
    if (!approvals.approvers().isEmpty()) {
      return approvals.approvers();
    }
    Set<String> leads = new LinkedHashSet<>();
    holding.stream()
        .sorted()
        .forEach(t -> teams.find(tenantId, t).ifPresent(team -> leads.addAll(team.leads())));
    return new ArrayList<>(leads);
  }

  // ---- storage

  private Optional<Request> pendingLike(
      String tenantId, UUID item, String action, @Nullable String to, Actor requester) {
    return jdbc.sql(
            "select * from approval_requests where tenant_id = :tenant and work_item_id = :item"
                + " and action = :action and coalesce(target, '') = :to and requested_type = :type"
                + " and requested_id = :rid and state = 'pending'")
        .param("tenant", tenantId)
        .param("item", item)
        .param("action", action)
        .param("to", to == null ? "" : to)
        .param("type", requester.type())
        .param("rid", requester.id())
        .query(Approvals::row)
        .optional();
  }

  private void insert(String tenantId, Request r) {
    jdbc.sql(
            """
            insert into approval_requests (tenant_id, id, work_item_id, action, target, reason,
              item_version, requested_type, requested_id, requested_via, requested_source,
              override_allowed, approvers, policy, state, on_timeout, timeout_at, created_at)
            values (:tenant, :id, :item, :action, :target, :reason, :version, :type, :rid, :via,
              :source, :override, :approvers, :policy, 'pending', :onTimeout, :timeoutAt, :createdAt)
            """)
        .param("tenant", tenantId)
        .param("id", r.id())
        .param("item", r.workItemId())
        .param("action", r.action())
        .param("target", r.to())
        .param("reason", r.reason())
        .param("version", r.itemVersion())
        .param("type", r.requestedBy().type())
        .param("rid", r.requestedBy().id())
        .param("via", r.requestedBy().via())
        .param("source", r.requestedSource())
        .param("override", r.overrideAllowed())
        .param("approvers", r.approvers().toArray(String[]::new))
        .param("policy", r.policy())
        .param("onTimeout", r.onTimeout())
        .param("timeoutAt", Timestamp.from(r.timeoutAt()))
        .param("createdAt", Timestamp.from(r.createdAt()))
        .update();
  }

  private View store(
      String tenantId, Request request, String state, Actor by, @Nullable String reason) {
    Instant now = now();
    jdbc.sql(
            "update approval_requests set state = :state, decided_by = :by, decided_at = :at,"
                + " decision_reason = :reason where tenant_id = :tenant and id = :id")
        .param("state", state)
        .param("by", by.toString())
        .param("at", Timestamp.from(now))
        .param("reason", reason)
        .param("tenant", tenantId)
        .param("id", request.id())
        .update();
    return View.of(lock(tenantId, request.id()));
  }

  private Request find(String tenantId, UUID id) {
    return jdbc.sql("select * from approval_requests where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query(Approvals::row)
        .optional()
        .orElseThrow(() -> new BatonException.NotFound("approval", id));
  }

  private Request lock(String tenantId, UUID id) {
    return lockIfAny(tenantId, id).orElseThrow(() -> new BatonException.NotFound("approval", id));
  }

  private Optional<Request> lockIfAny(String tenantId, UUID id) {
    return jdbc.sql(
            "select * from approval_requests where tenant_id = :tenant and id = :id for update")
        .param("tenant", tenantId)
        .param("id", id)
        .query(Approvals::row)
        .optional();
  }

  private static Request row(ResultSet rs, int n) throws SQLException {
    Timestamp decided = rs.getTimestamp("decided_at");
    return new Request(
        rs.getObject("id", UUID.class),
        rs.getObject("work_item_id", UUID.class),
        rs.getString("action"),
        rs.getString("target"),
        rs.getString("reason"),
        rs.getInt("item_version"),
        new Actor(
            rs.getString("requested_type"),
            rs.getString("requested_id"),
            rs.getString("requested_via")),
        rs.getString("requested_source"),
        rs.getBoolean("override_allowed"),
        Arrays.asList((String[]) rs.getArray("approvers").getArray()),
        rs.getString("policy"),
        rs.getString("state"),
        rs.getString("on_timeout"),
        rs.getTimestamp("timeout_at").toInstant(),
        rs.getString("decided_by"),
        decided == null ? null : decided.toInstant(),
        rs.getString("decision_reason"),
        rs.getTimestamp("created_at").toInstant());
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BatonException.NotFound("approval", id);
    }
  }

  static String timerId(String tenantId, UUID id) {
    return PREFIX + tenantId + "/" + id;
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  private static Map<String, Object> event(WorkItem item, View view) {
    Map<String, Object> data = new LinkedHashMap<>();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("id", item.id().toString());
    summary.put("title", item.title());
    summary.put("externalKey", item.source().externalKey());
    summary.put("url", item.source().url());
    data.put("workItem", summary);
    data.put("approval", view);
    data.put("targets", view.approvers().stream().map(p -> "person:" + p).toList());
    return data;
  }
}
