package dev.baton.workitem;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentCommand;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Something that may hold an action requested through {@link WorkItemActions#submit} instead of
 * letting it apply now, such as an approval the routing policy asks for. Called inside the
 * submitting transaction.
 */
public interface ActionGate {

  /**
   * What to answer instead of applying {@code command} to {@code item}, or empty to apply it now.
   *
   * @param check locks the assignment and checks the command as applying it would, changing
   *     nothing; returns the current assignment or throws the problem applying would meet
   */
  Optional<Object> hold(
      WorkItemActions.Acting acting,
      WorkItem item,
      Supplier<Assignment> check,
      AssignmentCommand command);
}
