package dev.baton.roster;

import java.time.Instant;
import java.util.List;

/** A team and the ids of its members. */
public record Team(
    String id,
    String name,
    List<String> members,
    int version,
    Instant createdAt,
    Instant updatedAt) {}
