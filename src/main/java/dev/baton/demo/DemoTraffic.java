package dev.baton.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's traffic: on each {@link #tick} one signed webhook delivery (a GitHub issue opened or a
 * Jira issue created, in turn, from the scenarios below) to Baton's own hooks, and the simulated
 * people's answers: an offer that has waited {@code baton.demo.accept-after} in a person's Slack DM
 * is accepted with the DM's Accept button, unless the item is one of the third that nobody accepts,
 * which the escalation policy then moves on. Ticks run every {@code baton.demo.interval} on one
 * daemon thread; time comes from the injected clock, so tests tick by hand.
 */
final class DemoTraffic {

  private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

  /** One kind of work the generator sends. */
  record Scenario(
      boolean github,
      String title,
      List<String> labels,
      @Nullable String issueType,
      @Nullable String priority,
      @Nullable String component) {}

  static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario(
              true,
              "Checkout fails for EU cards with 3-D Secure",
              List.of("bug", "payments"),
              null,
              null,
              null),
          new Scenario(
              false, "Orders API answers 503 in eu-west-1", List.of(), "Incident", "Highest", null),
          new Scenario(
              true,
              "Search box loses focus after the first letter",
              List.of("bug"),
              null,
              null,
              null),
          new Scenario(
              false, "Refund button charges the card twice", List.of(), "Bug", "High", "Payments"),
          new Scenario(
              true,
              "Nightly database backup did not finish",
              List.of("incident", "P1"),
              null,
              null,
              null),
          new Scenario(
              false,
              "Product images are blurry on retina screens",
              List.of(),
              "Bug",
              "Medium",
              null),
          new Scenario(
              true,
              "Add a dark mode to the account page",
              List.of("enhancement"),
              null,
              null,
              null),
          new Scenario(
              false,
              "Fraud rules block every card from one bank",
              List.of("fraud"),
              "Bug",
              "High",
              "Payments"));

  /** What one tick did. */
  record Tick(Scenario scenario, String key, int status, int accepted) {}

  private static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private final DemoHooks hooks;
  private final Sandbox sandbox;
  private final JsonMapper json;
  private final Clock clock;
  private final Duration acceptAfter;
  private final ObjectNode github;
  private final ObjectNode jira;
  private final long firstNumber;
  private final Set<String> pressed = new HashSet<>();
  private long sent;
  private @Nullable ScheduledExecutorService schedule;

  DemoTraffic(
      DemoHooks hooks, Sandbox sandbox, JsonMapper json, Clock clock, Duration acceptAfter) {
    this.hooks = hooks;
    this.sandbox = sandbox;
    this.json = json;
    this.clock = clock;
    this.acceptAfter = acceptAfter;
    this.github = template("/demo/github-issues-opened.json");
    this.jira = template("/demo/jira-issue-created.json");
    // issue numbers go on from where an earlier demo run on the same data could have stopped
    this.firstNumber = clock.instant().getEpochSecond() % 10_000_000;
  }

  /** Starts ticking every {@code interval}; a zero interval leaves ticking to the caller. */
  synchronized void start(Duration interval) {
    if (interval.isZero() || interval.isNegative() || schedule != null) {
      return;
    }
    schedule =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "baton-demo-traffic");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    schedule.scheduleWithFixedDelay(this::tickLogged, millis, millis, TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (schedule != null) {
      schedule.shutdownNow();
      schedule = null;
    }
  }

  private void tickLogged() {
    try {
      Tick tick = tick();
      if (tick.status() != 202 && tick.status() != 200) {
        log.warn("The demo's delivery of {} was answered {}", tick.key(), tick.status());
      }
    } catch (RuntimeException e) {
      log.warn("The demo's traffic failed this time", e);
    }
  }

  /** Sends the next delivery, then lets the simulated people accept the offers that are due. */
  Tick tick() {
    Scenario scenario;
    long number;
    synchronized (this) {
      scenario = SCENARIOS.get((int) (sent % SCENARIOS.size()));
      number = firstNumber + sent;
      sent++;
    }
    String key;
    DemoHooks.Answer answer;
    if (scenario.github()) {
      key = "baton-demo/shop#" + number;
      answer = hooks.github("issues", githubIssue(scenario, number));
    } else {
      key = "SHOP-" + number;
      answer = hooks.jira(jiraIssue(scenario, number, key));
    }
    return new Tick(scenario, key, answer.status(), acceptDueOffers());
  }

  /**
   * Presses Accept on every DM offer older than {@code accept-after} whose work item the simulated
   * people take (two in three), once each.
   */
  int acceptDueOffers() {
    Instant due = clock.instant().minus(acceptAfter);
    int accepted = 0;
    List<SlackSandbox.Message> offers = sandbox.offers();
    synchronized (this) {
      // forget presses whose message is gone or shows no Accept button any more
      pressed.retainAll(offers.stream().map(o -> o.channel() + "/" + o.ts()).toList());
    }
    for (SlackSandbox.Message offer : offers) {
      String item = offer.workItem().orElse("");
      if (offer.postedAt().isAfter(due) || !takes(item)) {
        continue;
      }
      synchronized (this) {
        if (!pressed.add(offer.channel() + "/" + offer.ts())) {
          continue;
        }
      }
      if (sandbox.press(offer.channel(), offer.ts(), "baton.accept").sent()) {
        accepted++;
      }
    }
    return accepted;
  }

  /** Whether the simulated people accept this item; the others are left to escalate. */
  static boolean takes(String workItemId) {
    return Math.floorMod(workItemId.hashCode(), 3) != 0;
  }

  private byte[] githubIssue(Scenario scenario, long number) {
    ObjectNode payload = github.deepCopy();
    ObjectNode issue = (ObjectNode) payload.get("issue");
    String base = "https://api.github.com/repos/baton-demo/shop/issues/" + number;
    issue.put("url", base);
    issue.put("labels_url", base + "/labels{/name}");
    issue.put("comments_url", base + "/comments");
    issue.put("events_url", base + "/events");
    issue.put("html_url", "https://github.com/baton-demo/shop/issues/" + number);
    issue.put("id", 3_000_000_000L + number);
    issue.put("node_id", "I_demo" + number);
    issue.put("number", number);
    issue.put("title", scenario.title());
    String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    issue.put("created_at", now);
    issue.put("updated_at", now);
    ArrayNode labels = issue.putArray("labels");
    long labelId = 7100;
    for (String label : scenario.labels()) {
      labels
          .addObject()
          .put("id", ++labelId)
          .put("node_id", "LA_demo" + labelId)
          .put("name", label)
          .put("color", "d73a4a")
          .put("default", false);
    }
    return json.writeValueAsBytes(payload);
  }

  private byte[] jiraIssue(Scenario scenario, long number, String key) {
    ObjectNode payload = jira.deepCopy();
    payload.put("timestamp", clock.millis());
    ObjectNode issue = (ObjectNode) payload.get("issue");
    String id = Long.toString(20_000 + number);
    issue.put("id", id);
    issue.put("self", "https://demo.atlassian.net/rest/api/2/issue/" + id);
    issue.put("key", key);
    ObjectNode fields = (ObjectNode) issue.get("fields");
    fields.put("summary", scenario.title());
    ((ObjectNode) fields.get("issuetype")).put("name", String.valueOf(scenario.issueType()));
    ((ObjectNode) fields.get("priority")).put("name", String.valueOf(scenario.priority()));
    ArrayNode labels = fields.putArray("labels");
    scenario.labels().forEach(labels::add);
    ArrayNode components = fields.putArray("components");
    if (scenario.component() != null) {
      components.addObject().put("id", "10100").put("name", scenario.component());
    }
    String now = JIRA_TIME.format(clock.instant());
    fields.put("created", now);
    fields.put("updated", now);
    return json.writeValueAsBytes(payload);
  }

  private ObjectNode template(String resource) {
    try (InputStream in = DemoTraffic.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing");
      }
      return (ObjectNode) json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
