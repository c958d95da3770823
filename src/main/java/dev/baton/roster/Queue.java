package dev.baton.roster;

import java.time.Instant;

/** A queue where work waits to be claimed, owned by a team. */
public record Queue(
    String id, String name, String team, int version, Instant createdAt, Instant updatedAt) {}
