package dev.baton.assignment;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The few fields of a work item that an assignment's events carry (least data: no description, no
 * attributes).
 */
public record AssignmentSubject(
    UUID id,
    String title,
    String type,
    String priority,
    String sourceSystem,
    @Nullable String externalKey,
    @Nullable String url) {}
