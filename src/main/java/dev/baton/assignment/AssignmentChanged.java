package dev.baton.assignment;

import dev.baton.platform.Actor;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An assignment moved: published to listeners inside the transaction that moved it, so what they
 * write (timers set or cancelled) commits or rolls back with the move.
 *
 * @param decision the routing decision behind the move (its summary: id, policy, policyVersion,
 *     rule, escalation, ...), if any
 */
public record AssignmentChanged(
    String tenantId,
    AssignmentSubject subject,
    Assignment before,
    Assignment after,
    AssignmentAction action,
    Actor actor,
    @Nullable String reason,
    @Nullable Map<String, Object> decision) {}
