package dev.baton.bench;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * What the load generator sends next, and the state of every issue it made. GitHub and Jira issues
 * are opened, edited and closed, each event with a higher version than the last, and an issue's
 * next event goes out only once Baton has processed its previous one, so the only stale events are
 * the ones planned: an out-of-order pair sends a newer update first and the older one after it was
 * processed. Slack presses Accept on a DM Baton posted, once per work item, while its issue is
 * open.
 */
final class LoadWorkload {

  enum Source {
    GITHUB,
    JIRA,
    SLACK
  }

  /** What one send does to its issue. */
  enum Step {
    OPEN,
    EDIT,
    CLOSE,
    /** The newer half of an out-of-order pair. */
    NEWER,
    /** The older half, sent after the newer was processed: Baton must find it stale. */
    OLDER,
    /** Slack: Accept pressed on the issue's DM. */
    PRESS
  }

  /** One issue in a source system, and where the generator is with it. */
  static final class Issue {
    final Source source;
    final long n;
    final Instant born;
    int version;
    boolean busy = true;
    boolean closed;
    boolean pressed;
    int owedOlder = -1;
    @Nullable String workItem;

    Issue(Source source, long n, Instant born) {
      this.source = source;
      this.n = n;
      this.born = born;
    }

    /** The source version {@code v}: whole seconds after the issue was born. */
    Instant at(int v) {
      return born.plusSeconds(v);
    }
  }

  /**
   * A step to send, on an issue, at a version (PRESS: with the message whose button is pressed).
   */
  record Planned(
      Source source,
      Step step,
      Issue issue,
      int version,
      LoadReceiver.@Nullable SlackMessage message) {}

  /** A DM with an Accept button, and the work item it acts on. */
  private record Pressable(String workItem, LoadReceiver.SlackMessage message) {}

  /** Of the GitHub and Jira sends that are not the older half of a pair: new issues. */
  static final double OPEN_SHARE = 0.4;

  /** Edits; the rest close an issue. */
  static final double EDIT_SHARE = 0.45;

  private final double outOfOrder;
  private final Map<Source, List<Issue>> ready = new HashMap<>();
  private final Map<Source, Deque<Issue>> owing = new HashMap<>();
  private final Map<Source, Map<Long, Issue>> issues = new HashMap<>();
  private final Map<String, Issue> byWorkItem = new HashMap<>();
  private final Deque<Pressable> pressable = new ArrayDeque<>();
  private final Instant base;
  private long next = 1;
  private long slackFallbacks;

  LoadWorkload(double outOfOrder, Instant base) {
    this.outOfOrder = outOfOrder;
    this.base = base;
    for (Source s : Source.values()) {
      ready.put(s, new ArrayList<>());
      owing.put(s, new ArrayDeque<>());
      issues.put(s, new HashMap<>());
    }
  }

  /** The next send for {@code source}; a Slack press with no DM to press opens a GitHub issue. */
  synchronized Planned next(Source source, RandomGenerator random) {
    if (source == Source.SLACK) {
      Planned press = press();
      if (press != null) {
        return press;
      }
      slackFallbacks++;
      source = Source.GITHUB;
    }
    Issue older = Objects.requireNonNull(owing.get(source)).pollFirst();
    if (older != null) {
      older.busy = true;
      int v = older.owedOlder;
      older.owedOlder = -1;
      return new Planned(source, Step.OLDER, older, v, null);
    }
    List<Issue> open = Objects.requireNonNull(ready.get(source));
    if (!open.isEmpty() && random.nextDouble() < outOfOrder) {
      Issue issue = take(open, random);
      issue.owedOlder = issue.version + 1;
      issue.version += 2;
      return new Planned(source, Step.NEWER, issue, issue.version, null);
    }
    double r = random.nextDouble();
    if (open.isEmpty() || r < OPEN_SHARE) {
      long n = next++;
      Issue issue = new Issue(source, n, base.plusMillis(n));
      Objects.requireNonNull(issues.get(source)).put(n, issue);
      return new Planned(source, Step.OPEN, issue, 0, null);
    }
    Issue issue = take(open, random);
    issue.version += 1;
    if (r < OPEN_SHARE + EDIT_SHARE) {
      return new Planned(source, Step.EDIT, issue, issue.version, null);
    }
    issue.closed = true;
    return new Planned(source, Step.CLOSE, issue, issue.version, null);
  }

