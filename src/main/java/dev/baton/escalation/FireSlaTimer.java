package dev.baton.escalation;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentState;
import dev.baton.assignment.AssignmentSubject;
import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.delivery.Outbox;
import dev.baton.workitem.WorkItems;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs a due SLA timer in one transaction: a running clock becomes at risk ({@code sla.at_risk})
 * and waits for its breach; an at-risk clock is breached ({@code sla.breached}) and, when the SLA
 * names an escalation policy and the work is still offered or queued, starts its chain. Each is an
 * audit entry and an event.
 */
@Component
class FireSlaTimer {

  private final SlaClocks clocks;
  private final EscalationRuns runs;
  private final EscalationPolicies escalations;
  private final LockAssignment assignmentLock;
  private final WorkItems items;
  private final AuditLog audit;
  private final Outbox outbox;
  private final Clock clock;
  private final SlaMetrics metrics;

  FireSlaTimer(
      SlaClocks clocks,
      EscalationRuns runs,
      EscalationPolicies escalations,
      LockAssignment assignmentLock,
      WorkItems items,
      AuditLog audit,
      Outbox outbox,
      Clock clock,
      SlaMetrics metrics) {
    this.metrics = metrics;
    this.clocks = clocks;
    this.runs = runs;
    this.escalations = escalations;
    this.assignmentLock = assignmentLock;
    this.items = items;
    this.audit = audit;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional
  public void fire(String data) {
    SlaClocks.TimerData timer = SlaClocks.TimerData.parse(data);
    // the order of a transition: assignment, escalation run, SLA clocks
    Assignment current = assignmentLock.lock(timer.tenantId(), timer.workItemId()).orElse(null);
    Optional<EscalationRun> run = runs.lock(timer.tenantId(), timer.workItemId());
    Optional<SlaClock> found = clocks.lock(timer.tenantId(), timer.workItemId(), timer.metric());
    if (found.isEmpty() || found.get().generation() != timer.generation()) {
      return;
    }
    SlaClock c = found.get();
    AssignmentSubject subject = WorkItems.subject(items.get(c.tenantId(), c.workItemId()));
    if (c.state() == SlaClock.State.RUNNING) {
      SlaClock risky = clocks.arm(c, SlaClock.State.AT_RISK, c.breachAt());
      report(risky, subject, "sla.at_risk", "time to " + c.metric() + " is at risk");
      metrics.atRisk(risky);
    } else if (c.state() == SlaClock.State.AT_RISK) {
      SlaClock breached = clocks.end(c, SlaClock.State.BREACHED);
      report(breached, subject, "sla.breached", "time to " + c.metric() + " was breached");
      metrics.breached(breached);
      if (c.escalation() != null) {
        escalate(breached, c.escalation(), current, run);
      }
    }
  }

  private void report(SlaClock c, AssignmentSubject subject, String type, String reason) {
    audit.append(
        c.tenantId(),
        new AuditRecord(
            FireEscalationTimer.ESCALATION,
            "sla",
            "work-item",
            c.workItemId().toString(),
            type,
            reason,
            null,
            c.view()));
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", subject.id().toString());
    item.put("title", subject.title());
    item.put("type", subject.type());
    item.put("priority", subject.priority());
    item.put("source", subject.sourceSystem());
    item.put("externalKey", subject.externalKey());
    item.put("url", subject.url());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("workItem", item);
    data.put("sla", c.view());
    data.put("reason", reason);
    outbox.publish(c.tenantId(), type, subject.id().toString(), data);
  }

  /** Starts the breach's escalation policy, unless a run already waits or the work moved on. */
  private void escalate(
      SlaClock c, String name, @Nullable Assignment current, Optional<EscalationRun> run) {
    Optional<EscalationPolicy> chain = escalations.find(c.tenantId(), name);
    boolean waiting =
        current != null
            && (current.state() == AssignmentState.OFFERED
                || current.state() == AssignmentState.QUEUED);
    if (run.map(EscalationRun::waiting).orElse(false) || !waiting || chain.isEmpty()) {
      return;
    }
    EscalationRun fresh =
        new EscalationRun(
            c.tenantId(),
            c.workItemId(),
            run.map(EscalationRun::generation).orElse(0),
            EscalationRun.Phase.CHAIN,
            run.map(EscalationRun::decisionId).orElse(null),
            null,
            name,
            0,
            0,
            run.map(EscalationRun::offered).orElse(java.util.List.of()),
            null,
            null);
    EscalationRun armed =
        runs.arm(fresh, Instant.now(clock).plus(chain.get().steps().get(0).after()));
    FireEscalationTimer.started(audit, armed, chain.get());
  }
}
