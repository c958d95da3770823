package dev.baton.bench;

import dev.baton.bench.LoadWorkload.Issue;
import dev.baton.bench.LoadWorkload.Planned;
import dev.baton.bench.LoadWorkload.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Follows what Baton did with the load, from outside: it reads the event feed ({@code
 * /api/v1/events}) for the commit time of each routing decision and of each accept, lists the
 * inbox's pending rows to learn which sends were processed (so an issue's next event may go), and
 * times the deliveries the receiver got. Latencies are kept in whole-run histograms (sends of the
 * measured window only) and in the current sample window's.
 */
final class LoadTracker {

  /** One request the generator sent, under its own correlation id. */
  static final class Sent {
    final Planned planned;
    final String deliveryId;
    final String correlation;
    final Instant sentAt;
    final boolean measured;
    volatile @Nullable String inboxId;
    volatile long registered;
    volatile boolean decided;

    Sent(Planned planned, String deliveryId, Instant sentAt, boolean measured) {
      this.planned = planned;
      this.deliveryId = deliveryId;
      this.correlation = "load-" + UUID.randomUUID();
      this.sentAt = sentAt;
      this.measured = measured;
    }
  }

  /** The destinations whose delivery of a routing decision is timed. */
  enum Destination {
    WEBHOOK,
    SLACK,
    JIRA
  }

  /** Latencies of one sample window, and what was counted in it. */
  record Window(Histogram routed, Histogram delivered, long decisions, long deliveries) {}

  private final BatonClient baton;
  private final LoadWorkload workload;
  private final LoadReceiver receiver;
  private final Map<String, Sent> byCorrelation = new ConcurrentHashMap<>();
  private final Map<Issue, Sent> opened =
      java.util.Collections.synchronizedMap(new IdentityHashMap<>());
  private final ConcurrentLinkedQueue<Sent> outstanding = new ConcurrentLinkedQueue<>();
  private final List<LoadReceiver.Arrival> unmatched = new ArrayList<>();
  private final Set<String> timedSlack = new HashSet<>();
  private final Set<String> timedJira = new HashSet<>();
  private final Map<String, String> itemOfIssue = new ConcurrentHashMap<>();

  final Histogram routed = new Histogram(3);
  private @Nullable Instant firstRouted;
  private @Nullable Instant lastRouted;
  final Histogram accepted = new Histogram(3);
  final Map<Destination, Histogram> delivered = new EnumMap<>(Destination.class);
  private Histogram windowRouted = new Histogram(3);
  private Histogram windowDelivered = new Histogram(3);
  private long windowDecisions;
  private long windowDeliveries;
  private long workItemsCreated;
  private long secondWorkItems;
  private String cursor = "0";
  private final List<UUID> inboxIntegrations;

  LoadTracker(
      BatonClient baton,
      LoadWorkload workload,
      LoadReceiver receiver,
      List<UUID> inboxIntegrations) {
    this.baton = baton;
    this.workload = workload;
    this.receiver = receiver;
    this.inboxIntegrations = inboxIntegrations;
    for (Destination d : Destination.values()) {
      delivered.put(d, new Histogram(3));
    }
  }

  /**
   * Seconds from the first to the last routing decision of a send made while measuring: when Baton
   * keeps pace that is about the measured duration, when it builds a backlog it includes the time
   * the backlog took to route. Zero until two decisions were seen.
   */
  synchronized double routedSpanSeconds() {
    if (firstRouted == null || lastRouted == null) {
      return 0;
    }
    return Duration.between(firstRouted, lastRouted).toNanos() / 1e9;
  }

  /** Skips the events already in the feed, so only this run's are read. */
  void skipToEnd() throws Exception {
    while (true) {
      JsonNode page = baton.get("/api/v1/events?limit=500&after=" + cursor);
      cursor = page.path("next").asString(cursor);
      if (page.path("items").size() < 500) {
        return;
      }
    }
  }

  Sent sending(Planned planned, String deliveryId, boolean measured) {
    Sent sent = new Sent(planned, deliveryId, BenchClock.now(), measured);
    byCorrelation.put(sent.correlation, sent);
    if (planned.step() == Step.OPEN) {
      opened.put(planned.issue(), sent);
    }
    return sent;
  }

  /** Baton stored the send as inbox row {@code inboxId}; it is done once no longer pending. */
  void accepted(Sent sent, String inboxId) {
    sent.inboxId = inboxId;
    sent.registered = System.nanoTime();
    outstanding.add(sent);
  }

  int outstanding() {
    return outstanding.size();
  }

  /** One round: the feed, the inbox's pending rows, the receiver's arrivals. */
  void poll() throws Exception {
    readFeed();
    settleProcessed();
    matchArrivals();
  }

  private void readFeed() throws Exception {
    for (int pages = 0; pages < 20; pages++) {
      JsonNode page = baton.get("/api/v1/events?limit=500&after=" + cursor);
      cursor = page.path("next").asString(cursor);
      for (JsonNode event : page.path("items")) {
        event(event);
      }
      if (page.path("items").size() < 500) {
        return;
      }
    }
  }

