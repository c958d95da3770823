package dev.baton.escalation;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.delivery.Outbox;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.workitem.WorkItems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Acknowledgements of an escalation's notify step: a person the step notified acknowledges it
 * (once; again changes nothing), and when as many distinct people as the step's {@code
 * acknowledgers} did, the chain stops. Until then the next step fires on its timer.
 */
@Service
public class Acknowledgements {

  private final EscalationRuns runs;
  private final LockAssignment assignmentLock;
  private final WorkItems items;
  private final AuditLog audit;
  private final Outbox outbox;

  Acknowledgements(
      EscalationRuns runs,
      LockAssignment assignmentLock,
      WorkItems items,
      AuditLog audit,
      Outbox outbox) {
    this.runs = runs;
    this.assignmentLock = assignmentLock;
    this.items = items;
    this.audit = audit;
    this.outbox = outbox;
  }

  /**
   * Where the acknowledgements of the item's escalation stand.
   *
   * @param step the 1-based step that asked for them
   * @param acknowledgers how many distinct acknowledgements stop the chain
   * @param phase the run's phase: {@code CHAIN} while it waits, {@code STOPPED} once stopped
   */
  public record View(
      String workItemId,
      @Nullable String escalation,
      int step,
      int acknowledgers,
      List<String> notified,
      List<String> acknowledged,
      String phase) {}

  /** {@code actor} acknowledges the current notify step of work item {@code id}'s escalation. */
  @Transactional
  public View acknowledge(String tenantId, String id, Actor actor, String source) {
    UUID itemId = WorkItems.parseId(id);
    Map<String, Object> item =
        FireEscalationTimer.item(WorkItems.subject(items.get(tenantId, itemId)));
    String person = actor.personId();
    if (person == null) {
      throw new BatonException.BadRequest(
          "only a person acknowledges: use a token bound to a person or name one in"
              + " Baton-Acting-For");
    }
    // the order of a transition: the assignment first, then the run
    assignmentLock.lock(tenantId, itemId);
    EscalationRun run =
        runs.lock(tenantId, itemId)
            .filter(r -> r.acknowledgers() > 0)
            .orElseThrow(
                () ->
                    new BatonException.Conflict(
                        "no escalation step of work item " + id + " asks for acknowledgement"));
    if (!run.notified().contains(person)) {
      throw new BatonException.Forbidden(
          "only someone the current escalation step notified may acknowledge it: "
              + run.notified());
    }
    if (run.acknowledged().contains(person)) {
      return view(run);
    }
    if (!run.waiting()) {
      throw new BatonException.Conflict(
          "the escalation of work item " + id + " has already ended (" + run.phase() + ")");
    }
    EscalationRun after = run.acknowledgedBy(person);
    runs.acknowledged(after);
    String reason =
        person
            + " acknowledged step "
            + after.notifiedStep()
            + " ("
            + after.acknowledged().size()
            + " of "
            + after.acknowledgers()
            + ")";
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "work-item",
            id,
            "escalation.acknowledged",
            reason,
            FireEscalationTimer.view(run),
            FireEscalationTimer.view(after)));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("workItem", item);
    data.put("escalation", after.escalation());
    data.put("step", after.notifiedStep());
    data.put("person", person);
    data.put("acknowledged", after.acknowledged());
    data.put("acknowledgers", after.acknowledgers());
    outbox.publish(tenantId, "escalation.acknowledged", itemId.toString(), data);
    if (after.acknowledged().size() < after.acknowledgers()) {
      return view(after);
    }
    String why = "acknowledged by " + after.acknowledged().size();
    EscalationRun stopped = runs.stop(after, EscalationRun.Phase.STOPPED, why);
    audit.append(
        tenantId,
        new AuditRecord(
            FireEscalationTimer.ESCALATION,
            "escalation",
            "work-item",
            id,
            "escalation.stopped",
            why,
            FireEscalationTimer.view(after),
            null));
    return view(stopped);
  }

  private static View view(EscalationRun run) {
    return new View(
        run.workItemId().toString(),
        run.escalation(),
        run.notifiedStep(),
        run.acknowledgers(),
        run.notified(),
        run.acknowledged(),
        run.phase().name());
  }
}
