package dev.baton.assignment;

import dev.baton.platform.Actor;
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
 */
public record AssignmentCommand(
    AssignmentAction action,
    @Nullable Owner to,
    @Nullable String reason,
    @Nullable Integer expectedVersion,
    Actor actor,
    String source,
    boolean overrideAllowed) {}
