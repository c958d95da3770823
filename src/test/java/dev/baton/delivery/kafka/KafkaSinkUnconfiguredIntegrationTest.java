package dev.baton.delivery.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.Connector;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Baton as every other test boots it, without {@code baton.kafka.bootstrap-servers}. */
class KafkaSinkUnconfiguredIntegrationTest extends IntegrationTest {

  @Autowired ApplicationContext context;

  @Test
  void withoutBootstrapServersNoKafkaConnectorExistsAndNothingIsPlannedForKafka() {
    assertThat(context.getBeanNamesForType(KafkaConnector.class)).isEmpty();
    assertThat(context.getBeansOfType(Connector.class).values())
        .extracting(Connector::name)
        .isNotEmpty()
        .doesNotContain("kafka");

    Given.workItem(acme, "No Kafka here");

    assertThat(
            jdbc.sql("select count(*) from deliveries where connector = 'kafka'")
                .query(Long.class)
                .single())
        .isZero();
  }
}
