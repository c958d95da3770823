package dev.baton.assignment;

import dev.baton.platform.Actor;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One action on one assignment.
 *
 * @param action what to do
 * @param to the target, {@code person:<id>} or {@code queue:<id>}, where the action takes one
 * @param reason why; required by some actions
 * @param expectedVersion the caller's {@code If-Match}, or null to act on the current version
 * @param actor who acts
 * @param source where the command came from ({@code api}, later {@code slack}, ...)
 * @param overrideAllowed whether the actor holds the right to override
 * @param decision the routing decision behind the command (summary carried on the event), if any
 */
public record AssignmentCommand(
    AssignmentAction action,
    @Nullable Owner to,
    @Nullable String reason,
    @Nullable Integer expectedVersion,
    Actor actor,
    String source,
    boolean overrideAllowed,
    @Nullable Map<String, Object> decision) {

  /** A command that no routing decision stands behind. */
  public AssignmentCommand(
      AssignmentAction action,
      @Nullable Owner to,
      @Nullable String reason,
      @Nullable Integer expectedVersion,
      Actor actor,
      String source,
      boolean overrideAllowed) {
    this(action, to, reason, expectedVersion, actor, source, overrideAllowed, null);
  }
}
