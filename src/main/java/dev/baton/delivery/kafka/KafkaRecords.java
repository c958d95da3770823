package dev.baton.delivery.kafka;

import dev.baton.delivery.Connector.DeliveryRequest;
import dev.baton.delivery.Connector.OutboxEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record a delivery becomes, in the CloudEvents Kafka protocol binding's structured content
 * mode: the value is the event's CloudEvents JSON as the outbox wrote it, the {@code content-type}
 * header names the event format, and the key is the work item id, so one item's events share a
 * partition and keep their order. {@value #DELIVERY_ID} carries the delivery id, the same on every
 * attempt, for consumers that drop repeats. {@code traceparent} (W3C trace context, as the
 * OpenTelemetry Kafka instrumentation reads it) continues the trace of the delivery's attempt.
 */
final class KafkaRecords {

  static final String CONTENT_TYPE_HEADER = "content-type";
  static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
  static final String DELIVERY_ID = "baton-delivery-id";
  static final String TRACEPARENT = "traceparent";

  private KafkaRecords() {}

  static ProducerRecord<String, byte[]> of(
      String topic, DeliveryRequest delivery, JsonMapper json, @Nullable String traceparent) {
    OutboxEvent event = delivery.event();
    RecordHeaders headers = new RecordHeaders();
    headers.add(CONTENT_TYPE_HEADER, CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    headers.add(DELIVERY_ID, delivery.deliveryId().toString().getBytes(StandardCharsets.UTF_8));
    if (traceparent != null) {
      headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
    }
    return new ProducerRecord<>(
        topic, null, key(event), json.writeValueAsBytes(event.cloudEvent()), headers);
  }

  /** The work item id; the event id for an event about no item. */
  static String key(OutboxEvent event) {
    @Nullable String item = orderingKey(event);
    return item == null ? event.id().toString() : item;
  }

  /** The work item id the dispatcher orders by; null for an event about no item. */
  static @Nullable String orderingKey(OutboxEvent event) {
    return event.subject().isBlank() ? null : event.subject();
  }
}
