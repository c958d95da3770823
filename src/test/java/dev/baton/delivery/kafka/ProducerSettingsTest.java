package dev.baton.delivery.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

  private static KafkaProperties settings(Map<String, String> producer) {
    return new KafkaProperties(
        "kafka-1:9092, kafka-2:9092",
        "baton.events",
        List.of(),
        false,
        Duration.ofSeconds(30),
        producer);
  }

  @Test
  void theProducerIsIdempotentWaitsForAllReplicasAndIsBoundedByTheSendTimeout() {
    Map<String, Object> config = ProducerSettings.of(settings(Map.of()));

    assertThat(config)
        .containsEntry("bootstrap.servers", List.of("kafka-1:9092", "kafka-2:9092"))
        .containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all")
        .containsEntry("linger.ms", 0)
        .containsEntry("max.block.ms", 30_000L)
        .containsEntry("delivery.timeout.ms", 30_000)
        .containsEntry("request.timeout.ms", 15_000)
        .containsEntry("client.id", "baton");
    assertThat(ProducerSettings.acknowledgementWait(settings(Map.of())))
        .isEqualTo(Duration.ofSeconds(35));
  }

  @Test
  void furtherProducerSettingsArePassedOn() {
    Map<String, Object> config =
        ProducerSettings.of(
            settings(Map.of("security.protocol", "SASL_SSL", "client.id", "baton-eu")));

    assertThat(config)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("client.id", "baton-eu");
  }

  @Test
  void settingsBatonOwnsAreRefusedByName() {
    assertThatThrownBy(
            () -> ProducerSettings.of(settings(Map.of("acks", "1", "enable.idempotence", "false"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("baton.kafka.producer must not set acks, enable.idempotence");
  }

  @Test
  void theTopicAndSendTimeoutAreChecked() {
    assertThatThrownBy(
            () ->
                new KafkaProperties(
                    "k:9092", "bad topic", List.of(), false, Duration.ofSeconds(30), Map.of()))
        .hasMessageContaining("not a Kafka topic name");
    assertThatThrownBy(
            () ->
                new KafkaProperties(
                    "k:9092", "baton.events", List.of(), false, Duration.ofMinutes(5), Map.of()))
        .hasMessageContaining("send-timeout");
  }
}
