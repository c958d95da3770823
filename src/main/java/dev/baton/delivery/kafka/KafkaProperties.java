package dev.baton.delivery.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baton.kafka.*}: the optional Kafka sink. Nothing Kafka-related exists unless {@code
 * bootstrap-servers} is set.
 *
 * @param bootstrapServers {@code host:port[,host:port…]} of the cluster; empty turns the sink off
 * @param topic where events go (default {@value #TOPIC}); it must exist unless the cluster creates
 *     topics on first use
 * @param tenants the tenants whose events are published; empty (the default) means every tenant
 * @param operationalEvents whether {@code delivery.failed} and {@code delivery.recovered} go out
 *     too (default false, as for webhooks that do not ask for them)
 * @param sendTimeout how long one attempt may take: the producer waits at most this for metadata
 *     and again at most this for the broker's acknowledgement (default 30 s, at most {@value
 *     #MAX_SEND_TIMEOUT_SECONDS} s so that an attempt ends well within the dispatcher's lease)
 * @param producer further Kafka producer settings, e.g. {@code security.protocol}, {@code
 *     sasl.mechanism}, {@code compression.type}; those Baton owns are refused (see {@link
 *     ProducerSettings#OWNED})
 */
@ConfigurationProperties("baton.kafka")
record KafkaProperties(
    @Nullable String bootstrapServers,
    @DefaultValue(TOPIC) String topic,
    @DefaultValue List<String> tenants,
    @DefaultValue("false") boolean operationalEvents,
    @DefaultValue("30s") Duration sendTimeout,
    @DefaultValue Map<String, String> producer) {

  static final String TOPIC = "baton.events";
  static final long MAX_SEND_TIMEOUT_SECONDS = 120;
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  KafkaProperties {
    tenants = List.copyOf(tenants);
    producer = Map.copyOf(producer);
    if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(
          "baton.kafka.topic '" + topic + "' is not a Kafka topic name ([a-zA-Z0-9._-], 1-249)");
    }
    if (sendTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || sendTimeout.compareTo(Duration.ofSeconds(MAX_SEND_TIMEOUT_SECONDS)) > 0) {
      throw new IllegalArgumentException(
          "baton.kafka.send-timeout must be between 1s and " + MAX_SEND_TIMEOUT_SECONDS + "s");
    }
  }

  /** Whether an event of {@code type} in {@code tenantId} goes to the topic. */
  boolean publishes(String tenantId, String type) {
    return (tenants.isEmpty() || tenants.contains(tenantId))
        && (operationalEvents || !type.startsWith("delivery."));
  }
}
