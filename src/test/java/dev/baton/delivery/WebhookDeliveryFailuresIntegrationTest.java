package dev.baton.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.FlakyReceiver.Answer;
import dev.baton.delivery.FlakyReceiver.Received;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.ResettingServer;
import dev.baton.testsupport.TestClock;
import dev.baton.testsupport.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbound webhooks sent by the real dispatcher to receivers on loopback that fail in the ways the
 * world does: rate limits, slow answers, resets, permanent refusals, hours of downtime (the test
 * clock is moved through the retry schedule), two dispatchers racing on one database, and a node
 * killed while it held leases. The receiver sees each delivery's {@code webhook-id}, which stays
 * the same on every attempt, so it can drop the repeats an uncertain outcome forces.
 */
@Import(WebhookDeliveryFailuresIntegrationTest.Clocks.class)
@TestPropertySource(
    properties = {
      "baton.outbound.allowlist=127.0.0.1/32",
      "baton.webhooks.request-timeout=1s",
      "baton.webhooks.connect-timeout=1s",
      "baton.delivery.poll-interval=50ms",
      "baton.delivery.workers=2",
      "baton.delivery.lease-time=1m",
      "baton.delivery.stop-timeout=1s"
    })
class WebhookDeliveryFailuresIntegrationTest extends IntegrationTest {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @TestConfiguration(proxyBeanMethods = false)
  static class Clocks {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("webhook_faults"));
  }

  @Autowired TestClock clock;
  @Autowired Dispatcher dispatcher;
  @Autowired DispatchDueDeliveries dispatch;
  @Autowired DispatchSignal signal;
  @Autowired DeliveryRows rows;
  @Autowired DeliveryProperties settings;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;
  @Autowired List<Connector> connectors;

  FlakyReceiver receiver;

  @BeforeEach
  void receiverAndClock() {
    clock.reset();
    receiver = new FlakyReceiver();
    dispatcher.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void a429WithRetryAfterIsWaitedOutToTheSecondThenDelivered() {
    receiver.then(new Answer(429, Map.of("Retry-After", "120"), Duration.ZERO));
    String subscription = subscribe(receiver.url());
    UUID id = onlyDelivery(publish("item-1"));

    Row waiting = awaitRow(id, r -> r.attemptsDone(1));
    assertThat(waiting.status()).isEqualTo("pending");
    assertThat(waiting.nextAttemptAt()).isEqualTo(TestClock.START.plusSeconds(120));
    assertThat(attempt(id, 1).statusCode()).isEqualTo(429);

    advanceTo(TestClock.START.plusSeconds(119));
    assertThat(dispatch.claim("probe")).isEmpty();
    advanceTo(TestClock.START.plusSeconds(120));
    assertThat(awaitRow(id, r -> r.status().equals("delivered")).attempts()).isEqualTo(2);
    assertThat(receiver.received).extracting(Received::webhookId).containsOnly(id.toString());
    assertThat(receiver.received).hasSize(2);
    assertThat(subscriptionJson(subscription).get("enabled").asBoolean()).isTrue();
  }

  @Test
  void serviceUnavailableIsRetriedOnTheScheduleAndThenDelivered() {
    receiver.then(Answer.status(503), Answer.status(503));
    subscribe(receiver.url());
    UUID id = onlyDelivery(publish("item-1"));

    Row afterFirst = awaitRow(id, r -> r.attemptsDone(1));
    assertThat(afterFirst.lastError()).contains("503");
    assertJittered(afterFirst.nextAttemptAt(), TestClock.START, Duration.ofSeconds(5));
    advanceTo(afterFirst.nextAttemptAt());
    Row afterSecond = awaitRow(id, r -> r.attemptsDone(2));
    assertJittered(afterSecond.nextAttemptAt(), clock.instant(), Duration.ofMinutes(5));
    advanceTo(afterSecond.nextAttemptAt());

    Row done = awaitRow(id, r -> r.status().equals("delivered"));
    assertThat(done.attempts()).isEqualTo(3);
    assertThat(done.uncertain()).isFalse();
    assertThat(receiver.of(id.toString())).hasSize(3);
  }

  @Test
  void anAnswerPastTheTimeoutIsRetriedAsUncertainWithTheSameWebhookIdSoTheReceiverCanDropIt() {
    // the receiver takes the request, then answers two seconds later: after the 1 s timeout
    receiver.then(new Answer(200, Map.of(), Duration.ofSeconds(2)));
    subscribe(receiver.url());
    UUID id = onlyDelivery(publish("item-1"));

    Row waiting = awaitRow(id, r -> r.attemptsDone(1));
    assertThat(waiting.status()).isEqualTo("pending");
    assertThat(waiting.uncertain()).isTrue();
    assertThat(waiting.lastError()).contains("may have landed");
    assertThat(receiver.received).hasSize(1);
    advanceTo(waiting.nextAttemptAt());

    Row done = awaitRow(id, r -> r.status().equals("delivered"));
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(done.uncertain()).isFalse();
    List<Received> got = receiver.of(id.toString());
    assertThat(got).hasSize(2);
    assertThat(got.get(1).sequence()).isEqualTo(got.get(0).sequence());
    // one delivery, told apart from another by its id: a receiver that keeps ids sees it once
    assertThat(receiver.received.stream().map(Received::webhookId).distinct()).hasSize(1);
  }

  @Test
  void aReceiverThatResetsTheConnectionGetsTheDeliveryOnceItAnswersAgain() {
    try (ResettingServer resetting = new ResettingServer()) {
      String subscription = subscribe(resetting.baseUrl() + "/hook");
      UUID id = onlyDelivery(publish("item-1"));

      Row waiting = awaitRow(id, r -> r.attemptsDone(1));
      assertThat(resetting.connections()).isGreaterThanOrEqualTo(1);
      assertThat(waiting.status()).isEqualTo("pending");
      assertThat(waiting.uncertain()).as("the request went out before the reset").isTrue();
      assertThat(attempt(id, 1).outcome()).isEqualTo("transient");

      // the receiver comes back (at another address)
      Api.Response moved =
          acme.send(
              "PATCH",
              "/api/v1/subscriptions/" + subscription,
              "{\"url\": \"" + receiver.url() + "\"}");
      assertThat(moved.status()).as("%s", moved).isEqualTo(200);
      advanceTo(waiting.nextAttemptAt());

      assertThat(awaitRow(id, r -> r.status().equals("delivered")).attempts()).isEqualTo(2);
      assertThat(receiver.of(id.toString())).hasSize(1);
    }
  }

  @Test
  void badRequestForbiddenAndNotFoundAreDeadAtOnceWithoutARetry() {
    subscribe(receiver.url());
    for (int status : new int[] {400, 403, 404}) {
      receiver.then(Answer.status(status));
      UUID id = onlyDelivery(publish("item-" + status));

      Row dead = awaitRow(id, r -> r.status().equals("dead"));
      assertThat(dead.attempts()).as("HTTP %d", status).isEqualTo(1);
      assertThat(attempt(id, 1).statusCode()).isEqualTo(status);
      assertThat(attempt(id, 1).outcome()).isEqualTo("permanent");
      assertThat(receiver.of(id.toString())).hasSize(1);
    }
    assertThat(failedEvents()).isEqualTo(3);
  }

  @Test
  void aReceiverDownForHoursGetsTheItemsDeliveriesInOrderOnceItRecovers() {
    // five failures: at 0, ~5 s, ~5 min, ~30 min and ~2 h; the sixth attempt ~5 h later works
    for (int i = 0; i < 5; i++) {
      receiver.then(Answer.status(503));
    }
    String subscription = subscribe(receiver.url());
    List<UUID> ids = publish("item-1", "item-1");
    UUID first = ids.get(0);
    UUID second = ids.get(1);

    for (int n = 1; n <= 5; n++) {
      int done = n;
      Row waiting = awaitRow(first, r -> r.attemptsDone(done));
      assertThat(waiting.status()).isEqualTo("pending");
      assertThat(row(second).attempts()).as("the second waits behind the first").isZero();
      advanceTo(waiting.nextAttemptAt());
    }
    awaitRow(second, r -> r.status().equals("delivered"));

    Duration down = Duration.between(TestClock.START, clock.instant());
    assertThat(down).isGreaterThan(Duration.ofHours(6));
    assertThat(row(first).attempts()).isEqualTo(6);
    assertThat(row(second).attempts()).isEqualTo(1);
    assertThat(receiver.received)
        .extracting(Received::webhookId)
        .containsExactly(
            first.toString(),
            first.toString(),
            first.toString(),
            first.toString(),
            first.toString(),
            first.toString(),
            second.toString());
    assertThat(subscriptionJson(subscription).get("enabled").asBoolean()).isTrue();
    assertThat(subscriptionJson(subscription).get("failingSince").isNull()).isTrue();
  }

  @Test
  void aReceiverThatNeverRecoversEndsDeadAfterTheWholeScheduleWithDeliveryFailed() {
    receiver.always(Answer.status(503));
    String subscription = subscribe(receiver.url());
    UUID id = onlyDelivery(publish("item-1"));
    int attempts = DeliveryProperties.SCHEDULE.size();

    for (int n = 1; n < attempts; n++) {
      int done = n;
      advanceTo(awaitRow(id, r -> r.attemptsDone(done)).nextAttemptAt());
    }
    Row dead = awaitRow(id, r -> r.status().equals("dead"));

    assertThat(dead.attempts()).isEqualTo(attempts);
    assertThat(receiver.of(id.toString())).hasSize(attempts);
    // about three and a half days: under the five days after which the subscription is disabled
    assertThat(Duration.between(TestClock.START, clock.instant()))
        .isBetween(Duration.ofHours(64), Duration.ofHours(97));
    assertThat(failedEvents()).isEqualTo(1);
    assertThat(subscriptionJson(subscription).get("enabled").asBoolean()).isTrue();
  }

  @Test
  void twoDispatchersRacingOnOneDatabaseSendEachDeliveryOnceAndEachItemInOrder() {
    DeliveryProperties busy =
        new DeliveryProperties(
            true,
            4,
            Duration.ofMillis(50),
            settings.leaseTime(),
            Duration.ofSeconds(1),
            settings.schedule(),
            settings.jitter(),
            settings.maxRetryAfter(),
            settings.minRetryAfter(),
            settings.schedules());
    Dispatcher other = new Dispatcher(dispatch, signal, rows, clock, busy, false);
    other.start();
    try {
      subscribe(receiver.url());
      int items = 8;
      int perItem = 40;
      for (int batch = 0; batch < 4; batch++) {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < items * perItem / 4; i++) {
          subjects.add("item-" + (i % items));
        }
        publish(subjects.toArray(String[]::new));
      }
      int total = items * perItem;
      eventually(
          "all " + total + " deliveries are delivered",
          Duration.ofSeconds(120),
          () -> count("status = 'delivered'") == total);

      assertThat(receiver.received).hasSize(total);
      assertThat(receiver.received.stream().map(Received::webhookId).distinct()).hasSize(total);
      Map<String, Long> last = new HashMap<>();
      for (Received r : receiver.received) {
        Long before = last.put(r.subject(), r.sequence());
        assertThat(before == null || before < r.sequence())
            .as("%s: %s arrived after %s", r.subject(), r.sequence(), before)
            .isTrue();
      }
      assertThat(last).hasSize(items);
      assertThat(count("attempts <> 1")).isZero();
    } finally {
      other.stop();
    }
  }

  @Test
  void deliveriesLeasedByAKilledNodeAreSentAfterTheLeaseRunsOutAndNoneIsLost() {
    subscribe(receiver.url());
    dispatcher.stop();
    List<UUID> ids = publish("item-1", "item-2", "item-3", "item-4", "item-5", "item-6");
    Connector webhook =
        connectors.stream().filter(c -> c.name().equals("webhook")).findFirst().orElseThrow();

    // a node claims four and dies: two of its requests had reached the receiver, two had not
    List<DispatchDueDeliveries.Claimed> held = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      held.add(dispatch.claim("killed-node").orElseThrow());
    }
    Set<UUID> landed = new HashSet<>();
    for (DispatchDueDeliveries.Claimed claimed : held.subList(0, 2)) {
      assertThat(webhook.send(claimed.request())).isInstanceOf(Connector.Outcome.Delivered.class);
      landed.add(claimed.delivery().id());
    }
    Set<UUID> leased = new HashSet<>();
    held.forEach(c -> leased.add(c.delivery().id()));

    // the restart: this node's dispatcher sends what is free, the dead node's rows wait
    dispatcher.start();
    eventually("the two free deliveries are delivered", () -> count("status = 'delivered'") == 2);
    assertThat(dispatch.claim("probe")).isEmpty();
    for (UUID id : leased) {
      assertThat(row(id).status()).isEqualTo("pending");
    }

    advanceTo(TestClock.START.plus(settings.leaseTime()));
    eventually("all six are delivered", () -> count("status = 'delivered'") == 6);

    for (UUID id : ids) {
      Row done = row(id);
      List<Received> got = receiver.of(id.toString());
      if (landed.contains(id)) {
        // sent again, as uncertain, under the same webhook-id: a receiver keeping ids drops it
        assertThat(got).hasSize(2);
        assertThat(done.attempts()).isEqualTo(2);
      } else {
        assertThat(got).as("delivery %s", id).hasSize(1);
        assertThat(done.attempts()).isEqualTo(leased.contains(id) ? 2 : 1);
      }
      if (leased.contains(id)) {
        assertThat(attempt(id, 1).outcome()).as("the dead node's attempt").isNull();
        assertThat(attempt(id, 2).outcome()).isEqualTo("delivered");
      }
    }
    assertThat(receiver.received.stream().map(Received::webhookId).distinct()).hasSize(6);
  }

  // --- helpers

  /** A delivery row as the dispatcher left it. */
  record Row(
      String status,
      int attempts,
      Instant nextAttemptAt,
      @Nullable Instant leaseUntil,
      boolean uncertain,
      @Nullable String lastError,
      int recorded) {

    boolean attemptsDone(int n) {
      return attempts == n && recorded == n && leaseUntil == null;
    }
  }

  record Attempt(@Nullable Integer statusCode, @Nullable String outcome) {}

  private Row row(UUID id) {
    return jdbc.sql(
            """
            select status, attempts, next_attempt_at, lease_until, uncertain, last_error,
                   (select count(*) from delivery_attempts a
                     where a.tenant_id = d.tenant_id and a.delivery_id = d.id
                       and a.outcome is not null) as recorded
            from deliveries d where tenant_id = 'acme' and id = :id
            """)
        .param("id", id)
        .query(
            (rs, n) ->
                new Row(
                    rs.getString("status"),
                    rs.getInt("attempts"),
                    rs.getTimestamp("next_attempt_at").toInstant(),
                    Optional.ofNullable(rs.getTimestamp("lease_until"))
                        .map(Timestamp::toInstant)
                        .orElse(null),
                    rs.getBoolean("uncertain"),
                    rs.getString("last_error"),
                    rs.getInt("recorded")))
        .single();
  }

  private Attempt attempt(UUID id, int n) {
    return jdbc.sql(
            "select status_code, outcome from delivery_attempts where tenant_id = 'acme' and"
                + " delivery_id = :id and n = :n")
        .param("id", id)
        .param("n", n)
        .query(
            (rs, i) -> new Attempt((Integer) rs.getObject("status_code"), rs.getString("outcome")))
        .single();
  }

  private Row awaitRow(UUID id, java.util.function.Predicate<Row> condition) {
    Row[] last = new Row[1];
    eventually(
        "delivery " + id + " reaches the expected state (last: " + last[0] + ")",
        Duration.ofSeconds(15),
        () -> condition.test(last[0] = row(id)));
    return last[0];
  }

  private long count(String where) {
    return jdbc.sql("select count(*) from deliveries where tenant_id = 'acme' and " + where)
        .query(Long.class)
        .single();
  }

  private long failedEvents() {
    long[] n = new long[1];
    eventually(
        "delivery.failed is published",
        Duration.ofSeconds(15),
        () ->
            (n[0] =
                    jdbc.sql(
                            "select count(*) from outbox_events where tenant_id = 'acme' and type"
                                + " = 'delivery.failed'")
                        .query(Long.class)
                        .single())
                > 0);
    return n[0];
  }

  /** Moves the test clock to {@code instant} and wakes the dispatcher, as a poll would. */
  private void advanceTo(Instant instant) {
    if (instant.isAfter(clock.instant())) {
      clock.set(instant);
    }
    signal.wake();
  }

  private static void assertJittered(Instant next, Instant from, Duration step) {
    assertThat(Duration.between(from, next))
        .isBetween(
            Duration.ofMillis(Math.round(step.toMillis() * 0.8)),
            Duration.ofMillis(Math.round(step.toMillis() * 1.2)));
  }

  private String subscribe(String url) {
    Api.Response created =
        acme.post(
            "/api/v1/subscriptions",
            "{\"url\": \""
                + url
                + "\", \"events\": [\"assignment.*\"], \"secret\": \""
                + SECRET
                + "\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private tools.jackson.databind.JsonNode subscriptionJson(String id) {
    return acme.get("/api/v1/subscriptions/" + id).json();
  }

  /** One {@code assignment.routed} event per subject, in one transaction; their deliveries. */
  private List<UUID> publish(String... subjects) {
    List<UUID> events =
        tx.execute(
            s -> {
              List<UUID> ids = new ArrayList<>();
              for (String subject : subjects) {
                ids.add(
                    outbox.publish("acme", "assignment.routed", subject, Map.of("n", ids.size())));
              }
              return ids;
            });
    List<UUID> deliveries = new ArrayList<>();
    for (UUID event : java.util.Objects.requireNonNull(events)) {
      deliveries.add(
          jdbc.sql("select id from deliveries where tenant_id = 'acme' and event_id = :e")
              .param("e", event)
              .query(UUID.class)
              .single());
    }
    return deliveries;
  }

  private static UUID onlyDelivery(List<UUID> deliveries) {
    assertThat(deliveries).hasSize(1);
    return deliveries.get(0);
  }

  private static void eventually(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static void eventually(String what, BooleanSupplier condition) {
    eventually(what, Duration.ofSeconds(15), condition);
  }
}
