package dev.baton.escalation;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentAction;
import dev.baton.assignment.Assignments;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Locks an item's assignment before a timer handler touches its escalation run or SLA clocks: the
 * order a transition takes (assignment, then the listeners' rows), so a timer firing while someone
 * accepts waits for them instead of deadlocking with them.
 */
@Component
class LockAssignment {

  private final Assignments assignments;

  LockAssignment(Assignments assignments) {
    this.assignments = assignments;
  }

  /** The assignment, locked when it is still open; empty when it does not exist. */
  Optional<Assignment> lock(String tenantId, UUID workItemId) {
    Optional<Assignment> current = assignments.find(tenantId, workItemId);
    if (current.isPresent() && AssignmentAction.ESCALATE.from().contains(current.get().state())) {
      // locks the row; allowed above, so it does not refuse unless the state moved in between,
      // and then the timer fails and db-scheduler fires it again later
      return Optional.of(
          assignments.checkAllowed(tenantId, workItemId, AssignmentAction.ESCALATE, null));
    }
    return current;
  }
}
