package dev.baton.delivery.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer's configuration: an idempotent producer that waits for every in-sync replica ({@code
 * enable.idempotence=true}, {@code acks=all}), so the broker's own retries within an attempt never
 * write a record twice, and whose waits are bounded by {@code send-timeout}. The settings Baton
 * owns cannot be overridden through {@code baton.kafka.producer.*}.
 */
final class ProducerSettings {

  static final Set<String> OWNED =
      Set.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
          ProducerConfig.ACKS_CONFIG,
          ProducerConfig.MAX_BLOCK_MS_CONFIG,
          ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
          ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
          ProducerConfig.LINGER_MS_CONFIG,
          ProducerConfig.TRANSACTIONAL_ID_CONFIG);

  static final String CLIENT_ID = "baton";

  private ProducerSettings() {}

  /**
   * @throws IllegalArgumentException when {@code baton.kafka.producer} names a setting Baton owns
   */
  static Map<String, Object> of(KafkaProperties settings) {
    Set<String> refused = new TreeSet<>(settings.producer().keySet());
    refused.retainAll(OWNED);
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException(
          "baton.kafka.producer must not set "
              + String.join(", ", refused)
              + ": Baton sets them (bootstrap-servers and send-timeout are its own settings)");
    }
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    config.putAll(settings.producer());
    config.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        List.of(Objects.requireNonNull(settings.bootstrapServers()).split(",")).stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // one record per attempt, awaited: waiting to batch only adds latency
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    Duration timeout = settings.sendTimeout();
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    // the producer retries within delivery.timeout.ms; each request may take half of it
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() / 2);
    return config;
  }

  /**
   * How long to wait for the acknowledgement once {@code send} returned (which itself waits at most
   * {@code max.block.ms} for metadata): the producer gives up after {@code delivery.timeout.ms};
   * the margin lets its own answer arrive first.
   */
  static Duration acknowledgementWait(KafkaProperties settings) {
    return settings.sendTimeout().plusSeconds(5);
  }
}
