package dev.baton.delivery.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * An in-process single-node KRaft broker for one test class, with the topic Baton publishes to
 * created up front and topic auto-creation off; and a plain consumer reading it back.
 */
final class Broker implements AutoCloseable {

  static final String TOPIC = KafkaProperties.TOPIC;
  static final int PARTITIONS = 3;

  private final EmbeddedKafkaKraftBroker kafka;

  private Broker(EmbeddedKafkaKraftBroker kafka) {
    this.kafka = kafka;
  }

  /** A broker on any free port. */
  static Broker start() {
    return start(new EmbeddedKafkaKraftBroker(1, PARTITIONS, TOPIC));
  }

  private static Broker start(EmbeddedKafkaKraftBroker kafka) {
    kafka.brokerProperty("auto.create.topics.enable", "false");
    kafka.afterPropertiesSet();
    return new Broker(kafka);
  }

  String bootstrapServers() {
    return kafka.getBrokersAsString();
  }

  /**
   * Reads the topic from the start with a new consumer group until {@code done} holds for what was
   * read, then once more for {@code settle} to catch anything extra; gives up after {@code limit}.
   */
  List<ConsumerRecord<String, byte[]>> readUntil(
      Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration settle, Duration limit) {
    List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + limit.toNanos();
      while (!done.test(read) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
      consumer.poll(settle).forEach(read::add);
    }
    return read;
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    kafka.destroy();
  }
}
