package dev.baton.policy;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One immutable version of a routing policy and its change record.
 *
 * @param author who created it ({@code token:<id>}, {@code person:<id>}, ...)
 * @param reason why, as the author said
 */
public record PolicyVersion(
    String name,
    int version,
    String mode,
    String document,
    String author,
    @Nullable String reason,
    Instant createdAt) {}
