package dev.baton.delivery.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka sink while the cluster is unreachable: attempts fail as transient with the producer's
 * error and the delivery stays pending; once the configured address leads to a broker, the next
 * retry delivers the event, once.
 */
@TestPropertySource(
    properties = {
      "baton.delivery.poll-interval=50ms",
      "baton.kafka.send-timeout=2s",
    })
// the context's producer points at this class's port only; no later class can reuse it
@DirtiesContext
class KafkaSinkRecoveryIntegrationTest extends IntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int PORT = Forwarder.freePort();

  @DynamicPropertySource
  static void ownDatabaseAndAnAddressWhereNoBrokerListensYet(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("kafka_recovery"));
    registry.add("baton.kafka.bootstrap-servers", () -> "127.0.0.1:" + PORT);
    // a retry every second for a minute, so the test need not wait for the real schedule
    registry.add(
        "baton.delivery.schedule", () -> "0s," + String.join(",", Collections.nCopies(60, "1s")));
  }

  private final Forwarder forwarder = new Forwarder();
  private @Nullable Broker broker;

  @AfterEach
  void stopBroker() {
    forwarder.close();
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void whileNoBrokerAnswersAttemptsAreTransientAndTheDeliveryIsSentOnceWhenOneDoes() {
    String item = Given.workItem(acme, "Sent while Kafka is down");

    JsonNode failing =
        awaitDelivery(d -> d.get("attempts").asInt() >= 1 && d.hasNonNull("lastError"));
    assertThat(failing.get("status").asString()).isEqualTo("pending");
    assertThat(failing.get("destination").asString()).isEqualTo("kafka:baton.events");
    assertThat(failing.get("lastError").asString())
        .startsWith("TimeoutException")
        .contains("baton.events");
    JsonNode firstAttempt = failing.get("attemptList").get(0);
    assertThat(firstAttempt.get("outcome").asString()).isEqualTo("transient");
    assertThat(failing.get("nextAttemptAt").isNull()).isFalse();

    Broker started = Broker.start();
    broker = started;
    String brokerAddress = started.bootstrapServers();
    forwarder.start(
        PORT, Integer.parseInt(brokerAddress.substring(brokerAddress.lastIndexOf(':') + 1)));
    JsonNode delivered = awaitDelivery(d -> d.get("status").asString().equals("delivered"));
    List<ConsumerRecord<String, byte[]>> records =
        started.readUntil(read -> !read.isEmpty(), Duration.ofSeconds(2), Duration.ofSeconds(60));

    assertThat(records).hasSize(1);
    ConsumerRecord<String, byte[]> record = records.getFirst();
    assertThat(record.key()).isEqualTo(item);
    assertThat(JSON.readTree(record.value()).get("id").asString())
        .isEqualTo(delivered.get("eventId").asString());
    assertThat(Broker.header(record, "baton-delivery-id"))
        .isEqualTo(delivered.get("id").asString());
    List<String> outcomes = new ArrayList<>();
    delivered.get("attemptList").forEach(a -> outcomes.add(a.get("outcome").asString()));
    assertThat(outcomes).hasSizeGreaterThan(1).endsWith("delivered");
    assertThat(outcomes.subList(0, outcomes.size() - 1)).containsOnly("transient");
  }

  /** Acme's one delivery once it satisfies {@code done}; bounded to about 90 s. */
  private JsonNode awaitDelivery(Predicate<JsonNode> done) {
    String last = "";
    for (int i = 0; i < 900; i++) {
      Api.Response answer = acme.get("/api/v1/deliveries?destination=kafka:baton.events");
      assertThat(answer.status()).as("%s", answer).isEqualTo(200);
      last = answer.body();
      JsonNode items = answer.json().get("items");
      if (items.size() == 1 && done.test(items.get(0))) {
        return items.get(0);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the delivery did not get there within 90 s: " + last);
  }
}
