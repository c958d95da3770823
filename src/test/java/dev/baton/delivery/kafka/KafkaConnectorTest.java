package dev.baton.delivery.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.delivery.Connector.DeliveryRequest;
import dev.baton.delivery.Connector.OutboxEvent;
import dev.baton.delivery.Connector.Outcome;
import dev.baton.delivery.Connector.Planned;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The connector against Kafka's own {@link MockProducer}: planning, record shape, outcomes. */
class KafkaConnectorTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ITEM = "0190b7a2-0000-7000-8000-000000000001";

  private final List<MockProducer<String, byte[]>> made = new ArrayList<>();

  private KafkaConnector connector(KafkaProperties settings) {
    return new KafkaConnector(
        settings,
        JSON,
        config -> {
          MockProducer<String, byte[]> producer =
              new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
          made.add(producer);
          return producer;
        });
  }

  private static KafkaProperties settings(List<String> tenants, boolean operational) {
    return new KafkaProperties(
        "127.0.0.1:9092", "baton.events", tenants, operational, Duration.ofSeconds(5), Map.of());
  }

  private static OutboxEvent event(String tenant, String type, String subject) {
    UUID id = UUID.randomUUID();
    JsonNode cloudEvent =
        JSON.readTree(
            """
            {"specversion":"1.0","id":"%s","source":"/baton/tenants/%s","type":"dev.baton.%s",
             "subject":"%s","datacontenttype":"application/json","batonsequence":7,
             "data":{"workItem":{"id":"%s"}}}
            """
                .formatted(id, tenant, type, subject, subject));
    return new OutboxEvent(tenant, id, 7, type, subject, cloudEvent);
  }

  private static DeliveryRequest request(OutboxEvent event, UUID deliveryId) {
    return new DeliveryRequest(event.tenantId(), deliveryId, "kafka:baton.events", event, 1, false);
  }

  @Test
  void plansOneDeliveryToTheTopicOrderedByWorkItem() {
    KafkaConnector kafka = connector(settings(List.of(), false));

    assertThat(kafka.plan(event("acme", "assignment.routed", ITEM)))
        .containsExactly(new Planned("kafka:baton.events", ITEM));
    assertThat(kafka.plan(event("acme", "assignment.routed", "")))
        .containsExactly(new Planned("kafka:baton.events", null));
  }

  @Test
  void plansNothingForTenantsOutsideTheListOrOperationalEventsUnlessAskedFor() {
    KafkaConnector onlyAcme = connector(settings(List.of("acme"), false));
    assertThat(onlyAcme.plan(event("globex", "assignment.routed", ITEM))).isEmpty();
    assertThat(onlyAcme.plan(event("acme", "delivery.failed", ITEM))).isEmpty();

    KafkaConnector operational = connector(settings(List.of(), true));
    assertThat(operational.plan(event("globex", "delivery.failed", ITEM))).hasSize(1);
  }

  @Test
  void sendsTheCloudEventAsAStructuredRecordKeyedByWorkItemWithTheDeliveryId() {
    KafkaConnector kafka = connector(settings(List.of(), false));
    OutboxEvent event = event("acme", "assignment.routed", ITEM);
    UUID deliveryId = UUID.randomUUID();

    Outcome outcome = kafka.send(request(event, deliveryId));

    assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
    assertThat(((Outcome.Delivered) outcome).status()).isNull();
    assertThat(((Outcome.Delivered) outcome).excerpt()).startsWith("topic baton.events partition");
    ProducerRecord<String, byte[]> record = made.getFirst().history().getFirst();
    assertThat(record.topic()).isEqualTo("baton.events");
    assertThat(record.key()).isEqualTo(ITEM);
    assertThat(JSON.readTree(record.value())).isEqualTo(event.cloudEvent());
    assertThat(header(record, "content-type"))
        .isEqualTo("application/cloudevents+json; charset=UTF-8");
    assertThat(header(record, "baton-delivery-id")).isEqualTo(deliveryId.toString());
  }

  @Test
  void anEventAboutNoItemIsKeyedByItsOwnId() {
    KafkaConnector kafka = connector(settings(List.of(), false));
    OutboxEvent event = event("acme", "tenant.changed", "");

    kafka.send(request(event, UUID.randomUUID()));

    assertThat(made.getFirst().history().getFirst().key()).isEqualTo(event.id().toString());
  }

  @Test
  void sendsToTheTopicTheDeliveryWasPlannedFor() {
    KafkaConnector kafka = connector(settings(List.of(), false));
    OutboxEvent event = event("acme", "assignment.routed", ITEM);

    kafka.send(new DeliveryRequest("acme", UUID.randomUUID(), "kafka:old.topic", event, 2, false));

    assertThat(made.getFirst().history().getFirst().topic()).isEqualTo("old.topic");
  }

  @Test
  void retriableErrorsAreTransientAndMayHaveLanded() {
    KafkaConnector kafka = connector(settings(List.of(), false));
    kafka.send(request(event("acme", "assignment.routed", ITEM), UUID.randomUUID()));
    made.getFirst().sendException = new NotEnoughReplicasException("2 of 3 in sync");

    Outcome outcome =
        kafka.send(request(event("acme", "assignment.routed", ITEM), UUID.randomUUID()));

    assertThat(outcome).isInstanceOf(Outcome.Transient.class);
    assertThat(((Outcome.Transient) outcome).error())
        .isEqualTo("NotEnoughReplicasException: 2 of 3 in sync");
    assertThat(((Outcome.Transient) outcome).uncertain()).isTrue();
    assertThat(made).hasSize(1);
  }

  @Test
  void aRecordTheBrokerWillNeverTakeIsPermanent() {
    KafkaConnector kafka = connector(settings(List.of(), false));
    kafka.send(request(event("acme", "assignment.routed", ITEM), UUID.randomUUID()));
    made.getFirst().sendException = new RecordTooLargeException("too large");
    Outcome tooLarge =
        kafka.send(request(event("acme", "assignment.routed", ITEM), UUID.randomUUID()));
    made.getFirst().sendException = new TopicAuthorizationException("not authorized");
    Outcome forbidden =
        kafka.send(request(event("acme", "assignment.routed", ITEM), UUID.randomUUID()));

    assertThat(tooLarge)
        .isEqualTo(new Outcome.Permanent(null, "RecordTooLargeException: too large", ""));
    assertThat(forbidden)
        .isEqualTo(new Outcome.Permanent(null, "TopicAuthorizationException: not authorized", ""));
  }

  @Test
  void aFatalProducerErrorIsTransientAndTheNextAttemptUsesANewProducer() {
    KafkaConnector kafka = connector(settings(List.of(), false));
    kafka.send(request(event("acme", "assignment.routed", ITEM), UUID.randomUUID()));
    made.getFirst().sendException = new ProducerFencedException("fenced");

    Outcome failed =
        kafka.send(request(event("acme", "assignment.routed", ITEM), UUID.randomUUID()));
    Outcome next = kafka.send(request(event("acme", "assignment.routed", ITEM), UUID.randomUUID()));

    assertThat(failed).isInstanceOf(Outcome.Transient.class);
    assertThat(made.getFirst().closed()).isTrue();
    assertThat(next).isInstanceOf(Outcome.Delivered.class);
    assertThat(made).hasSize(2);
    assertThat(made.get(1).history()).hasSize(1);
  }

  @Test
  void closesItsProducerWhenTheContextCloses() {
    KafkaConnector kafka = connector(settings(List.of(), false));
    kafka.send(request(event("acme", "assignment.routed", ITEM), UUID.randomUUID()));

    kafka.destroy();

    assertThat(made.getFirst().closed()).isTrue();
  }

  @Test
  void aProducerSettingOfTheWrongTypeFailsTheStart() {
    KafkaProperties settings =
        new KafkaProperties(
            "127.0.0.1:9092",
            "baton.events",
            List.of(),
            false,
            Duration.ofSeconds(5),
            Map.of("batch.size", "large"));

    assertThatThrownBy(() -> connector(settings))
        .hasMessageContaining("batch.size")
        .hasMessageContaining("large");
  }

  @Test
  void aRecordCarriesTheTraceparentOfTheAttemptWhenThereIsOne() {
    DeliveryRequest delivery = request(event("acme", "assignment.routed", ITEM), UUID.randomUUID());
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    ProducerRecord<String, byte[]> traced =
        KafkaRecords.of("baton.events", delivery, JSON, traceparent);
    ProducerRecord<String, byte[]> untraced = KafkaRecords.of("baton.events", delivery, JSON, null);

    assertThat(header(traced, KafkaRecords.TRACEPARENT)).isEqualTo(traceparent);
    assertThat(untraced.headers().lastHeader(KafkaRecords.TRACEPARENT)).isNull();
  }

  private static String header(ProducerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
