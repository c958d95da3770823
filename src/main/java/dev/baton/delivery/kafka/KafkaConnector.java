package dev.baton.delivery.kafka;

import dev.baton.delivery.Connector;
import dev.baton.platform.Traces;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code kafka} connector, present only when {@code baton.kafka.bootstrap-servers} is set:
 * plans one delivery per event of a published tenant ({@code kafka:<topic>}, ordered by work item)
 * and sends it as one record (see {@link KafkaRecords}), awaiting the broker's acknowledgement. The
 * dispatcher sends one item's deliveries one at a time, so they reach the item's partition in event
 * order.
 *
 * <p>The producer is made on the first send, not at start, so an unreachable or unresolvable
 * cluster never stops Baton from starting; its deliveries wait and retry like any other. Its
 * configuration is checked at start (see {@link ProducerSettings}).
 */
@Component
@Conditional(KafkaConfigured.class)
class KafkaConnector implements Connector, DisposableBean {

  static final String NAME = "kafka";
  private static final Logger log = LoggerFactory.getLogger(KafkaConnector.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaProperties settings;
  private final JsonMapper json;
  private final Map<String, Object> config;
  private final Function<Map<String, Object>, Producer<String, byte[]>> producers;
  private final Duration acknowledgementWait;
  private final Traces traces;
  private @Nullable Producer<String, byte[]> producer;

  @Autowired
  KafkaConnector(KafkaProperties settings, JsonMapper json, Traces traces) {
    this(settings, json, KafkaProducer::new, traces);
  }

  KafkaConnector(
      KafkaProperties settings,
      JsonMapper json,
      Function<Map<String, Object>, Producer<String, byte[]>> producers) {
    this(settings, json, producers, Traces.off());
  }

  KafkaConnector(
      KafkaProperties settings,
      JsonMapper json,
      Function<Map<String, Object>, Producer<String, byte[]>> producers,
      Traces traces) {
    this.traces = traces;
    this.settings = settings;
    this.json = json;
    this.config = ProducerSettings.of(settings);
    // a value of the wrong type or out of range fails the start, not every send
    ProducerConfig.configDef().parse(config);
    this.producers = producers;
    this.acknowledgementWait = ProducerSettings.acknowledgementWait(settings);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Planned> plan(OutboxEvent event) {
    if (!settings.publishes(event.tenantId(), event.type())) {
      return List.of();
    }
    return List.of(new Planned(NAME + ":" + settings.topic(), KafkaRecords.orderingKey(event)));
  }

  @Override
  public Outcome send(DeliveryRequest delivery) {
    String prefix = NAME + ":";
    if (!delivery.destination().startsWith(prefix)) {
      return new Outcome.Permanent(null, "not a kafka destination: " + delivery.destination(), "");
    }
    // the topic the delivery was planned for, even if the setting changed since
    String topic = delivery.destination().substring(prefix.length());
    Producer<String, byte[]> p;
    try {
      p = producer();
    } catch (KafkaException e) {
      return new Outcome.Transient(
          null, "cannot create the Kafka producer: " + SendFailures.describe(e), false, null, "");
    }
    try {
      RecordMetadata written =
          p.send(KafkaRecords.of(topic, delivery, json, traces.traceparent()))
              .get(acknowledgementWait.toMillis(), TimeUnit.MILLISECONDS);
      return new Outcome.Delivered(
          null,
          "topic "
              + written.topic()
              + " partition "
              + written.partition()
              + " offset "
              + written.offset());
    } catch (ExecutionException | KafkaException e) {
      return failed(p, e);
    } catch (java.util.concurrent.TimeoutException e) {
      return new Outcome.Transient(
          null,
          "no acknowledgement within " + acknowledgementWait + " (the record may have landed)",
          true,
          null,
          "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Transient(null, "interrupted", true, null, "");
    }
  }

  private Outcome failed(Producer<String, byte[]> used, Exception e) {
    SendFailures.Failure failure = SendFailures.of(e);
    if (failure.replaceProducer()) {
      log.warn("Kafka producer failed ({}); it is closed and made anew", SendFailures.describe(e));
      discard(used);
    }
    return failure.outcome();
  }

  private synchronized Producer<String, byte[]> producer() {
    Producer<String, byte[]> current = producer;
    if (current == null) {
      current = producers.apply(config);
      producer = current;
    }
    return current;
  }

  private void discard(Producer<String, byte[]> used) {
    synchronized (this) {
      if (producer != used) {
        return;
      }
      producer = null;
    }
    close(used);
  }

  @Override
  public void destroy() {
    Producer<String, byte[]> current;
    synchronized (this) {
      current = producer;
      producer = null;
    }
    if (current != null) {
      close(current);
    }
  }

  private static void close(Producer<String, byte[]> p) {
    try {
      p.close(CLOSE_TIMEOUT);
    } catch (RuntimeException e) {
      log.warn("Closing the Kafka producer failed: {}", e.getMessage());
    }
  }
}
