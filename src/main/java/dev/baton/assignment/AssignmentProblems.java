package dev.baton.assignment;

import dev.baton.platform.BatonException;
import java.util.List;
import java.util.Map;

/** The ways an action on an assignment is refused, named after the fact. */
final class AssignmentProblems {

  private AssignmentProblems() {}

  /** The action is not in the table for the current state. */
  static final class TransitionNotAllowed extends BatonException.Conflict {
    TransitionNotAllowed(AssignmentAction action, AssignmentState current) {
      super(
          "'"
              + action.wireName()
              + "' is not allowed while the assignment is "
              + current
              + "; allowed: "
              + names(Transitions.allowedFrom(current)),
          Map.of(
              "currentState", current.name(),
              "allowedActions", names(Transitions.allowedFrom(current))));
    }
  }

  /** {@code If-Match} named an older version. */
  static final class StaleVersion extends BatonException.PreconditionFailed {
    StaleVersion(int expected, int current) {
      super(
          "the assignment is at version " + current + ", not " + expected + "; reload and retry",
          Map.of("currentVersion", current));
    }
  }

  /**
   * A person overrode the ownership, and an automatic command (a system actor without the right to
   * override, e.g. an escalation timer) would move the work: overrides stand until a person changes
   * them or a reclaim rule of the live policy takes the work back.
   */
  static final class OverrideInForce extends BatonException.Conflict {
    OverrideInForce(AssignmentAction action, String overriddenBy) {
      super(
          "'"
              + action.wireName()
              + "' by the system is refused: the owner was set by an override ("
              + overriddenBy
              + "), which only a person or a reclaim rule changes",
          Map.of("overriddenBy", overriddenBy));
    }
  }

  private static List<String> names(List<AssignmentAction> actions) {
    return actions.stream().map(AssignmentAction::wireName).toList();
  }
}
