package dev.baton.escalation;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentAction;
import dev.baton.assignment.AssignmentCommand;
import dev.baton.assignment.AssignmentState;
import dev.baton.assignment.AssignmentSubject;
import dev.baton.assignment.Assignments;
import dev.baton.assignment.Owner;
import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.delivery.Outbox;
import dev.baton.platform.Actor;
import dev.baton.workitem.WorkItems;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs a due escalation timer, once, in one transaction: an offer not accepted in time moves to the
 * next candidate of its decision (or starts the rule's escalation policy); a chain step notifies
 * its targets or offers the work to the first of them, then sets the timer of the next step. A
 * timer whose run has moved on since it was set (another generation, the work accepted or closed)
 * does nothing.
 */
@Component
class FireEscalationTimer {

  /** Who escalation acts as in the audit trail. */
  static final Actor ESCALATION = Actor.system("escalation");

  private final EscalationRuns runs;
  private final EscalationPolicies escalations;
  private final EscalationTargets targets;
  private final Assignments assignments;
  private final WorkItems items;
  private final AuditLog audit;
  private final Outbox outbox;
  private final Clock clock;
  private final LockAssignment assignmentLock;

  FireEscalationTimer(
      EscalationRuns runs,
      EscalationPolicies escalations,
      EscalationTargets targets,
      Assignments assignments,
      WorkItems items,
      AuditLog audit,
      Outbox outbox,
      Clock clock,
      LockAssignment assignmentLock) {
    this.runs = runs;
    this.escalations = escalations;
    this.targets = targets;
    this.assignments = assignments;
    this.items = items;
    this.audit = audit;
    this.outbox = outbox;
    this.clock = clock;
    this.assignmentLock = assignmentLock;
  }

  @Transactional
  public void fire(String data) {
    EscalationRuns.TimerData timer = EscalationRuns.TimerData.parse(data);
    // the order of a transition: the assignment first, then the run
    Assignment current = assignmentLock.lock(timer.tenantId(), timer.workItemId()).orElse(null);
    Optional<EscalationRun> found = runs.lock(timer.tenantId(), timer.workItemId());
    if (found.isEmpty()
        || found.get().generation() != timer.generation()
        || !found.get().waiting()) {
      return;
    }
    EscalationRun run = found.get();
    if (current == null
        || (current.state() != AssignmentState.OFFERED
            && current.state() != AssignmentState.QUEUED)) {
      runs.stop(run, EscalationRun.Phase.STOPPED, "no longer offered or queued");
      return;
    }
    AssignmentSubject subject = WorkItems.subject(items.get(run.tenantId(), run.workItemId()));
    if (run.phase() == EscalationRun.Phase.OFFER) {
      offerExpired(run, current, subject);
    } else {
      step(run, current, subject);
    }
  }

  private void offerExpired(EscalationRun run, Assignment current, AssignmentSubject subject) {
    String why = current.owner() + " did not accept within " + run.acceptWithin();
    append(run, "escalation.offer-expired", why, view(run));
    if (run.escalation() != null) {
      Optional<EscalationPolicy> chain = escalations.find(run.tenantId(), run.escalation());
      if (chain.isPresent()) {
        EscalationRun armed =
            runs.arm(
                run.in(EscalationRun.Phase.CHAIN, 0, 0),
                now().plus(chain.get().steps().get(0).after()));
        started(audit, armed, chain.get());
        return;
      }
      missing(audit, run, run.escalation());
    }
    Optional<String> next = targets.nextCandidate(run, current);
    if (next.isEmpty()) {
      exhausted(run, "no further candidate in decision " + run.decisionId());
      return;
    }
    escalate(run, subject, next.get(), why + "; offered to the next candidate");
    EscalationRun moved = run.offeredTo(next.get());
    runs.arm(moved, now().plus(java.util.Objects.requireNonNull(run.acceptWithin())));
  }

  private void step(EscalationRun run, Assignment current, AssignmentSubject subject) {
    String name = java.util.Objects.requireNonNull(run.escalation());
    Optional<EscalationPolicy> found = escalations.find(run.tenantId(), name);
    if (found.isEmpty() || run.step() >= found.get().steps().size()) {
      missing(audit, run, name);
      runs.stop(run, EscalationRun.Phase.EXHAUSTED, "escalation policy " + name + " is gone");
      return;
    }
    EscalationPolicy chain = found.get();
    EscalationPolicy.Step step = chain.steps().get(run.step());
    List<String> reached = targets.resolve(run, current, step.targets(), now());
    String label =
        "escalation " + name + " step " + (run.step() + 1) + " of " + chain.steps().size();
    // a step replaces whom the chain waits on for acknowledgements: a notify step's targets, or no
    // one
    EscalationRun after = run.notifying(List.of(), 0, 0);
    if (step.action() == EscalationPolicy.Action.NOTIFY) {
      notify(run, subject, current, chain, reached, label, step.acknowledgers());
      after = run.notifying(reached, step.acknowledgers(), run.step() + 1);
      if (reached.size() < step.acknowledgers()) {
        append(
            run,
            "escalation.acknowledgers-unreachable",
            label
                + ": needs "
                + step.acknowledgers()
                + " acknowledgers but reached "
                + reached.size()
                + "; waiting for the next step",
            view(after));
      }
    } else {
      String holder =
          current.owner() != null && current.owner().kind() == Owner.Kind.PERSON
              ? current.owner().id()
              : null;
      Optional<String> to = reached.stream().filter(p -> !p.equals(holder)).findFirst();
      if (to.isPresent()) {
        escalate(run, subject, to.get(), label);
        after = after.offeredTo(to.get());
      } else {
        append(
            run,
            "escalation.step-skipped",
            label + ": no target resolved to someone new",
            view(run));
      }
    }
    int nextStep = run.step() + 1;
    int nextRound = run.round();
    if (nextStep == chain.steps().size()) {
      nextStep = 0;
      nextRound++;
    }
    if (nextRound > chain.repeat()) {
      exhausted(after, "escalation " + name + " ran its last step");
      return;
    }
    runs.arm(
        after.in(EscalationRun.Phase.CHAIN, nextStep, nextRound),
        now().plus(chain.steps().get(nextStep).after()));
  }

  private void notify(
      EscalationRun run,
      AssignmentSubject subject,
      Assignment current,
      EscalationPolicy chain,
      List<String> reached,
      String label,
      int acknowledgers) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("workItem", item(subject));
    data.put("assignment", Assignments.view(current));
    data.put("escalation", chain.name());
    data.put("step", run.step() + 1);
    data.put("round", run.round() + 1);
    data.put("targets", reached.stream().map(p -> "person:" + p).toList());
    data.put("acknowledgers", acknowledgers);
    data.put("reason", label);
    append(run, "escalation.notified", label, data);
    outbox.publish(run.tenantId(), "escalation.notified", subject.id().toString(), data);
  }

  // acts as the system: the move is the policy's, not a person's
  private void escalate(
      EscalationRun run, AssignmentSubject subject, String person, String reason) {
    assignments.apply(
        run.tenantId(),
        subject,
        new AssignmentCommand(
            AssignmentAction.ESCALATE,
            Owner.person(person),
            reason,
            null,
            ESCALATION,
            "escalation",
            false));
  }

  private void exhausted(EscalationRun run, String why) {
    runs.stop(run, EscalationRun.Phase.EXHAUSTED, why);
    append(run, "escalation.exhausted", why, view(run));
  }

  private void append(EscalationRun run, String action, String reason, @Nullable Object after) {
    audit.append(
        run.tenantId(),
        new AuditRecord(
            ESCALATION,
            "escalation",
            "work-item",
            run.workItemId().toString(),
            action,
            reason,
            null,
            after));
  }

  private Instant now() {
    return Instant.now(clock);
  }

  static void started(AuditLog audit, EscalationRun run, EscalationPolicy chain) {
    audit.append(
        run.tenantId(),
        new AuditRecord(
            ESCALATION,
            "escalation",
            "work-item",
            run.workItemId().toString(),
            "escalation.started",
            "escalation policy " + chain.name() + " version " + chain.version(),
            null,
            view(run)));
  }

  static void missing(AuditLog audit, EscalationRun run, String name) {
    audit.append(
        run.tenantId(),
        new AuditRecord(
            ESCALATION,
            "escalation",
            "work-item",
            run.workItemId().toString(),
            "escalation.failed",
            "escalation policy '" + name + "' does not exist",
            null,
            view(run)));
  }

  /** The run as shown in audit entries. */
  static Map<String, Object> view(EscalationRun run) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("phase", run.phase().name());
    view.put("escalation", run.escalation());
    view.put("acceptWithin", run.acceptWithin() == null ? null : run.acceptWithin().toString());
    view.put("step", run.step() + 1);
    view.put("round", run.round() + 1);
    view.put("offered", run.offered());
    view.put("dueAt", run.dueAt() == null ? null : run.dueAt().toString());
    view.put("decision", run.decisionId() == null ? null : run.decisionId().toString());
    if (run.acknowledgers() > 0) {
      view.put("notified", run.notified());
      view.put("acknowledged", run.acknowledged());
      view.put("acknowledgers", run.acknowledgers());
    }
    return view;
  }

  static Map<String, Object> item(AssignmentSubject subject) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", subject.id().toString());
    item.put("title", subject.title());
    item.put("type", subject.type());
    item.put("priority", subject.priority());
    item.put("source", subject.sourceSystem());
    item.put("externalKey", subject.externalKey());
    item.put("url", subject.url());
    return item;
  }
}
