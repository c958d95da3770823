package dev.baton.workitem.mapping;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One immutable version of an integration's mapping table and its change record.
 *
 * @param document the document as saved (YAML or JSON)
 * @param author who saved it ({@code token:<id>}, {@code person:<id>}, ...)
 * @param reason why, as the author said
 */
public record MappingVersion(
    UUID integrationId,
    int version,
    String document,
    String author,
    @Nullable String reason,
    Instant createdAt) {}
