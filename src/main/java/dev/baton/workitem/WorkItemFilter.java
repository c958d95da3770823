package dev.baton.workitem;

import org.jspecify.annotations.Nullable;

/**
 * Filters of {@code GET /api/v1/work-items}; each is optional and they combine with AND.
 *
 * @param state assignment states, comma-separated (e.g. {@code OFFERED,QUEUED})
 * @param owner {@code person:<id>} or {@code queue:<id>}
 * @param team items held by the team's members or queues
 * @param priority P1-P5
 * @param type work type
 * @param source source system
 * @param text words in the title or the source key (case-insensitive)
 */
public record WorkItemFilter(
    @Nullable String state,
    @Nullable String owner,
    @Nullable String team,
    @Nullable String priority,
    @Nullable String type,
    @Nullable String source,
    @Nullable String text) {}
