package dev.baton.roster;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An on-call schedule as the API answers it. */
public record ScheduleView(
    String id,
    String name,
    String timeZone,
    List<RotationSpec> rotations,
    List<OverrideView> overrides,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  /** A person covering the schedule for a period, above every rotation. */
  public record OverrideView(
      UUID id, String person, Instant from, Instant to, @Nullable String reason) {}
}
