package dev.baton.delivery.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka sink with the real dispatcher and an in-process KRaft broker: work items changed
 * through the API reach the topic as structured CloudEvents, once each, keyed by item, in order.
 */
@TestPropertySource(
    properties = {
      "baton.delivery.poll-interval=50ms",
      "baton.kafka.tenants=acme",
      "baton.kafka.send-timeout=20s"
    })
// the context's producer talks to this class's broker only; no later class can reuse it
@DirtiesContext
class KafkaSinkIntegrationTest extends IntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Broker BROKER = Broker.start();

  @DynamicPropertySource
  static void ownDatabaseAndBroker(DynamicPropertyRegistry registry) {
    // this context's dispatcher must not meet another context's rows
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("kafka_sink"));
    registry.add("baton.kafka.bootstrap-servers", BROKER::bootstrapServers);
  }

  @AfterAll
  static void stopBroker() {
    BROKER.close();
  }

  @Test
  void everyEventOfAPublishedTenantArrivesOnceAsAStructuredCloudEventKeyedByItemInOrder() {
    Given.person(acme, "alice");
    String first = Given.itemOfferedTo(acme, "alice");
    String second = Given.itemOfferedTo(acme, "alice");
    Given.action(acme, first, "{\"action\":\"accept\"}");
    Given.action(acme, second, "{\"action\":\"accept\"}");
    Given.action(acme, first, "{\"action\":\"start\"}");
    Given.action(acme, second, "{\"action\":\"start\"}");
    Given.action(acme, first, "{\"action\":\"close\",\"reason\":\"fixed\"}");
    Given.workItem(globex, "Globex work");

    List<JsonNode> events = items(acme.get("/api/v1/events?limit=100"));
    assertThat(events).hasSizeGreaterThanOrEqualTo(9);
    Map<String, JsonNode> deliveries = awaitDelivered(events.size());
    List<ConsumerRecord<String, byte[]>> records =
        BROKER.readUntil(
            read -> read.size() >= events.size(), Duration.ofSeconds(2), Duration.ofSeconds(60));

    assertThat(records).hasSize(events.size());
    Map<String, JsonNode> byId = new HashMap<>();
    events.forEach(e -> byId.put(e.get("id").asString(), e));
    Map<String, List<Long>> sequencesByKey = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      JsonNode value = JSON.readTree(record.value());
      String id = value.get("id").asString();
      JsonNode event =
          Objects.requireNonNull(
              byId.remove(id), () -> "event " + id + " arrived twice or is not acme's");
      assertThat(value).isEqualTo(event);
      assertThat(value.get("specversion").asString()).isEqualTo("1.0");
      assertThat(value.get("source").asString()).isEqualTo("/baton/tenants/acme");
      assertThat(record.key()).isEqualTo(event.get("subject").asString()).isIn(first, second);
      assertThat(Broker.header(record, "content-type"))
          .isEqualTo("application/cloudevents+json; charset=UTF-8");
      assertThat(Broker.header(record, "baton-delivery-id"))
          .isEqualTo(Objects.requireNonNull(deliveries.get(id)).get("id").asString());
      sequencesByKey
          .computeIfAbsent(record.key(), k -> new ArrayList<>())
          .add(value.get("batonsequence").asLong());
    }
    assertThat(byId).as("events that never arrived").isEmpty();
    assertThat(sequencesByKey.keySet()).containsExactlyInAnyOrder(first, second);
    sequencesByKey.values().forEach(seqs -> assertThat(seqs).isSorted().doesNotHaveDuplicates());
    assertThat(deliveries.values())
        .allSatisfy(
            d -> {
              assertThat(d.get("connector").asString()).isEqualTo("kafka");
              assertThat(d.get("attempts").asInt()).isEqualTo(1);
              JsonNode attempt = d.get("attemptList").get(0);
              assertThat(attempt.get("outcome").asString()).isEqualTo("delivered");
              assertThat(attempt.get("statusCode").isNull()).isTrue();
              assertThat(attempt.get("excerpt").asString()).startsWith("topic baton.events");
            });
    assertThat(items(globex.get("/api/v1/deliveries"))).isEmpty();
  }

  /** Acme's kafka deliveries by event id, once {@code count} are delivered (bounded wait). */
  private Map<String, JsonNode> awaitDelivered(int count) {
    String last = "";
    for (int i = 0; i < 600; i++) {
      Api.Response answer = acme.get("/api/v1/deliveries?destination=kafka:baton.events&limit=100");
      last = answer.body();
      List<JsonNode> page = items(answer);
      if (page.size() == count
          && page.stream().allMatch(d -> d.get("status").asString().equals("delivered"))) {
        Map<String, JsonNode> byEvent = new HashMap<>();
        page.forEach(d -> byEvent.put(d.get("eventId").asString(), d));
        return byEvent;
      }
      pause();
    }
    throw new AssertionError("not all " + count + " deliveries delivered within 30 s: " + last);
  }

  private static List<JsonNode> items(Api.Response answer) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    answer.json().get("items").forEach(items::add);
    return items;
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
