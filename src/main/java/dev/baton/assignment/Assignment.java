package dev.baton.assignment;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A work item's assignment as stored.
 *
 * @param workItemId the item it belongs to (one assignment per item)
 * @param state where it stands
 * @param owner the person or queue holding it, null when unassigned
 * @param version increases with every transition; the API's {@code If-Match}
 */
public record Assignment(
    UUID workItemId,
    AssignmentState state,
    @Nullable Owner owner,
    int version,
    Instant updatedAt) {}
