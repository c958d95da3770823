package dev.baton.assignment;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where each allowed action leads: a pure function of the current state, action and target. */
final class Transitions {

  private Transitions() {}

  /** The state and owner after a transition. */
  record Outcome(AssignmentState state, @Nullable Owner owner) {}

  static boolean allowed(AssignmentState from, AssignmentAction action) {
    return action.from().contains(from);
  }

  /** The actions allowed from a state, in table order. */
  static List<AssignmentAction> allowedFrom(AssignmentState state) {
    return Arrays.stream(AssignmentAction.values()).filter(a -> a.from().contains(state)).toList();
  }

  /**
   * Applies an allowed action. {@code target} has already been checked against the action's {@link
   * AssignmentAction.Target}; for {@code accept} it is the person who takes the work.
   */
  static Outcome apply(
      AssignmentState from,
      @Nullable Owner owner,
      AssignmentAction action,
      @Nullable Owner target) {
    if (!allowed(from, action)) {
      throw new IllegalStateException(action + " is not allowed from " + from);
    }
    return switch (action) {
      case ROUTE ->
          throw new IllegalStateException("route is decided by the Router, which then assigns");
      case ASSIGN, REASSIGN ->
          new Outcome(
              required(target).kind() == Owner.Kind.QUEUE
                  ? AssignmentState.QUEUED
                  : AssignmentState.OFFERED,
              target);
      case ACCEPT -> new Outcome(AssignmentState.ACCEPTED, target != null ? target : owner);
      case DECLINE -> new Outcome(AssignmentState.UNASSIGNED, null);
      case START, UNBLOCK -> new Outcome(AssignmentState.IN_PROGRESS, owner);
      case BLOCK -> new Outcome(AssignmentState.BLOCKED, owner);
      case ESCALATE -> new Outcome(AssignmentState.OFFERED, required(target));
      case OVERRIDE -> new Outcome(AssignmentState.ACCEPTED, required(target));
      case CLOSE -> new Outcome(AssignmentState.CLOSED, owner);
      case REOPEN -> new Outcome(AssignmentState.UNASSIGNED, null);
    };
  }

  private static Owner required(@Nullable Owner target) {
    if (target == null) {
      throw new IllegalStateException("this action needs a target");
    }
    return target;
  }
}
