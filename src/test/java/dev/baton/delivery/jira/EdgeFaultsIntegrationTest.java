package dev.baton.delivery.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.slack.FakeSlackWebApi;
import dev.baton.ingest.VendorFixtures;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.JiraHookLoad;
import dev.baton.testsupport.RecordingSubscriber;
import dev.baton.testsupport.TestClock;
import dev.baton.testsupport.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults at the edges under load: signed Jira webhooks arrive at a steady rate, each routed to
 * Alice with Jira (assignee and comment), Slack (#incidents and Alice's DM) and a webhook
 * subscriber to tell, while the fake Slack and Jira go through phases: normal, slow (answers after
 * the client's timeout, the work done), throttled (429 with {@code Retry-After}), failing (503 and
 * dropped connections), then recovered. Throughout, every webhook is accepted with 202 (acceptance
 * never waits for the outbound side; the rate and latency per phase are printed, not asserted);
 * Baton backs off (nothing reaches a throttled Slack workspace or Jira site before its {@code
 * Retry-After} has passed on the clock, and no delivery is retried sooner than a second after its
 * last attempt); after the recovery every delivery is delivered, exactly once per destination (by
 * Slack message metadata, Jira comment property and {@code webhook-id}), none dead, each item's
 * events in order.
 *
 * <p>The test clock stands still within a phase and moves a minute between phases, so a delivery
 * that failed in one phase is retried in the next; after the load it is moved on until the retry
 * schedule has let everything through.
 */
@Import(EdgeFaultsIntegrationTest.Clocks.class)
@TestPropertySource(
    properties = {
      "baton.jira.allow-loopback-http=true",
      "baton.jira.request-timeout=1s",
      "baton.outbound.allowlist=127.0.0.1/32",
      "baton.inbox.poll-interval=50ms",
      "baton.delivery.poll-interval=50ms",
      "baton.delivery.slack.timeout=1s",
      // the clock stands still within a phase: Baton's own per-channel bucket must not be the
      // limit this test meets
      "baton.delivery.slack.messages-per-second=1000",
      "baton.delivery.slack.burst=100000",
      "baton.webhooks.request-timeout=2s"
    })
class EdgeFaultsIntegrationTest extends IntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String JIRA_SECRET = "jira-hook-secret";
  private static final String BOT_TOKEN = "xoxb-1111-2222-acmebot";
  private static final FakeSlackWebApi SLACK = FakeSlackWebApi.start(BOT_TOKEN);
  private static final int PER_SECOND = 5;
  private static final Duration PHASE = Duration.ofSeconds(4);

  /** An answer that arrived this long (wall time) after a 429 could have been held back by it. */
  private static final Duration IN_FLIGHT = Duration.ofSeconds(1);

  private static final String SETUP =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec:
        displayName: Alice Smith
        identities: { jira: 5b10ac8d82e05b22cc7d4ef5, slack: U0ALICE01 }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: triage-team }
      spec: { members: [alice] }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: triage }
      spec: { team: triage-team }
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: inbound }
      spec:
        rules:
          - name: jira-to-alice
            when: item.source.system == "jira"
            assign: { person: alice }
            notify: { slack: { channel: "#incidents" } }
        fallback: { queue: triage }
      """;

  @TestConfiguration(proxyBeanMethods = false)
  static class Clocks {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }

  @DynamicPropertySource
  static void ownDatabaseAndFakeSlack(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("edge_faults"));
    registry.add("baton.slack.api-url", SLACK::apiUrl);
  }

  @AfterAll
  static void stopSlack() {
    SLACK.close();
  }

  @Autowired TestClock clock;

  /** When (wall time, {@link System#nanoTime}) each fake answered with what, by clock time. */
  record Seen(long wallNanos, Instant at, int status) {}

  @Test
  void slowThrottledAndFailingSlackAndJiraDelayDeliveriesButNeverAcceptanceAndLoseNothing() {
    clock.reset();
    SLACK.reset(BOT_TOKEN);
    SLACK.clock(clock::instant);
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    String integration =
        created(
            acme.post(
                "/api/v1/integrations",
                "{\"provider\":\"jira\",\"name\":\"acme-jira\",\"secrets\":[\""
                    + JIRA_SECRET
                    + "\"]}"));
    try (FakeJira jira = newJira();
        RecordingSubscriber subscriber = new RecordingSubscriber();
        JiraHookLoad load =
            new JiraHookLoad(
                VendorFixtures.json("jira/jira_issue_created.json"),
                port,
                integration,
                JIRA_SECRET,
                Duration.ofSeconds(20))) {
      jira.clock(clock::instant);
      Api.Response connected =
          acme.put(
              "/api/v1/integrations/" + integration + "/jira-connection",
              "{\"baseUrl\":\""
                  + jira.baseUrl()
                  + "\",\"auth\":{\"email\":\"baton@acme.example\",\"apiToken\":\"token\"}}");
      assertThat(connected.status()).as("%s", connected).isIn(200, 201);
      created(
          acme.post(
              "/api/v1/integrations",
              "{\"provider\":\"slack\",\"name\":\"acme-slack\",\"secrets\":"
                  + "[\"8f742231b10e8888abcd99yyyzzz85a5\"],\"botToken\":\""
                  + BOT_TOKEN
                  + "\"}"));
      created(
          acme.post(
              "/api/v1/subscriptions",
              "{\"url\":\""
                  + subscriber.url()
                  + "\",\"events\":[\"assignment.*\"],\"secret\":"
                  + "\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}"));

      Map<String, Long> phaseStarts = new TreeMap<>();
      String[] phases = {"1-normal", "2-slow", "3-throttled", "4-failing", "5-recovered"};
      load.phase(phases[0]);
      load.start(PER_SECOND);
      for (String phase : phases) {
        if (!phase.equals(phases[0])) {
          // time moves on between phases: what failed in one is retried in the next
          clock.advance(Duration.ofMinutes(1));
        }
        FakeJira.Mode jiraMode = FakeJira.Mode.valueOf(mode(phase));
        jira.mode(jiraMode);
        SLACK.mode(FakeSlackWebApi.Mode.valueOf(mode(phase)));
        load.phase(phase);
        phaseStarts.put(phase, System.nanoTime());
        pause(PHASE);
      }
      load.stop();

      List<JiraHookLoad.Sent> sent = load.sent();
      System.out.println(
          "Faults at the edges under load ("
              + PER_SECOND
              + " Jira webhooks/s, "
              + PHASE.toSeconds()
              + " s a phase; figures from a test run):");
      load.report().forEach(line -> System.out.println("  " + line));

      // acceptance never depended on the outbound side
      assertThat(sent).allSatisfy(s -> assertThat(s.status()).as("%s", s).isEqualTo(202));
      Set<String> keys = sent.stream().map(JiraHookLoad.Sent::issueKey).collect(Collectors.toSet());
      Map<String, String> items = awaitRouted(keys);

      // after the recovery, the clock moves on until the retry schedule has let everything out
      flush();

      printAttempts(jira);
      List<Delivery> deliveries = deliveries();
      assertThat(deliveries).isNotEmpty();
      assertThat(deliveries)
          .allSatisfy(d -> assertThat(d.status()).as("%s", d).isEqualTo("delivered"));
      Set<String> itemIds = Set.copyOf(items.values());
      assertThat(deliveries.stream().map(Delivery::workItem).collect(Collectors.toSet()))
          .containsAll(itemIds);
      for (String itemId : itemIds) {
        Set<String> destinations =
            deliveries.stream()
                .filter(d -> d.workItem().equals(itemId))
                .map(d -> d.destination().replaceAll(":[0-9a-f-]{36}", ""))
                .collect(Collectors.toSet());
        assertThat(destinations)
            .as(itemId)
            .contains("jira", "slack:#incidents", "slack:dm:U0ALICE01", "webhook");
      }

      // exactly once per destination
      Map<String, Long> slackCopies =
          SLACK.messages().stream()
              .filter(m -> m.metadata() != null)
              .map(m -> JSON.readTree(m.metadata()).get("event_payload").get("delivery_id"))
              .collect(Collectors.groupingBy(JsonNode::asString, Collectors.counting()));
      Map<String, Long> jiraCopies =
          jira.comments().stream()
              .flatMap(c -> propertyValues(c).stream())
              .collect(Collectors.groupingBy(v -> v, Collectors.counting()));
      Map<String, Long> webhookCopies =
          subscriber.received().stream()
              .collect(
                  Collectors.groupingBy(
                      RecordingSubscriber.Received::webhookId, Collectors.counting()));
      for (Delivery d : deliveries) {
        Map<String, Long> copies =
            switch (d.connector()) {
              case "slack" -> slackCopies;
              case "jira" -> jiraCopies;
              case "webhook" -> webhookCopies;
              default -> throw new AssertionError("unexpected connector " + d);
            };
        assertThat(copies.get(d.id())).as("copies of %s", d).isEqualTo(1L);
      }
      assertThat(slackCopies.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));
      assertThat(jiraCopies.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));
      assertThat(webhookCopies.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));

      // per item, in order: at the subscriber, requested then routed; in Baton, every destination
      // delivered the item's events in their sequence
      for (String itemId : itemIds) {
        assertThat(
                subscriber.received().stream()
                    .filter(r -> r.subject().equals(itemId))
                    .map(RecordingSubscriber.Received::type)
                    .toList())
            .as(itemId)
            .containsExactly("dev.baton.assignment.requested", "dev.baton.assignment.routed");
      }
      Map<String, List<Delivery>> byKey =
          deliveries.stream()
              .collect(Collectors.groupingBy(d -> d.destination() + " " + d.workItem()));
      byKey.forEach(
          (key, list) -> {
            List<Delivery> bySequence = new ArrayList<>(list);
            bySequence.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
            assertThat(bySequence.stream().map(Delivery::deliveredAt).toList()).as(key).isSorted();
          });

      // Baton backed off: nothing reached a throttled site or workspace before its Retry-After
      // had passed on the clock (a call already in flight when the 429 came aside), and no
      // delivery was tried again within a second of its last attempt
      List<Seen> jiraSeen =
          jira.answered().stream().map(a -> new Seen(a.wallNanos(), a.at(), a.status())).toList();
      List<Seen> slackSeen =
          SLACK.answered().stream().map(a -> new Seen(a.wallNanos(), a.at(), a.status())).toList();
      assertThat(jiraSeen).anySatisfy(s -> assertThat(s.status()).isEqualTo(429));
      assertThat(slackSeen).anySatisfy(s -> assertThat(s.status()).isEqualTo(429));
      assertThat(tooEarly(jiraSeen, FakeJira.THROTTLE_SECONDS)).as("Jira").isEmpty();
      assertThat(tooEarly(slackSeen, FakeSlackWebApi.THROTTLE_SECONDS)).as("Slack").isEmpty();
      assertThat(
              jdbc.sql(
                      "select count(*) from delivery_attempts a join delivery_attempts b"
                          + " on b.tenant_id = a.tenant_id and b.delivery_id = a.delivery_id"
                          + " and b.n = a.n + 1"
                          + " where b.started_at < a.started_at + interval '1 second'")
                  .query(Long.class)
                  .single())
          .as("retries sooner than a second after the attempt before")
          .isZero();
    }
  }

  private static String mode(String phase) {
    return switch (phase) {
      case "2-slow" -> "SLOW";
      case "3-throttled" -> "THROTTLED";
      case "4-failing" -> "FAILING";
      default -> "NORMAL";
    };
  }

  /** Answers that came after a 429's Retry-After began and before it ended, on the clock. */
  private static List<Seen> tooEarly(List<Seen> seen, int retryAfterSeconds) {
    List<Seen> early = new ArrayList<>();
    for (Seen limited : seen) {
      if (limited.status() != 429) {
        continue;
      }
      Instant until = limited.at().plusSeconds(retryAfterSeconds);
      for (Seen s : seen) {
        if (s.wallNanos() > limited.wallNanos() + IN_FLIGHT.toNanos() && s.at().isBefore(until)) {
          early.add(s);
        }
      }
    }
    return early;
  }

  private static List<String> propertyValues(JsonNode comment) {
    List<String> ids = new ArrayList<>();
    comment
        .path("properties")
        .forEach(
            p -> {
              if (p.path("key").asString("").equals("baton.delivery")) {
                ids.add(p.get("value").get("deliveryId").asString());
              }
            });
    return ids;
  }

  /** A delivery as the table has it. */
  record Delivery(
      String id,
      String connector,
      String destination,
      String workItem,
      long sequence,
      String status,
      int attempts,
      Instant deliveredAt) {}

  private List<Delivery> deliveries() {
    return jdbc.sql(
            "select id::text, connector, destination, work_item_id, event_seq, status,"
                + " attempts, coalesce(delivered_at, created_at) from deliveries"
                + " where tenant_id = 'acme'")
        .query(
            (rs, n) ->
                new Delivery(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getString(6),
                    rs.getInt(7),
                    rs.getObject(8, Timestamp.class).toInstant()))
        .list();
  }

  private void printAttempts(FakeJira jira) {
    Map<String, Map<Integer, Long>> attempts = new TreeMap<>();
    deliveries()
        .forEach(
            d ->
                attempts
                    .computeIfAbsent(d.connector(), c -> new TreeMap<>())
                    .merge(d.attempts(), 1L, Long::sum));
    System.out.println("  deliveries by connector and number of attempts: " + attempts);
    Map<Integer, Long> jiraStatuses = new TreeMap<>();
    jira.answered().forEach(a -> jiraStatuses.merge(a.status(), 1L, Long::sum));
    Map<Integer, Long> slackStatuses = new TreeMap<>();
    SLACK.answered().forEach(a -> slackStatuses.merge(a.status(), 1L, Long::sum));
    System.out.println(
        "  fake Jira answers by status "
            + jiraStatuses
            + ", fake Slack "
            + slackStatuses
            + " (0: connection dropped)");
  }

  /** Moves the clock on, a minute at a time (bounded), until no delivery is pending. */
  private void flush() {
    for (int i = 0; i < 300; i++) {
      long pending =
          jdbc.sql(
                  "select count(*) from deliveries where tenant_id = 'acme' and status = 'pending'")
              .query(Long.class)
              .single();
      if (pending == 0) {
        return;
      }
      clock.advance(Duration.ofMinutes(1));
      pause(Duration.ofMillis(200));
    }
    throw new AssertionError("deliveries still pending after five hours on the clock");
  }

  /** The routed work items by issue key, once every key has one. */
  private Map<String, String> awaitRouted(Set<String> keys) {
    Map<String, String> items = Map.of();
    for (int i = 0; i < 600; i++) {
      items =
          jdbc
              .sql(
                  "select w.external_key, w.id::text from work_items w join assignments a"
                      + " on a.tenant_id = w.tenant_id and a.work_item_id = w.id"
                      + " where w.tenant_id = 'acme' and a.owner_id is not null")
              .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
              .list()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      if (items.keySet().containsAll(keys)) {
        return items;
      }
      pause(Duration.ofMillis(100));
    }
    Set<String> missing = new java.util.TreeSet<>(keys);
    missing.removeAll(items.keySet());
    throw new AssertionError("not routed within 60 s: " + missing);
  }

  private static FakeJira newJira() {
    try {
      return new FakeJira();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String created(Api.Response response) {
    assertThat(response.status()).as("%s", response).isEqualTo(201);
    return response.json().get("id").asString();
  }
}