  private @Nullable Planned press() {
    for (int tries = pressable.size(); tries > 0; tries--) {
      Pressable p = pressable.pollFirst();
      if (p == null) {
        return null;
      }
      Issue issue = byWorkItem.get(p.workItem());
      if (issue != null && (issue.closed || issue.pressed)) {
        continue;
      }
      // only an issue waiting among the ready ones: not one with an event in flight or a pair open
      if (issue == null || !Objects.requireNonNull(ready.get(issue.source)).remove(issue)) {
        pressable.addLast(p);
        continue;
      }
      issue.busy = true;
      issue.pressed = true;
      return new Planned(Source.SLACK, Step.PRESS, issue, issue.version, p.message());
    }
    return null;
  }

  private static Issue take(List<Issue> open, RandomGenerator random) {
    int i = random.nextInt(open.size());
    Issue issue = open.get(i);
    open.set(i, open.get(open.size() - 1));
    open.remove(open.size() - 1);
    issue.busy = true;
    return issue;
  }

  /**
   * After the load: the older half of a pair whose newer half Baton has processed, or null when
   * none is due yet.
   */
  synchronized @Nullable Planned owedOlder() {
    for (Source source : List.of(Source.GITHUB, Source.JIRA)) {
      Issue older = Objects.requireNonNull(owing.get(source)).pollFirst();
      if (older != null) {
        older.busy = true;
        int v = older.owedOlder;
        older.owedOlder = -1;
        return new Planned(source, Step.OLDER, older, v, null);
      }
    }
    return null;
  }

  /** Issues whose older half has not been sent yet. */
  synchronized long pairsOpen() {
    return issues.values().stream()
        .flatMap(m -> m.values().stream())
        .filter(i -> i.owedOlder >= 0)
        .count();
  }

  /** Baton processed the issue's last send (or it failed): the issue may get its next event. */
  synchronized void done(Issue issue) {
    issue.busy = false;
    if (issue.closed) {
      return;
    }
    if (issue.owedOlder >= 0) {
      Objects.requireNonNull(owing.get(issue.source)).addLast(issue);
    } else {
      Objects.requireNonNull(ready.get(issue.source)).add(issue);
    }
  }

  /** A send that was never accepted: an issue never opened is forgotten, others are released. */
  synchronized void failed(Planned planned) {
    Issue issue = planned.issue();
    if (planned.step() == Step.OPEN) {
      Objects.requireNonNull(issues.get(issue.source)).remove(issue.n);
      return;
    }
    if (planned.step() == Step.CLOSE) {
      issue.closed = false;
    }
    if (planned.step() == Step.NEWER) {
      issue.owedOlder = -1;
    }
    if (planned.step() == Step.PRESS) {
      issue.pressed = false;
    }
    done(issue);
  }

  /** The feed says which work item mirrors the issue. */
  synchronized void bind(Issue issue, String workItem) {
    issue.workItem = workItem;
    byWorkItem.put(workItem, issue);
  }

  synchronized @Nullable Issue byWorkItem(String workItem) {
    return byWorkItem.get(workItem);
  }

  synchronized @Nullable Issue issue(Source source, long n) {
    return Objects.requireNonNull(issues.get(source)).get(n);
  }

  /** Baton posted a DM with an Accept button for the work item. */
  synchronized void pressable(String workItem, LoadReceiver.SlackMessage message) {
    pressable.addLast(new Pressable(workItem, message));
  }

  synchronized long slackFallbacks() {
    return slackFallbacks;
  }
}
