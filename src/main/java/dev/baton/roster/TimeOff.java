package dev.baton.roster;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A period in which a person takes no new work and is not on call. */
public record TimeOff(
    UUID id, String person, Instant from, Instant to, @Nullable String reason, Instant createdAt) {}
