package dev.baton.delivery.jira;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What Jira's 429 answers asked for, remembered so later sends slow down instead of hammering: a
 * pause of one issue when {@code RateLimit-Reason} is {@code jira-per-issue-on-write} (the
 * per-issue write limit), else a pause of the whole connection (the site's points quota, {@code
 * jira-quota-tenant-based} or {@code jira-quota-global-based}, and the burst limit, {@code
 * jira-burst-based}, which covers the endpoints every delivery writes to). A pause lasts as long as
 * Jira's {@code Retry-After} (or {@code X-RateLimit-Reset}), or {@link JiraProperties#pause()} when
 * it named no wait. Kept in memory on each node: another node learns of the limit from its own
 * first 429.
 */
@Component
class JiraPauses {

  /** The {@code RateLimit-Reason} of Jira's per-issue write limit. */
  static final String PER_ISSUE = "jira-per-issue-on-write";

  private final Clock clock;
  private final Duration defaultPause;
  private final Map<String, Instant> until = new ConcurrentHashMap<>();

  /** How many pauses are remembered, for tests. */
  int size() {
    return until.size();
  }

  JiraPauses(Clock clock, JiraProperties properties) {
    this.clock = clock;
    this.defaultPause = properties.pause();
  }

  /** A pause in force for a delivery to {@code issueKey} through {@code connection}. */
  record Pause(Duration remaining, String scope) {}

  /** The longest pause still in force for the connection or the issue; empty when none. */
  Optional<Pause> current(UUID connection, String issueKey) {
    Instant now = Instant.now(clock);
    Optional<Pause> site = remaining(connectionKey(connection), now, "the Jira site");
    Optional<Pause> issue = remaining(issueKey(connection, issueKey), now, "issue " + issueKey);
    if (site.isEmpty()) {
      return issue;
    }
    if (issue.isEmpty()) {
      return site;
    }
    return site.get().remaining().compareTo(issue.get().remaining()) >= 0 ? site : issue;
  }

  /**
   * Remembers a 429: {@code reason} is its {@code RateLimit-Reason} (null when absent), {@code
   * wait} the wait it asked for (null when it named none). Answers the pause it set.
   */
  Duration limited(
      UUID connection, String issueKey, @Nullable String reason, @Nullable Duration wait) {
    Duration pause = wait == null ? defaultPause : wait;
    String key =
        reason != null && reason.strip().equalsIgnoreCase(PER_ISSUE)
            ? issueKey(connection, issueKey)
            : connectionKey(connection);
    Instant now = Instant.now(clock);
    // pauses of issues never written to again would otherwise stay for good
    until.values().removeIf(e -> !e.isAfter(now));
    until.merge(key, now.plus(pause), (a, b) -> a.isAfter(b) ? a : b);
    return pause;
  }

  private Optional<Pause> remaining(String key, Instant now, String scope) {
    Instant end = until.get(key);
    if (end == null) {
      return Optional.empty();
    }
    if (!end.isAfter(now)) {
      until.remove(key, end);
      return Optional.empty();
    }
    return Optional.of(new Pause(Duration.between(now, end), scope));
  }

  private static String connectionKey(UUID connection) {
    return connection.toString();
  }

  private static String issueKey(UUID connection, String issueKey) {
    return connection + "/" + issueKey;
  }
}
