package dev.baton.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.Connector.Outcome;
import dev.baton.delivery.TestConnectors.ScriptedConnector;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The dispatcher: once, in order, on schedule, to dead letters and back, across nodes. */
class DispatcherIntegrationTest extends DeliveryTestBase {

  @Autowired DeliveryRows rows;
  @Autowired DeliveryProperties settings;

  @Test
  void aWorkItemsEventIsDeliveredOnceWithItsAttemptRecorded() {
    double delivered = counter("baton.deliveries", "connector", "test", "outcome", "delivered");

    String item = Given.workItem(acme, "Disk full");
    String id = onlyDeliveryOf(item);

    JsonNode done = awaitDelivery(id, d -> hasStatus(d, "delivered"));
    assertThat(done.get("eventType").asString()).isEqualTo("assignment.requested");
    assertThat(done.get("destination").asString()).isEqualTo("test:a");
    assertThat(done.get("connector").asString()).isEqualTo("test");
    assertThat(done.get("orderingKey").asString()).isEqualTo(item);
    assertThat(done.get("attempts").asInt()).isEqualTo(1);
    assertThat(done.get("deliveredAt").asString()).isEqualTo(TestClock.START.toString());
    assertThat(done.get("nextAttemptAt").isNull()).isTrue();
    JsonNode attempt = done.get("attemptList").get(0);
    assertThat(attempt.get("n").asInt()).isEqualTo(1);
    assertThat(attempt.get("outcome").asString()).isEqualTo("delivered");
    assertThat(attempt.get("statusCode").asInt()).isEqualTo(200);
    assertThat(attempt.get("excerpt").asString()).isEqualTo("{\"ok\":true}");
    assertThat(connector.calls).hasSize(1);
    ScriptedConnector.Call call = connector.calls.get(0);
    assertThat(call.r().deliveryId().toString()).isEqualTo(id);
    assertThat(call.r().attempt()).isEqualTo(1);
    assertThat(call.r().uncertain()).isFalse();
    assertThat(call.r().event().cloudEvent().get("subject").asString()).isEqualTo(item);
    assertThat(counter("baton.deliveries", "connector", "test", "outcome", "delivered"))
        .isEqualTo(delivered + 1);
    assertThat(meters.find("baton.delivery.lag").tag("connector", "test").timer()).isNotNull();
    assertThat(gauge("baton.deliveries.pending")).isZero();
  }

  @Test
  void aLaterDeliveryForTheSameItemWaitsWhileTheEarlierOneRetries() {
    connector.script("test:a", ScriptedConnector.transientFailure());
    String item = Given.itemOfferedTo(acmePerson(), "alice");

    eventually("two deliveries planned", () -> deliveriesOf(item).size() == 2);
    List<JsonNode> planned = deliveriesOf(item);
    String first = planned.get(0).get("id").asString();
    String second = planned.get(1).get("id").asString();
    JsonNode retrying = awaitDelivery(first, d -> attemptsDone(d, 1));
    assertThat(retrying.get("status").asString()).isEqualTo("pending");
    assertThat(retrying.get("lastError").asString()).isEqualTo("HTTP 503");

    // nothing may go now: the first waits out its retry and holds the second back
    assertThat(dispatch.claim("probe")).isEmpty();
    assertThat(delivery(second).get("attempts").asInt()).isZero();
    assertThat(connector.calls).hasSize(1);

    advance(Duration.between(TestClock.START, nextAttemptAt(retrying)));
    awaitDelivery(second, d -> hasStatus(d, "delivered"));
    assertThat(delivery(first).get("status").asString()).isEqualTo("delivered");
    assertThat(connector.calls.stream().map(c -> c.r().deliveryId().toString()).toList())
        .containsExactly(first, first, second);
  }

