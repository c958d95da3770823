package dev.baton.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of inbound webhooks and the inbox.
 *
 * @param publicUrl the base URL senders reach Baton at ({@code baton.public-url}, for example
 *     {@code https://baton.example.com}); an integration's hook URL is this plus {@code
 *     /hooks/{id}}. When unset, the base URL of the API request that asks is used.
 * @param inbox how stored deliveries are processed and kept
 */
@ConfigurationProperties("baton")
record IngestProperties(@Nullable URI publicUrl, Inbox inbox) {

  static final Duration RETENTION = Duration.ofDays(7);
  static final int MAX_ATTEMPTS = 5;
  static final List<Duration> BACKOFF =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10));
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  static final int WORKERS = 2;
  static final int MAX_JSON_DEPTH = 64;

  IngestProperties {
    if (publicUrl != null && publicUrl.toString().isBlank()) {
      publicUrl = null;
    }
    if (publicUrl != null
        && (!publicUrl.isAbsolute()
            || !(publicUrl.getScheme().equals("https") || publicUrl.getScheme().equals("http")))) {
      throw new IllegalArgumentException(
          "baton.public-url must be an absolute http(s) URL such as https://baton.example.com, not '"
              + publicUrl
              + "'");
    }
    if (inbox == null) {
      inbox = Inbox.DEFAULTS;
    }
  }

  /**
   * {@code baton.inbox.*}.
   *
   * @param retention how long a processed delivery's raw body is kept (default 7 days); the row
   *     itself stays, so a late redelivery is still recognised as a duplicate
   * @param maxAttempts processing attempts before a delivery is parked as failed (default 5)
   * @param backoff the wait after the first, second, … failed attempt; the last value repeats
   *     (default 1s, 5s, 30s, 2m, 10m)
   * @param pollInterval how often the worker looks for due deliveries when nothing wakes it (1s)
   * @param workers deliveries processed at once by this node (default 2)
   * @param maxJsonDepth deepest JSON nesting a webhook body may have (default 64)
   */
  record Inbox(
      Duration retention,
      Integer maxAttempts,
      List<Duration> backoff,
      Duration pollInterval,
      Integer workers,
      Integer maxJsonDepth) {

    static final Inbox DEFAULTS =
        new Inbox(RETENTION, MAX_ATTEMPTS, BACKOFF, POLL_INTERVAL, WORKERS, MAX_JSON_DEPTH);

    Inbox {
      retention = retention == null ? RETENTION : retention;
      maxAttempts = maxAttempts == null ? MAX_ATTEMPTS : maxAttempts;
      backoff = backoff == null || backoff.isEmpty() ? BACKOFF : List.copyOf(backoff);
      pollInterval = pollInterval == null ? POLL_INTERVAL : pollInterval;
      workers = workers == null ? WORKERS : workers;
      maxJsonDepth = maxJsonDepth == null ? MAX_JSON_DEPTH : maxJsonDepth;
      if (maxAttempts < 1 || workers < 1 || maxJsonDepth < 1) {
        throw new IllegalArgumentException(
            "baton.inbox.max-attempts, workers and max-json-depth must be at least 1");
      }
    }

    /** The wait after the given failed attempt (1 for the first). */
    Duration backoffAfter(int attempt) {
      return backoff.get(Math.min(Math.max(attempt, 1), backoff.size()) - 1);
    }
  }
}
