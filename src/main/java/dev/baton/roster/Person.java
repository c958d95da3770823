package dev.baton.roster;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Someone work can be routed to.
 *
 * @param id a slug, unique in the tenant
 * @param identities how the other tools know this person
 * @param active whether routing may pick this person at all
 * @param skills skill name to level (1 when no level was given)
 * @param capacity how much open work the person may hold; null means no limit
 * @param workingHours when the person works, in their time zone; null means always
 * @param version increases with every change
 */
public record Person(
    String id,
    String name,
    @Nullable String email,
    String timeZone,
    Identities identities,
    boolean active,
    Map<String, Integer> skills,
    @Nullable Capacity capacity,
    @Nullable WorkingHours workingHours,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  /** The person's ids in Slack, Jira, GitHub and GitLab. */
  public record Identities(
      @Nullable String slack,
      @Nullable String jira,
      @Nullable String github,
      @Nullable String gitlab) {

    static final Identities NONE = new Identities(null, null, null, null);
  }

  /**
   * Limits on open assignments.
   *
   * @param maxOpen at most this many open assignments in all
   * @param perPriority at most this many of a priority, e.g. {@code {"P1": 1}}
   */
  public record Capacity(@Nullable Integer maxOpen, @Nullable Map<String, Integer> perPriority) {}

  /**
   * Weekly working hours in the person's time zone; {@code to} before {@code from} runs past
   * midnight.
   *
   * @param days {@code MON} to {@code SUN}
   * @param from local start, {@code HH:mm}
   * @param to local end, {@code HH:mm}
   */
  public record WorkingHours(List<String> days, String from, String to) {}
}
