package dev.baton.escalation;

import dev.baton.assignment.AssignmentAction;
import dev.baton.assignment.AssignmentChanged;
import dev.baton.assignment.AssignmentState;
import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.policy.Policies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts and stops escalation runs as assignments move, inside the transaction that moves them:
 * work offered or queued by a routing decision whose rule has an accept window or an escalation
 * policy gets a run and its timer; accepting, closing or any other move out of OFFERED/QUEUED stops
 * it, cancelling the timer; a fresh routing replaces it. The runs' own moves (by {@link
 * FireEscalationTimer#ESCALATION}) are left to the timer handler.
 */
@Component
class WatchOffers {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WatchOffers.class);

  private final EscalationRuns runs;
  private final EscalationPolicies escalations;
  private final Policies policies;
  private final AuditLog audit;
  private final Clock clock;

  WatchOffers(
      EscalationRuns runs,
      EscalationPolicies escalations,
      Policies policies,
      AuditLog audit,
      Clock clock) {
    this.runs = runs;
    this.escalations = escalations;
    this.policies = policies;
    this.audit = audit;
    this.clock = clock;
  }

  @EventListener
  void on(AssignmentChanged change) {
    if (change.actor().equals(FireEscalationTimer.ESCALATION)) {
      return;
    }
    String tenantId = change.tenantId();
    UUID item = change.subject().id();
    Optional<EscalationRun> run = runs.lock(tenantId, item).filter(EscalationRun::waiting);
    AssignmentState state = change.after().state();
    boolean waiting = state == AssignmentState.OFFERED || state == AssignmentState.QUEUED;
    boolean moved =
        change.action() == AssignmentAction.ASSIGN
            || change.action() == AssignmentAction.REASSIGN
            || change.action() == AssignmentAction.ESCALATE;
    if (!waiting || moved) {
      run.ifPresent(r -> stop(r, change.action().wireName() + " by " + change.actor()));
    }
    Map<String, Object> decision = change.decision();
    if (waiting && moved && decision != null) {
      start(change, decision);
    }
  }

  private void stop(EscalationRun run, String why) {
    runs.stop(run, EscalationRun.Phase.STOPPED, why);
    audit.append(
        run.tenantId(),
        new AuditRecord(
            FireEscalationTimer.ESCALATION,
            "escalation",
            "work-item",
            run.workItemId().toString(),
            "escalation.stopped",
            why,
            FireEscalationTimer.view(run),
            null));
  }

  private void start(AssignmentChanged change, Map<String, Object> decision) {
    String tenantId = change.tenantId();
    Duration window =
        change.after().state() == AssignmentState.OFFERED ? window(tenantId, decision) : null;
    String escalation = text(decision.get("escalation"));
    if (window == null && escalation == null) {
      return;
    }
    String decisionId = text(decision.get("id"));
    String owner = change.after().owner() == null ? null : change.after().owner().toString();
    List<String> offered =
        owner != null && owner.startsWith("person:") ? List.of(owner.substring(7)) : List.of();
    Instant now = Instant.now(clock);
    EscalationRun fresh =
        new EscalationRun(
            tenantId,
            change.subject().id(),
            // after a stop the stored generation is the one to count on from
            runs.find(tenantId, change.subject().id()).map(EscalationRun::generation).orElse(0),
            window != null ? EscalationRun.Phase.OFFER : EscalationRun.Phase.CHAIN,
            decisionId == null ? null : UUID.fromString(decisionId),
            window,
            escalation,
            0,
            0,
            offered,
            null,
            null);
    if (window != null || escalation == null) {
      runs.arm(fresh, now.plus(java.util.Objects.requireNonNull(window)));
      return;
    }
    Optional<EscalationPolicy> chain = escalations.find(tenantId, escalation);
    if (chain.isEmpty()) {
      // a policy may name an escalation policy before it is written; routing goes on without it
      log.warn(
          "tenant {}: rule {} names escalation policy {}, which does not exist; not escalating {}",
          tenantId,
          decision.get("rule"),
          escalation,
          change.subject().id());
      return;
    }
    EscalationRun armed = runs.arm(fresh, now.plus(chain.get().steps().get(0).after()));
    FireEscalationTimer.started(audit, armed, chain.get());
  }

  /** The accept window of the deciding rule (or its policy), if it has one. */
  private @Nullable Duration window(String tenantId, Map<String, Object> decision) {
    String policy = text(decision.get("policy"));
    Object version = decision.get("policyVersion");
    if (policy == null || !(version instanceof Number number)) {
      return null;
    }
    return policies
        .compiled(tenantId, policies.version(tenantId, policy, number.intValue()))
        .document()
        .spec()
        .acceptWithin(text(decision.get("rule")));
  }

  private static @Nullable String text(@Nullable Object value) {
    return value == null ? null : value.toString();
  }
}
