package dev.baton.reconcile;

import dev.baton.delivery.jira.JiraIssues;
import dev.baton.ingest.Integration;
import dev.baton.ingest.IntegrationView;
import dev.baton.ingest.Integrations;
import dev.baton.ingest.Provider;
import dev.baton.platform.Correlation;
import dev.baton.workitem.SourceMirrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One reconciliation run of one Jira integration, claimed beforehand ({@link ReconcileRuns}):
 *
 * <ol>
 *   <li>search, with JQL, the issues of the projects Baton knows for the integration updated since
 *       the last run (less an overlap), page by page ({@code nextPageToken});
 *   <li>fetch the issues Baton holds open that the search did not return, 100 at a time: a lost
 *       write leaves no update in Jira, and an issue missing from the answer was deleted;
 *   <li>compare each issue and act ({@link ReconcileIssue}).
 * </ol>
 *
 * <p>Rate limits: a 429 (or a 503 naming a wait) is waited out and the request tried again when
 * Jira asks for at most {@code baton.reconcile.max-wait}; a longer wait ends the run, and the next
 * one starts after it. Every write of the run carries the run id as its correlation id.
 */
@Service
class Reconciliation {

  private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

  /** Open work items fetched from Jira per request (the bulk fetch's maximum). */
  static final int FETCH_BATCH = 100;

  /** Waits out a rate limit; tests replace it to record the waits instead. */
  interface Pause {
    void sleep(Duration wait) throws InterruptedException;
  }

  private final JiraIssues jira;
  private final Integrations integrations;
  private final SourceMirrors mirrors;
  private final ReconcileIssue compare;
  private final ReconcileProperties properties;
  private final Clock clock;
  private Pause pause = wait -> Thread.sleep(wait);

  Reconciliation(
      JiraIssues jira,
      Integrations integrations,
      SourceMirrors mirrors,
      ReconcileIssue compare,
      ReconcileProperties properties,
      Clock clock) {
    this.jira = jira;
    this.integrations = integrations;
    this.mirrors = mirrors;
    this.compare = compare;
    this.properties = properties;
    this.clock = clock;
  }

  void pauseWith(Pause pause) {
    this.pause = pause;
  }

  /**
   * What a run read and found.
   *
   * @param error why the run failed, null when it completed
   * @param complete whether it read everything it meant to (not cut off by {@code max-issues})
   * @param retryAfter a rate limit's wait that ended the run
   */
  record Result(
      int issuesRead,
      List<Finding> findings,
      @Nullable String error,
      boolean complete,
      @Nullable Duration retryAfter) {

    int count(String action) {
      return (int) findings.stream().filter(f -> f.action().equals(action)).count();
    }
  }

  /** The Jira request a rate limit stopped: the run ends and the next one waits this long. */
  private static final class RateLimited extends RuntimeException {
    private final transient Duration wait;

    RateLimited(String message, Duration wait) {
      super(message);
      this.wait = wait;
    }
  }

  Result run(ReconcileRuns.Claim claim) {
    List<Result> result = new ArrayList<>(1);
    Correlation.with(claim.runId().toString(), () -> result.add(runCorrelated(claim)));
    return result.get(0);
  }

  private Result runCorrelated(ReconcileRuns.Claim claim) {
    List<Finding> findings = new ArrayList<>();
    int[] read = {0};
    try {
      Optional<JiraIssues.Site> site = jira.site(claim.tenantId(), claim.integrationId());
      if (site.isEmpty()) {
        return new Result(0, findings, "the integration has no Jira connection", false, null);
      }
      IntegrationView view = integrations.get(claim.tenantId(), claim.integrationId().toString());
      Integration integration =
          new Integration(
              claim.tenantId(),
              view.id(),
              Provider.JIRA,
              view.name(),
              view.enabled(),
              Set.copyOf(view.events()));
      ReconcileIssue.Run run =
          new ReconcileIssue.Run(claim.runId(), claim.dryRun(), integration, site.get());
      Set<String> seen = new HashSet<>();
      boolean complete = search(claim, run, seen, findings, read);
      if (complete) {
        fetchOpen(run, seen, findings, read);
      }
      return new Result(read[0], findings, null, complete, null);
    } catch (RateLimited e) {
      return new Result(read[0], findings, e.getMessage(), false, e.wait);
    } catch (JiraIssues.JiraReadFailed e) {
      return new Result(read[0], findings, e.getMessage(), false, null);
    } catch (RuntimeException e) {
      // the run's boundary: recorded on the run, logged once
      log.warn("reconciliation run {} failed", claim.runId(), e);
      return new Result(read[0], findings, "unexpected failure: " + e, false, null);
    }
  }

