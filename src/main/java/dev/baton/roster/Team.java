package dev.baton.roster;

import java.time.Instant;
import java.util.List;

/**
 * A team, the ids of its members and of its leads (who need not be members).
 *
 * @param mode whether routing into the team takes effect: {@code on}, {@code shadow} (decisions are
 *     recorded as shadow decisions and nothing is assigned or sent) or {@code off} (its work is
 *     left unrouted)
 */
public record Team(
    String id,
    String name,
    List<String> members,
    List<String> leads,
    String mode,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  /** The rollout modes a team can have. */
  public static final List<String> MODES = List.of("on", "shadow", "off");
}
