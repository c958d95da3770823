package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** A two-second run of the delivery load generator against a test Baton, so it cannot rot. */
@TestPropertySource(
    properties = {"baton.outbound.allowlist=127.0.0.1/32", "baton.delivery.poll-interval=50ms"})
class DeliveryBenchmarkIntegrationTest extends IntegrationTest {

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("delivery_bench"));
  }

  @Test
  void everyPlannedDeliveryReachesTheReceiverOnceAndTheReportSaysSo() throws Exception {
    var settings =
        new DeliveryBenchmark.Settings(
            "http://127.0.0.1:" + port,
            tenant("bench"),
            2,
            Duration.ofSeconds(2),
            Duration.ZERO,
            5);

    var result = new DeliveryBenchmark(settings).run(t -> DeliveryCount.planned(jdbc, t));

    assertThat(result.errors()).isZero();
    assertThat(result.created()).isBetween(5L, 12L);
    assertThat(result.drainedInTime()).isTrue();
    assertThat(result.planned()).isGreaterThanOrEqualTo(result.created());
    assertThat(result.distinct()).isEqualTo(result.planned());
    assertThat(result.duplicates()).isZero();
    assertThat(result.received()).isPositive();
    assertThat(result.lag().getTotalCount()).isEqualTo(result.received());
    long delivered =
        jdbc.sql(
                "select count(*) from deliveries where tenant_id = 'bench' and status ="
                    + " 'delivered'")
            .query(Long.class)
            .single();
    assertThat(delivered).isEqualTo(result.planned());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DeliveryBenchmark.report(
        settings, "test", result, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("paced at 5 items/s")
        .contains("event committed to received")
        .contains("exactly once: yes");
  }
}
