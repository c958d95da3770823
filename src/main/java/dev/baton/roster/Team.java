package dev.baton.roster;

import java.time.Instant;
import java.util.List;

/** A team, the ids of its members and of its leads (who need not be members). */
public record Team(
    String id,
    String name,
    List<String> members,
    List<String> leads,
    int version,
    Instant createdAt,
    Instant updatedAt) {}