  @Test
  void transientFailuresFollowTheScheduleWithJitterThenEndDeadWithAnEvent() {
    connector.always(ScriptedConnector.transientFailure());
    String item = Given.workItem(acme, "Flaky receiver");
    String id = onlyDeliveryOf(item);
    List<Duration> schedule = DeliveryProperties.SCHEDULE;

    for (int attempt = 1; attempt < schedule.size(); attempt++) {
      int n = attempt;
      JsonNode waiting = awaitDelivery(id, d -> attemptsDone(d, n));
      assertThat(waiting.get("status").asString()).isEqualTo("pending");
      Duration wait = Duration.between(clock.instant(), nextAttemptAt(waiting));
      Duration step = schedule.get(attempt);
      assertThat(wait)
          .as("wait after attempt %d", attempt)
          .isBetween(
              Duration.ofMillis(Math.round(step.toMillis() * 0.8)),
              Duration.ofMillis(Math.round(step.toMillis() * 1.2)));
      advance(wait);
    }
    JsonNode dead = awaitDelivery(id, d -> hasStatus(d, "dead"));
    assertThat(dead.get("attempts").asInt()).isEqualTo(schedule.size());
    assertThat(dead.get("attemptList")).hasSize(schedule.size());
    assertThat(connector.calls).hasSize(schedule.size());
    eventually("delivery.failed is published", () -> events("delivery.failed").size() == 1);
    JsonNode failed = events("delivery.failed").get(0);
    assertThat(failed.get("subject").asString()).isEqualTo(item);
    assertThat(failed.get("data").get("deliveryId").asString()).isEqualTo(id);
    assertThat(failed.get("data").get("destination").asString()).isEqualTo("test:a");
    assertThat(failed.get("data").get("error").asString()).isEqualTo("HTTP 503");
  }

  @Test
  void retryAfterIsHonouredAndCountedAsARateLimitWait() {
    double waits = counter("baton.delivery.rate.limit.waits", "connector", "test");
    connector.script(
        "test:a",
        r -> new Outcome.Transient(429, "HTTP 429", false, Duration.ofSeconds(90), "slow down"));
    String id = onlyDeliveryOf(Given.workItem(acme, "Rate limited"));

    JsonNode waiting = awaitDelivery(id, d -> attemptsDone(d, 1));
    assertThat(nextAttemptAt(waiting)).isEqualTo(TestClock.START.plusSeconds(90));
    assertThat(waiting.get("attemptList").get(0).get("statusCode").asInt()).isEqualTo(429);
    assertThat(waiting.get("attemptList").get(0).get("excerpt").asString()).isEqualTo("slow down");
    assertThat(counter("baton.delivery.rate.limit.waits", "connector", "test"))
        .isEqualTo(waits + 1);

    advance(Duration.ofSeconds(89));
    assertThat(dispatch.claim("probe")).isEmpty();
    advance(Duration.ofSeconds(1));
    awaitDelivery(id, d -> hasStatus(d, "delivered"));
  }

