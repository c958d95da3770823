package dev.baton.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestClock;
import dev.baton.testsupport.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the dispatcher tests: Baton with the {@link TestConnectors} on a database of its own (so
 * no other test context's dispatcher takes these deliveries), a fast poll and a short stop.
 */
@Import(TestConnectors.class)
@TestPropertySource(
    properties = {
      "baton.delivery.poll-interval=50ms",
      "baton.delivery.workers=2",
      "baton.delivery.lease-time=1m",
      "baton.delivery.stop-timeout=1s"
    })
abstract class DeliveryTestBase extends IntegrationTest {

  static final String DATABASE = "delivery";

  @Autowired TestConnectors.ScriptedConnector connector;
  @Autowired TestClock clock;
  @Autowired MeterRegistry meters;
  @Autowired Dispatcher dispatcher;
  @Autowired DispatchDueDeliveries dispatch;
  @Autowired DispatchSignal signal;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate(DATABASE));
  }

  @BeforeEach
  void resetFakes() {
    assertThat(jdbc.sql("select current_database()").query(String.class).single())
        .isEqualTo(DATABASE);
    connector.reset();
    clock.reset();
    dispatcher.start();
  }

  /** Moves the test clock and wakes the dispatcher, as a poll would. */
  void advance(Duration by) {
    clock.advance(by);
    signal.wake();
  }

  JsonNode deliveries(Api api, String query) {
    Api.Response answer = api.get("/api/v1/deliveries" + query);
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    return answer.json();
  }

  List<JsonNode> deliveriesOf(String workItemId) {
    List<JsonNode> list = new ArrayList<>();
    deliveries(acme, "?workItem=" + workItemId + "&limit=500").get("items").forEach(list::add);
    list.sort(
        (a, b) -> Long.compare(a.get("eventSequence").asLong(), b.get("eventSequence").asLong()));
    return list;
  }

  JsonNode delivery(String id) {
    Api.Response answer = acme.get("/api/v1/deliveries/" + id);
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    return answer.json();
  }

  JsonNode awaitDelivery(String id, Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    eventually(
        "delivery " + id + " reaches the expected state (last: " + last[0] + ")",
        () -> condition.test(last[0] = delivery(id)));
    return last[0];
  }

  /** The only delivery of a work item, once it exists. */
  String onlyDeliveryOf(String workItemId) {
    eventually("a delivery of " + workItemId, () -> !deliveriesOf(workItemId).isEmpty());
    List<JsonNode> all = deliveriesOf(workItemId);
    assertThat(all).hasSize(1);
    return all.get(0).get("id").asString();
  }

  Instant nextAttemptAt(JsonNode delivery) {
    return Instant.parse(delivery.get("nextAttemptAt").asString());
  }

  static boolean hasStatus(JsonNode d, String status) {
    return status.equals(d.get("status").asString());
  }

  static boolean attemptsDone(JsonNode d, int n) {
    JsonNode list = d.get("attemptList");
    return list.size() == n
        && !list.get(n - 1).get("outcome").isNull()
        && d.get("leasedUntil").isNull();
  }

  /** Stored events of a type, oldest first, as CloudEvents JSON. */
  List<JsonNode> events(String type) {
    List<JsonNode> events = new ArrayList<>();
    for (JsonNode e : acme.get("/api/v1/events?limit=500").json().get("items")) {
      if (e.get("type").asString().equals("dev.baton." + type)) {
        events.add(e);
      }
    }
    return events;
  }

  double gauge(String name) {
    var gauge = meters.find(name).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  double counter(String name, String... tags) {
    Counter counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Waits, boundedly, for asynchronous work to make {@code condition} true. */
  static void eventually(String what, BooleanSupplier condition) {
    eventually(what, Duration.ofSeconds(15), condition);
  }

  static void eventually(String what, Duration timeout, BooleanSupplier condition) {
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
}
