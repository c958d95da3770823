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

/** A one-second run of the webhook load generator against a test Baton, so it cannot rot. */
@TestPropertySource(properties = "baton.inbox.poll-interval=50ms")
class WebhookBenchmarkIntegrationTest extends IntegrationTest {

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("webhook_bench"));
  }

  @Test
  void everyAcceptedDeliveryBecomesARoutedWorkItemAndTheReportSaysSo() throws Exception {
    var settings =
        new WebhookBenchmark.Settings(
            "http://127.0.0.1:" + port,
            tenant("bench"),
            2,
            Duration.ofSeconds(1),
            Duration.ZERO,
            10);

    var result = new WebhookBenchmark(settings).run(target -> InboxLag.read(jdbc, target));

    assertThat(result.errors()).isZero();
    assertThat(result.accepted()).isBetween(5L, 12L);
    assertThat(result.failed()).isZero();
    assertThat(result.processed()).isGreaterThanOrEqualTo(result.accepted());
    long routed =
        jdbc.sql(
                "select count(*) from assignments where tenant_id = 'bench' and state = 'OFFERED'"
                    + " and owner_type = 'PERSON' and owner_id like 'hook-bench-%'")
            .query(Long.class)
            .single();
    assertThat(routed).isEqualTo(result.processed());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WebhookBenchmark.report(
        settings, "test", result, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("paced at 10 deliveries/s")
        .contains("received to processed")
        .contains("failed: 0");
  }
}
