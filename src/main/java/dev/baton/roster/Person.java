package dev.baton.roster;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Someone work can be routed to.
 *
 * @param id a slug, unique in the tenant
 * @param identities how the other tools know this person
 * @param version increases with every change
 */
public record Person(
    String id,
    String name,
    @Nullable String email,
    String timeZone,
    Identities identities,
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
}
