package dev.baton.delivery.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The waits Slack asked for with a 429, per Slack integration (one workspace's bot token): Slack's
 * Web API limits are per app and workspace, so once one call is told to wait, every delivery
 * through the same integration waits as long, instead of each one making its own call only to be
 * told the same. Kept in memory on each node; another node learns of the limit from its own first
 * 429.
 */
final class WorkspacePauses {

  private final Clock clock;
  private final Map<UUID, Instant> until = new ConcurrentHashMap<>();

  WorkspacePauses(Clock clock) {
    this.clock = clock;
  }

  /** How much longer sends through {@code integration} must wait; empty when they may go. */
  Optional<Duration> remaining(UUID integration) {
    Instant end = until.get(integration);
    Instant now = Instant.now(clock);
    if (end == null || !end.isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, end));
  }

  /** Remembers that Slack asked sends through {@code integration} to wait {@code wait}. */
  void limited(UUID integration, Duration wait) {
    Instant now = Instant.now(clock);
    until.values().removeIf(end -> !end.isAfter(now));
    until.merge(integration, now.plus(wait), (a, b) -> a.isAfter(b) ? a : b);
  }
}