  @Test
  void aHeldDeliveryWaitsItsTurnWithoutUsingUpItsRetriesAndIsNeverMadeDeadByWaiting() {
    int holds = DeliveryProperties.SCHEDULE.size() + 3;
    @SuppressWarnings("unchecked")
    Function<Connector.DeliveryRequest, Outcome>[] answers = new Function[holds + 2];
    for (int i = 0; i < holds; i++) {
      answers[i] = r -> new Outcome.Held(Duration.ofSeconds(2), "channel_rate_limited: test");
    }
    // a real failure after all that waiting still gets the round's schedule, then it is delivered
    answers[holds] = ScriptedConnector.transientFailure();
    answers[holds + 1] = r -> ScriptedConnector.delivered();
    connector.script("test:a", answers);
    String id = onlyDeliveryOf(Given.workItem(acme, "Behind a busy channel"));

    for (int n = 1; n <= holds; n++) {
      int done = n;
      JsonNode held = awaitDelivery(id, d -> attemptsDone(d, done));
      assertThat(held.get("status").asString()).as("after hold %d", n).isEqualTo("pending");
      assertThat(Duration.between(clock.instant(), nextAttemptAt(held)))
          .isEqualTo(Duration.ofSeconds(2));
      assertThat(held.get("lastError").asString()).startsWith("channel_rate_limited");
      advance(Duration.ofSeconds(2));
    }
    JsonNode failed = awaitDelivery(id, d -> attemptsDone(d, holds + 1));
    assertThat(failed.get("status").asString()).isEqualTo("pending");
    Duration wait = Duration.between(clock.instant(), nextAttemptAt(failed));
    Duration first = DeliveryProperties.SCHEDULE.get(1);
    assertThat(wait)
        .as("the first failure of the round waits the schedule's first step")
        .isBetween(
            Duration.ofMillis(Math.round(first.toMillis() * 0.8)),
            Duration.ofMillis(Math.round(first.toMillis() * 1.2)));
    advance(wait);
    JsonNode delivered = awaitDelivery(id, d -> hasStatus(d, "delivered"));
    assertThat(delivered.get("attempts").asInt()).isEqualTo(holds + 2);
    assertThat(delivered.get("attemptList").get(0).get("errorClass").asString()).isEqualTo("held");
    assertThat(connector.callsTo("test:a")).hasSize(holds + 2);
  }

  @Test
  void aPermanentFailureIsDeadAtOnceAndALaterSuccessToTheDestinationIsARecovery() {
    double dead = counter("baton.deliveries", "connector", "test", "outcome", "dead");
    connector.script("test:a", ScriptedConnector.permanentFailure());
    String first = Given.workItem(acme, "Goes nowhere");
    String failedId = onlyDeliveryOf(first);

    JsonNode failed = awaitDelivery(failedId, d -> hasStatus(d, "dead"));
    assertThat(failed.get("attempts").asInt()).isEqualTo(1);
    assertThat(failed.get("lastError").asString()).isEqualTo("HTTP 404: no such endpoint");
    assertThat(failed.get("attemptList").get(0).get("outcome").asString()).isEqualTo("permanent");
    eventually("delivery.failed is published", () -> events("delivery.failed").size() == 1);
    assertThat(counter("baton.deliveries", "connector", "test", "outcome", "dead"))
        .isEqualTo(dead + 1);
    assertThat(gauge("baton.deliveries.dead")).isEqualTo(1);
    assertThat(events("delivery.recovered")).isEmpty();

    String second = Given.workItem(acme, "Goes through");
    awaitDelivery(onlyDeliveryOf(second), d -> hasStatus(d, "delivered"));
    eventually("delivery.recovered is published", () -> events("delivery.recovered").size() == 1);
    JsonNode recovered = events("delivery.recovered").get(0);
    assertThat(recovered.get("data").get("destination").asString()).isEqualTo("test:a");
    assertThat(recovered.get("data").get("failingSince").asString())
        .isEqualTo(TestClock.START.toString());

    String third = Given.workItem(acme, "Still fine");
    awaitDelivery(onlyDeliveryOf(third), d -> hasStatus(d, "delivered"));
    assertThat(events("delivery.recovered")).hasSize(1);
    // operational events are not planned to the destination by this connector
    assertThat(deliveries(acme, "?limit=500").get("items")).hasSize(3);
  }

