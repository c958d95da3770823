package dev.baton.assignment;

import static dev.baton.assignment.AssignmentState.ACCEPTED;
import static dev.baton.assignment.AssignmentState.BLOCKED;
import static dev.baton.assignment.AssignmentState.CLOSED;
import static dev.baton.assignment.AssignmentState.IN_PROGRESS;
import static dev.baton.assignment.AssignmentState.OFFERED;
import static dev.baton.assignment.AssignmentState.QUEUED;
import static dev.baton.assignment.AssignmentState.UNASSIGNED;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The actions on an assignment and, in one table, where each may start, what target it takes and
 * whether it needs a reason. The state each one leads to is in {@link Transitions}.
 */
public enum AssignmentAction {
  /** Asks the routing engine, which then assigns; see {@link Router}. */
  ROUTE(EnumSet.of(UNASSIGNED, QUEUED), Target.NONE, false, "routed"),
  ASSIGN(EnumSet.of(UNASSIGNED, QUEUED), Target.PERSON_OR_QUEUE, false, "routed"),
  ACCEPT(EnumSet.of(OFFERED, QUEUED), Target.OPTIONAL_PERSON, false, "accepted"),
  DECLINE(EnumSet.of(OFFERED), Target.NONE, true, "declined"),
  START(EnumSet.of(ACCEPTED), Target.NONE, false, "started"),
  BLOCK(EnumSet.of(IN_PROGRESS), Target.NONE, true, "blocked"),
  UNBLOCK(EnumSet.of(BLOCKED), Target.NONE, false, "unblocked"),
  REASSIGN(AssignmentState.OPEN, Target.PERSON_OR_QUEUE, true, "reassigned"),
  ESCALATE(
      EnumSet.of(OFFERED, QUEUED, ACCEPTED, IN_PROGRESS, BLOCKED),
      Target.PERSON,
      false,
      "escalated"),
  OVERRIDE(AssignmentState.OPEN, Target.PERSON, true, "overridden"),
  CLOSE(AssignmentState.OPEN, Target.NONE, false, "closed"),
  REOPEN(EnumSet.of(CLOSED), Target.NONE, false, "reopened");

  /** What the {@code to} of an action may name. */
  public enum Target {
    NONE,
    PERSON,
    OPTIONAL_PERSON,
    PERSON_OR_QUEUE
  }

  private final Set<AssignmentState> from;
  private final Target target;
  private final boolean reasonRequired;
  private final String pastTense;

  AssignmentAction(
      Set<AssignmentState> from, Target target, boolean reasonRequired, String pastTense) {
    this.from = Set.copyOf(from);
    this.target = target;
    this.reasonRequired = reasonRequired;
    this.pastTense = pastTense;
  }

  public Set<AssignmentState> from() {
    return from;
  }

  public Target target() {
    return target;
  }

  public boolean reasonRequired() {
    return reasonRequired;
  }

  /** The action as written in the API: {@code accept}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The event this action emits, e.g. {@code assignment.accepted}. */
  public String eventType(Owner.@org.jspecify.annotations.Nullable Kind targetKind) {
    if (this == ASSIGN && targetKind == Owner.Kind.QUEUE) {
      return "assignment.queued";
    }
    return "assignment." + pastTense;
  }

  /** Parses the API's lowercase name; unknown names are invalid input. */
  public static AssignmentAction parse(String name) {
    for (AssignmentAction a : values()) {
      if (a.wireName().equals(name)) {
        return a;
      }
    }
    throw new dev.baton.platform.BatonException.InvalidInput(
        "action",
        "'"
            + name
            + "' is not an action; one of "
            + java.util.Arrays.stream(values()).map(AssignmentAction::wireName).toList());
  }
}