  /** Reads the updated issues; false when the run stopped at {@code max-issues}. */
  private boolean search(
      ReconcileRuns.Claim claim,
      ReconcileIssue.Run run,
      Set<String> seen,
      List<Finding> findings,
      int[] read) {
    List<String> projects = mirrors.projects(run.tenantId(), run.integration().id());
    if (projects.isEmpty()) {
      return true; // Baton knows no project of this integration yet: nothing to search
    }
    String jql = jql(projects, claim.since(), claim.startedAt());
    String token = null;
    do {
      String pageToken = token;
      JiraIssues.SearchPage page =
          withRateLimit("search", () -> jira.search(run.site(), jql, pageToken, properties.page()));
      for (var issue : page.issues()) {
        IssueSnapshot snapshot = IssueSnapshot.of(issue);
        if (!seen.add(snapshot.id())) {
          continue;
        }
        read[0]++;
        compare.compare(run, snapshot).ifPresent(findings::add);
        if (read[0] >= properties.issueLimit()) {
          return false;
        }
      }
      token = page.nextPageToken();
    } while (token != null);
    return true;
  }

  /** Fetches the open items the search did not return; those Jira does not answer are deleted. */
  private void fetchOpen(
      ReconcileIssue.Run run, Set<String> seen, List<Finding> findings, int[] read) {
    String after = null;
    while (true) {
      List<SourceMirrors.Mirror> open =
          mirrors.open(run.tenantId(), run.integration().id(), after, FETCH_BATCH);
      if (open.isEmpty()) {
        return;
      }
      after = open.get(open.size() - 1).externalId();
      List<SourceMirrors.Mirror> unseen =
          open.stream().filter(m -> !seen.contains(m.externalId())).toList();
      if (unseen.isEmpty()) {
        continue;
      }
      List<String> ids = unseen.stream().map(SourceMirrors.Mirror::externalId).toList();
      JiraIssues.Fetched fetched = withRateLimit("fetch", () -> jira.fetch(run.site(), ids));
      Set<String> answered = new HashSet<>(fetched.errorIds());
      for (var issue : fetched.issues()) {
        IssueSnapshot snapshot = IssueSnapshot.of(issue);
        answered.add(snapshot.id());
        if (seen.add(snapshot.id())) {
          read[0]++;
          compare.compare(run, snapshot).ifPresent(findings::add);
        }
      }
      long now = Instant.now(clock).toEpochMilli();
      for (SourceMirrors.Mirror mirror : unseen) {
        if (!answered.contains(mirror.externalId())) {
          findings.add(compare.deleted(run, mirror, now));
        }
      }
    }
  }

  /**
   * {@code project in ("A", "B") AND updated >= -Nm ORDER BY created ASC, key ASC}: a relative
   * time, so Jira's user time zone does not matter; N covers the time since the last run's start
   * plus the overlap.
   */
  String jql(List<String> projects, @Nullable Instant since, Instant now) {
    Instant from =
        since == null ? now.minus(properties.lookback()) : since.minus(properties.overlapping());
    long minutes = Math.max(1, Duration.between(from, now).toMinutes() + 1);
    String keys =
        String.join(
            ", ",
            projects.stream()
                .map(p -> "\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .toList());
    // created, not updated: the run's own changes (and people's) move issues in updated order, and
    // a page boundary would then skip one; creation order only grows at the end
    return "project in ("
        + keys
        + ") AND updated >= -"
        + minutes
        + "m ORDER BY created ASC, key ASC";
  }

  private <T> T withRateLimit(String step, Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (JiraIssues.JiraReadFailed e) {
        Duration wait = e.retryAfter();
        boolean limited = e.rateLimited() || wait != null;
        if (!limited) {
          throw e;
        }
        Duration asked = wait == null ? Duration.ofSeconds(attempt) : wait;
        if (asked.compareTo(properties.longestWait()) > 0
            || attempt >= ReconcileProperties.ATTEMPTS) {
          throw new RateLimited(
              "Jira rate-limited the "
                  + step
                  + " ("
                  + e.getMessage()
                  + "); next run after "
                  + asked,
              asked);
        }
        try {
          pause.sleep(asked);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new RateLimited("interrupted while waiting out Jira's rate limit", asked);
        }
      }
    }
  }
}
