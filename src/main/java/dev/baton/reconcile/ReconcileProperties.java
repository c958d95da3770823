package dev.baton.reconcile;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code baton.reconcile.*}: when and how far reconciliation with Jira reads.
 *
 * @param enabled whether scheduled runs happen on this node (default true); runs asked for through
 *     the API happen either way
 * @param interval time between two scheduled runs of one integration (default 15 min)
 * @param pollInterval how often a node looks for integrations due (default 1 min)
 * @param overlap how far before the last run's start the next one reads, for clock skew between
 *     Jira and Baton and JQL's minute precision (default 5 min)
 * @param initialLookback how far back the first run of an integration reads (default 24 h)
 * @param pageSize issues per search page (default 100, Jira's maximum for changelog searches)
 * @param maxIssues issues read per run at most; past it the run stops and the next one goes on
 *     (default 5,000)
 * @param lease how long a claimed run holds its integration; a node that dies mid-run frees it
 *     after this (default 15 min)
 * @param maxWait the longest {@code Retry-After} a run waits out after a 429; a longer one ends the
 *     run and moves the next one past the wait (default 30 s)
 */
@ConfigurationProperties("baton.reconcile")
record ReconcileProperties(
    @Nullable Boolean enabled,
    @Nullable Duration interval,
    @Nullable Duration pollInterval,
    @Nullable Duration overlap,
    @Nullable Duration initialLookback,
    @Nullable Integer pageSize,
    @Nullable Integer maxIssues,
    @Nullable Duration lease,
    @Nullable Duration maxWait) {

  static final Duration INTERVAL = Duration.ofMinutes(15);
  static final Duration OVERLAP = Duration.ofMinutes(5);
  static final Duration INITIAL_LOOKBACK = Duration.ofHours(24);
  static final int PAGE_SIZE = 100;
  static final int MAX_ISSUES = 5_000;
  static final Duration LEASE = Duration.ofMinutes(15);
  static final Duration MAX_WAIT = Duration.ofSeconds(30);

  /** Attempts of one request that Jira rate-limits before the run gives up. */
  static final int ATTEMPTS = 4;

  boolean scheduled() {
    return enabled == null || enabled;
  }

  Duration every() {
    return interval == null ? INTERVAL : interval;
  }

  Duration overlapping() {
    return overlap == null ? OVERLAP : overlap;
  }

  Duration lookback() {
    return initialLookback == null ? INITIAL_LOOKBACK : initialLookback;
  }

  int page() {
    return pageSize == null ? PAGE_SIZE : Math.max(1, Math.min(pageSize, 100));
  }

  int issueLimit() {
    return maxIssues == null ? MAX_ISSUES : Math.max(1, maxIssues);
  }

  Duration leaseTime() {
    return lease == null ? LEASE : lease;
  }

  Duration longestWait() {
    return maxWait == null ? MAX_WAIT : maxWait;
  }
}
