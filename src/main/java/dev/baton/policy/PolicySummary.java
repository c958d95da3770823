package dev.baton.policy;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A policy: its versions so far and which one is active. */
public record PolicySummary(
    String name,
    int latestVersion,
    @Nullable Integer activeVersion,
    @Nullable String activeMode,
    @Nullable Integer previousVersion,
    Instant createdAt,
    Instant updatedAt) {}