  @Test
  void twoDispatchersOnOneDatabaseSendEachDeliveryOnce() {
    Dispatcher other = new Dispatcher(dispatch, signal, rows, clock, settings, false);
    other.start();
    try {
      connector.destinations("test:a", "test:b");
      List<String> items = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        items.add(Given.workItem(acme, "Item " + i));
      }
      eventually(
          "all 30 deliveries are delivered",
          () -> deliveries(acme, "?status=delivered&limit=500").get("items").size() == 30);
      Set<String> sent = new HashSet<>();
      connector.calls.forEach(c -> sent.add(c.r().deliveryId().toString()));
      assertThat(connector.calls).hasSize(30);
      assertThat(sent).hasSize(30);
    } finally {
      other.stop();
    }
  }

  @Test
  void aDeliveryWhoseNodeDiedIsSentAgainAfterItsLeaseRunsOutAsUncertain() {
    dispatcher.stop();
    String item = Given.workItem(acme, "Node dies");
    String id = onlyDeliveryOf(item);
    // a node claims it and dies before it records anything
    assertThat(dispatch.claim("dead-node")).isPresent();
    dispatcher.start();

    assertThat(dispatch.claim("probe")).isEmpty();
    assertThat(delivery(id).get("leasedUntil").asString())
        .isEqualTo(TestClock.START.plus(settings.leaseTime()).toString());
    advance(settings.leaseTime());

    JsonNode done = awaitDelivery(id, d -> hasStatus(d, "delivered"));
    assertThat(done.get("attempts").asInt()).isEqualTo(2);
    assertThat(done.get("attemptList").get(0).get("outcome").isNull()).isTrue();
    assertThat(connector.calls).hasSize(1);
    assertThat(connector.calls.get(0).r().uncertain()).isTrue();
    assertThat(connector.calls.get(0).r().attempt()).isEqualTo(2);
  }

  @Test
  void aStopReleasesTheLeaseOfAnAttemptThatDoesNotFinish() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    connector.script("test:a", ScriptedConnector.blockUntil(started, release));
    String id = onlyDeliveryOf(Given.workItem(acme, "Slow receiver"));
    assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    dispatcher.stop();
    release.countDown();
    JsonNode released = delivery(id);
    assertThat(released.get("status").asString()).isEqualTo("pending");
    assertThat(released.get("leasedUntil").isNull()).isTrue();
    assertThat(released.get("uncertain").asBoolean()).isTrue();

    dispatcher.start();
    JsonNode done = awaitDelivery(id, d -> hasStatus(d, "delivered"));
    assertThat(done.get("attempts").asInt()).isEqualTo(2);
    assertThat(connector.calls).hasSize(2);
    assertThat(connector.calls.get(1).r().uncertain()).isTrue();
  }

  @Test
  void aTimeoutAfterSendingMakesTheNextAttemptUncertainUntilOneSucceeds() {
    connector.script(
        "test:a",
        r ->
            new Outcome.Transient(null, "HttpTimeoutException: request timed out", true, null, ""));
    String id = onlyDeliveryOf(Given.workItem(acme, "Timed out"));
    JsonNode waiting = awaitDelivery(id, d -> attemptsDone(d, 1));
    assertThat(waiting.get("uncertain").asBoolean()).isTrue();

    advance(Duration.between(clock.instant(), nextAttemptAt(waiting)));
    JsonNode done = awaitDelivery(id, d -> hasStatus(d, "delivered"));
    assertThat(done.get("uncertain").asBoolean()).isFalse();
    assertThat(connector.calls).hasSize(2);
    assertThat(connector.calls.get(0).r().uncertain()).isFalse();
    assertThat(connector.calls.get(1).r().uncertain()).isTrue();
  }

  @Test
  void skippedDeliveriesAreRecordedAndDoNotHoldLaterOnesBack() {
    connector.script("test:a", r -> new Outcome.Skipped("integration in shadow mode"));
    String item = Given.itemOfferedTo(acmePerson(), "alice");
    eventually("two deliveries planned", () -> deliveriesOf(item).size() == 2);
    List<JsonNode> planned = deliveriesOf(item);
    JsonNode skipped =
        awaitDelivery(planned.get(0).get("id").asString(), d -> hasStatus(d, "skipped"));
    assertThat(skipped.get("lastError").asString()).isEqualTo("integration in shadow mode");
    awaitDelivery(planned.get(1).get("id").asString(), d -> hasStatus(d, "delivered"));
    assertThat(Instant.parse(skipped.get("createdAt").asString())).isEqualTo(TestClock.START);
  }

  private dev.baton.testsupport.Api acmePerson() {
    Given.person(acme, "alice");
    return acme;
  }
}
