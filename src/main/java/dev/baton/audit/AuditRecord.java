package dev.baton.audit;

import dev.baton.platform.Actor;
import org.jspecify.annotations.Nullable;

/**
 * One fact to append to the audit log.
 *
 * @param actor who did it
 * @param source where the request came from: {@code api}, {@code cli}, {@code system}, later the
 *     names of integrations
 * @param subjectType what kind of object changed, e.g. {@code work-item}, {@code person}
 * @param subjectId that object's id
 * @param action what happened, e.g. {@code work-item.created}, {@code assignment.accepted}
 * @param reason the reason given, if any
 * @param before the object's relevant state before (serialised to JSON), null for a creation
 * @param after its state after, null for a deletion
 */
public record AuditRecord(
    Actor actor,
    String source,
    String subjectType,
    String subjectId,
    String action,
    @Nullable String reason,
    @Nullable Object before,
    @Nullable Object after) {}