  private void event(JsonNode event) {
    Sent sent = byCorrelation.get(event.path("batoncorrelationid").asString(""));
    if (sent == null) {
      return;
    }
    String type = event.path("type").asString("");
    String subject = event.path("subject").asString("");
    Instant time = Instant.parse(event.path("time").asString());
    Planned planned = sent.planned;
    if (planned.step() == Step.OPEN && type.equals("dev.baton.assignment.requested")) {
      String before = itemOfIssue.putIfAbsent(planned.source() + ":" + planned.issue().n, subject);
      synchronized (this) {
        if (before == null) {
          workItemsCreated++;
        } else if (!before.equals(subject)) {
          secondWorkItems++;
        }
      }
      workload.bind(planned.issue(), subject);
    }
    boolean decision =
        type.equals("dev.baton.assignment.routed") || type.equals("dev.baton.assignment.queued");
    if (planned.step() == Step.OPEN && decision && !sent.decided) {
      sent.decided = true;
      long micros = Math.max(0, ChronoUnit.MICROS.between(sent.sentAt, time));
      synchronized (this) {
        windowRouted.recordValue(micros);
        windowDecisions++;
        if (sent.measured) {
          routed.recordValue(micros);
          if (firstRouted == null || time.isBefore(firstRouted)) {
            firstRouted = time;
          }
          if (lastRouted == null || time.isAfter(lastRouted)) {
            lastRouted = time;
          }
        }
      }
    }
    if (planned.step() == Step.PRESS
        && type.equals("dev.baton.assignment.accepted")
        && sent.measured) {
      synchronized (this) {
        accepted.recordValue(Math.max(0, ChronoUnit.MICROS.between(sent.sentAt, time)));
      }
    }
  }

  /** Sends registered before the pending rows were listed and not among them were processed. */
  private void settleProcessed() throws Exception {
    if (outstanding.isEmpty()) {
      return;
    }
    long listedFrom = System.nanoTime();
    Set<String> pending = new HashSet<>();
    for (UUID integration : inboxIntegrations) {
      String next = null;
      for (int pages = 0; pages < 40; pages++) {
        JsonNode page =
            baton.get(
                "/api/v1/inbox?status=pending&limit=500&integration="
                    + integration
                    + (next == null ? "" : "&cursor=" + next));
        page.path("items").forEach(row -> pending.add(row.path("id").asString("")));
        next = page.path("next").isString() ? page.path("next").asString() : null;
        if (next == null) {
          break;
        }
      }
    }
    for (Iterator<Sent> it = outstanding.iterator(); it.hasNext(); ) {
      Sent sent = it.next();
      if (sent.registered - listedFrom < 0 && !pending.contains(sent.inboxId)) {
        it.remove();
        workload.done(sent.planned.issue());
      }
    }
  }

  private void matchArrivals() {
    List<LoadReceiver.Arrival> todo = new ArrayList<>(unmatched);
    unmatched.clear();
    for (LoadReceiver.Arrival a; (a = receiver.arrivals.poll()) != null; ) {
      todo.add(a);
    }
    for (LoadReceiver.Arrival a : todo) {
      if (!match(a)) {
        unmatched.add(a);
      }
    }
  }

  /** Times one arrival against the send that opened its issue; false when it cannot tell yet. */
  private boolean match(LoadReceiver.Arrival a) {
    return switch (a.kind()) {
      case WEBHOOK_ROUTED -> {
        Sent sent = byCorrelation.get(a.key());
        if (sent != null && sent.planned.step() == Step.OPEN) {
          record(Destination.WEBHOOK, sent, a.at());
        }
        yield true;
      }
      case SLACK_POST -> {
        Issue issue = workload.byWorkItem(a.key());
        if (issue == null) {
          yield false;
        }
        LoadReceiver.SlackMessage message = a.message();
        if (message != null && message.acceptValue() != null) {
          workload.pressable(a.key(), message);
        }
        Sent sent = opened.get(issue);
        if (sent != null && timedSlack.add(a.key())) {
          record(Destination.SLACK, sent, a.at());
        }
        yield true;
      }
      case JIRA_COMMENT -> {
        long n = Long.parseLong(a.key().substring(a.key().indexOf('-') + 1));
        Issue issue = workload.issue(LoadWorkload.Source.JIRA, n);
        Sent sent = issue == null ? null : opened.get(issue);
        if (sent != null && timedJira.add(a.key())) {
          record(Destination.JIRA, sent, a.at());
        }
        yield true;
      }
    };
  }

  private synchronized void record(Destination destination, Sent sent, Instant at) {
    long micros = Math.max(0, ChronoUnit.MICROS.between(sent.sentAt, at));
    windowDelivered.recordValue(micros);
    windowDeliveries++;
    if (sent.measured) {
      Objects.requireNonNull(delivered.get(destination)).recordValue(micros);
    }
  }

  /** The current window's figures; a new window starts. */
  synchronized Window takeWindow() {
    Window w = new Window(windowRouted, windowDelivered, windowDecisions, windowDeliveries);
    windowRouted = new Histogram(3);
    windowDelivered = new Histogram(3);
    windowDecisions = 0;
    windowDeliveries = 0;
    return w;
  }

  /** Work items whose creation the feed showed for an issue the generator opened. */
  synchronized long workItemsCreated() {
    return workItemsCreated;
  }

  /** Issues for which the feed showed a second, different work item being created. */
  synchronized long secondWorkItems() {
    return secondWorkItems;
  }

  synchronized long unmatched() {
    return unmatched.size();
  }
}
