package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ingest.VendorFixtures;
import dev.baton.tenant.Scopes;
import dev.baton.tenant.Tenants;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.JiraHookLoad;
import dev.baton.testsupport.RecordingSubscriber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database restarted under load: Baton runs on a PostgreSQL of its own (not the test run's
 * shared one), Jira webhooks arrive at a steady rate, and the database is stopped and started again
 * on the same port and data folder. While it is down, webhooks and API calls answer 503 with {@code
 * Retry-After} and a problem detail within the connection timeout (never a 500, never a hang) and
 * health says DOWN; the inbox worker, dispatcher and timers keep running. Once it is back, Baton
 * reconnects by itself and every webhook acknowledged with 202 (before, during and after) becomes
 * one work item with one decision, whose events reach the subscriber once each, in order.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "baton.reconcile.enabled=false",
      "baton.outbound.allowlist=127.0.0.1/32",
      "baton.inbox.poll-interval=100ms",
      "baton.delivery.poll-interval=100ms",
      // a delivery sent while the database went away could not record its outcome; its lease
      // runs out after this and it is sent again (as uncertain)
      "baton.delivery.lease-time=10s",
      "baton.webhooks.request-timeout=2s",
      // the production default is 5 s; shorter here so the outage's answers come quickly
      "baton.database.connection-timeout=2s"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseRestartIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String JIRA_SECRET = "jira-hook-secret";
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);
  private static final int PER_SECOND = 8;

  private static final Path DATA_DIR = dataDir();
  private static volatile EmbeddedPostgresServer database = EmbeddedPostgresServer.start(DATA_DIR);

  static {
    // stopped when the JVM ends, after this class's context is closed
    Runtime.getRuntime().addShutdownHook(new Thread(() -> database.close()));
  }

  private static final String SETUP =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec:
        displayName: Alice Smith
        identities: { jira: 5b10ac8d82e05b22cc7d4ef5 }
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
        fallback: { queue: triage }
      """;

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add("baton.database.url", () -> database.jdbcUrl());
    registry.add("baton.database.user", () -> database.user());
    registry.add("baton.master-key", SecretBox::newKeysetJson);
  }

  @AfterAll
  static void reportDataDir() {
    System.out.println("database restart test data folder: " + DATA_DIR);
  }

  @Test
  void aDatabaseRestartUnderLoadLosesNothingAndAnswers503WithRetryAfterWhileItIsDown()
      throws Exception {
    String token =
        tenants
            .create("acme", "acme", List.of(Scopes.ADMIN), Actor.system("test"), "test", null)
            .adminToken()
            .value();
    Api acme = new Api(port, token);
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

    try (RecordingSubscriber subscriber = new RecordingSubscriber();
        JiraHookLoad load =
            new JiraHookLoad(
                VendorFixtures.json("jira/jira_issue_created.json"),
                port,
                integration,
                JIRA_SECRET,
                CLIENT_TIMEOUT)) {
      created(
          acme.post(
              "/api/v1/subscriptions",
              "{\"url\":\""
                  + subscriber.url()
                  + "\",\"events\":[\"assignment.*\"],\"secret\":"
                  + "\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}"));

      load.phase("1-before");
      load.start(PER_SECOND);
      pace(Duration.ofSeconds(4));

      load.phase("2-stopping");
      long stopping = System.nanoTime();
      database.close();
      load.phase("3-down");
      pace(Duration.ofSeconds(2));
      Outage outage = duringTheOutage(acme);
      pace(Duration.ofSeconds(3));

      // longer than the connection timeout before the start, so every webhook sent while the
      // database was surely down has had its answer
      load.phase("4-starting");
      pace(Duration.ofMillis(2500));
      database = EmbeddedPostgresServer.start(DATA_DIR);
      load.phase("5-after");
      awaitAccepted(load);
      pace(Duration.ofSeconds(4));
      load.stop();

      List<JiraHookLoad.Sent> sent = load.sent();
      System.out.println("Database restart under load (" + PER_SECOND + " webhooks/s):");
      load.report().forEach(line -> System.out.println("  " + line));
      System.out.println(
          "  during the outage: API "
              + outage.api().status()
              + " in "
              + outage.apiMs()
              + " ms, health "
              + outage.health().status()
              + " in "
              + outage.healthMs()
              + " ms");

      // every webhook got an answer: 202 or 503, never a 500 or a hang
      assertThat(sent).allSatisfy(s -> assertThat(s.status()).as("%s", s).isIn(202, 503));
      List<JiraHookLoad.Sent> down = inPhase(sent, "3-down");
      assertThat(down).isNotEmpty();
      for (JiraHookLoad.Sent s : down) {
        assertThat(s.status()).as("%s", s).isEqualTo(503);
        assertThat(s.retryAfter()).as("%s", s).isEqualTo("5");
        assertThat(s.contentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(s.body()).get("status").asInt()).isEqualTo(503);
      }
      // before the stop began, everything was accepted (a webhook in flight at the stop may not be)
      assertThat(sent.stream().filter(s -> s.answeredAt() < stopping))
          .isNotEmpty()
          .allSatisfy(s -> assertThat(s.status()).as("%s", s).isEqualTo(202));
      assertThat(inPhase(sent, "5-after")).anySatisfy(s -> assertThat(s.status()).isEqualTo(202));

      // the API and health while it was down
      assertThat(outage.api().status()).as("%s", outage.api()).isEqualTo(503);
      assertThat(outage.api().header("Retry-After")).isEqualTo("5");
      assertThat(outage.api().contentType()).startsWith("application/problem+json");
      assertThat(outage.api().json().get("detail").asString()).contains("database");
      assertThat(outage.health().status()).isEqualTo(503);
      assertThat(outage.health().json().get("status").asString()).isEqualTo("DOWN");

      // back: new requests succeed
      assertThat(acme.get("/api/v1/work-items?limit=1").status()).isEqualTo(200);
      assertThat(acme.withoutToken().get("/actuator/health").json().get("status").asString())
          .isEqualTo("UP");

      // everything acknowledged is processed, routed once and delivered once per event, in order
      Set<String> acknowledged =
          sent.stream()
              .filter(s -> s.status() == 202)
              .map(JiraHookLoad.Sent::issueKey)
              .collect(Collectors.toSet());
      Map<String, String> items = awaitItems(acknowledged);
      assertThat(items.keySet()).containsAll(acknowledged);
      Map<String, Long> decisions =
          jdbc
              .sql(
                  "select w.external_key, count(d.id) from work_items w left join"
                      + " routing_decisions d on d.tenant_id = w.tenant_id and d.work_item_id = w.id"
                      + " and d.applied where w.tenant_id = 'acme' group by w.external_key")
              .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
              .list()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      acknowledged.forEach(key -> assertThat(decisions.get(key)).as(key).isEqualTo(1L));

      List<String> expectedTypes =
          List.of("dev.baton.assignment.requested", "dev.baton.assignment.routed");
      Set<String> itemIds = Set.copyOf(items.values());
      awaitReceived(subscriber, itemIds, expectedTypes);
      // a delivery whose outcome could not be recorded while the database was away is sent again
      // once its lease runs out: wait for that too
      awaitAllDelivered();
      List<RecordingSubscriber.Received> received = subscriber.received();
      assertThat(
              jdbc.sql("select count(*) from inbox where status <> 'processed'")
                  .query(Long.class)
                  .single())
          .as("inbox rows not processed")
          .isZero();

      Map<String, List<RecordingSubscriber.Received>> byId =
          received.stream().collect(Collectors.groupingBy(RecordingSubscriber.Received::webhookId));
      Map<String, Integer> attempts =
          jdbc
              .sql("select id::text, attempts from deliveries where tenant_id = 'acme'")
              .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
              .list()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      long repeated = byId.values().stream().filter(l -> l.size() > 1).count();
      System.out.println(
          "  "
              + acknowledged.size()
              + " webhooks acknowledged, "
              + items.size()
              + " work items, "
              + byId.size()
              + " distinct webhook-ids at the subscriber ("
              + received.size()
              + " requests, "
              + repeated
              + " sent again after an uncertain attempt)");
      for (String itemId : itemIds) {
        List<RecordingSubscriber.Received> ofItem =
            received.stream().filter(r -> r.subject().equals(itemId)).toList();
        Map<String, Set<String>> idsByType = new HashMap<>();
        ofItem.forEach(
            r ->
                idsByType
                    .computeIfAbsent(r.type(), t -> new java.util.HashSet<>())
                    .add(r.webhookId()));
        // each event exactly once by its webhook-id
        assertThat(idsByType.keySet())
            .as(itemId)
            .containsExactlyInAnyOrderElementsOf(expectedTypes);
        idsByType.forEach((type, ids) -> assertThat(ids).as(itemId + " " + type).hasSize(1));
        // in order: the routed event never arrived before the requested one
        List<String> firstArrivals = new ArrayList<>();
        ofItem.forEach(
            r -> {
              if (!firstArrivals.contains(r.type())) {
                firstArrivals.add(r.type());
              }
            });
        assertThat(firstArrivals).as(itemId).containsExactlyElementsOf(expectedTypes);
      }
      // a webhook-id arrives twice only for a delivery that was attempted again (its first
      // attempt's outcome was lost with the database): the receiver drops it by its id
      byId.forEach(
          (id, list) -> {
            if (list.size() > 1) {
              assertThat(attempts.get(id)).as("delivery %s", id).isGreaterThan(1);
            }
          });
    }
  }

  /** What the API and health answered while the database was down. */
  record Outage(Api.Response api, long apiMs, Api.Response health, long healthMs) {}

  private Outage duringTheOutage(Api acme) {
    long start = System.nanoTime();
    Api.Response api = acme.get("/api/v1/work-items");
    long apiMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    start = System.nanoTime();
    Api.Response health = acme.withoutToken().get("/actuator/health");
    long healthMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    return new Outage(api, apiMs, health, healthMs);
  }

  private static List<JiraHookLoad.Sent> inPhase(List<JiraHookLoad.Sent> sent, String phase) {
    return sent.stream().filter(s -> s.phase().equals(phase)).toList();
  }

  /** Waits (bounded) until a webhook sent after the restart is accepted again. */
  private static void awaitAccepted(JiraHookLoad load) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (load.sent().stream().anyMatch(s -> s.phase().equals("5-after") && s.status() == 202)) {
        return;
      }
      pace(Duration.ofMillis(200));
    }
    throw new AssertionError("Baton did not accept webhooks within 60 s of the restart");
  }

  /** The work items by issue key, once every acknowledged issue has one that was routed. */
  private Map<String, String> awaitItems(Set<String> keys) {
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
      pace(Duration.ofMillis(100));
    }
    Set<String> missing = new java.util.TreeSet<>(keys);
    missing.removeAll(items.keySet());
    throw new AssertionError("not routed within 60 s: " + missing);
  }

  private void awaitAllDelivered() {
    long left = -1;
    for (int i = 0; i < 600; i++) {
      left =
          jdbc.sql(
                  "select count(*) from deliveries where tenant_id = 'acme'"
                      + " and status <> 'delivered'")
              .query(Long.class)
              .single();
      if (left == 0) {
        return;
      }
      pace(Duration.ofMillis(100));
    }
    throw new AssertionError(left + " deliveries not delivered within 60 s");
  }

  private static List<RecordingSubscriber.Received> awaitReceived(
      RecordingSubscriber subscriber, Set<String> itemIds, List<String> types) {
    for (int i = 0; i < 600; i++) {
      List<RecordingSubscriber.Received> received = subscriber.received();
      Map<String, Set<String>> typesByItem =
          received.stream()
              .collect(
                  Collectors.groupingBy(
                      RecordingSubscriber.Received::subject,
                      Collectors.mapping(RecordingSubscriber.Received::type, Collectors.toSet())));
      if (itemIds.stream()
          .allMatch(id -> typesByItem.getOrDefault(id, Set.of()).containsAll(types))) {
        return received;
      }
      pace(Duration.ofMillis(100));
    }
    throw new AssertionError("not every item's events reached the subscriber within 60 s");
  }

  /** Lets the load run (or a bounded poll wait) for a while of wall time. */
  private static void pace(Duration duration) {
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

  private static Path dataDir() {
    try {
      Path target = Path.of("target");
      Files.createDirectories(target);
      return Files.createTempDirectory(target.toAbsolutePath(), "db-restart-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
