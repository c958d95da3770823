package dev.baton.delivery.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.Traces;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The connector exists only when bootstrap servers are configured, by property or environment. */
class KafkaConfiguredTest {

  @Configuration
  @EnableConfigurationProperties(KafkaProperties.class)
  @Import(KafkaConnector.class)
  static class Sink {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
          .withBean(Traces.class, Traces::off)
          .withUserConfiguration(Sink.class);

  @Test
  void withoutBootstrapServersNoConnectorExists() {
    runner.run(context -> assertThat(context).doesNotHaveBean(KafkaConnector.class));
    runner
        .withPropertyValues("baton.kafka.bootstrap-servers=", "baton.kafka.topic=other")
        .run(context -> assertThat(context).doesNotHaveBean(KafkaConnector.class));
  }

  @Test
  void theEnvironmentVariablesConfigureTheSink() {
    runner
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of(
                                "BATON_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                                "BATON_KAFKA_TOPIC", "acme.events",
                                "BATON_KAFKA_TENANTS", "acme,globex"))))
        .run(
            context -> {
              assertThat(context).hasSingleBean(KafkaConnector.class);
              KafkaProperties settings = context.getBean(KafkaProperties.class);
              assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
              assertThat(settings.topic()).isEqualTo("acme.events");
              assertThat(settings.tenants()).containsExactly("acme", "globex");
            });
  }

  @Test
  void aSettingBatonOwnsFailsTheStart() {
    runner
        .withPropertyValues(
            "baton.kafka.bootstrap-servers=127.0.0.1:9092", "baton.kafka.producer.acks=1")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("baton.kafka.producer must not set acks"));
  }
}
