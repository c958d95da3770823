package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.bench.LoadWorkload.Step;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The short CI version of the soak: the load generator runs for 15 seconds (5 s samples) against a
 * test Baton, with duplicates and out-of-order updates, and everything it checks must hold: every
 * accepted send processed once, duplicates answered as such and creating nothing, the older half of
 * every out-of-order pair stale, each destination given each planned delivery exactly once. Nothing
 * here is timed.
 */
@TestPropertySource(
    properties = {
      "baton.outbound.allowlist=127.0.0.1/32",
      "baton.jira.allow-loopback-http=true",
      "baton.inbox.poll-interval=50ms",
      "baton.delivery.poll-interval=50ms"
    })
class LoadBenchmarkIntegrationTest extends IntegrationTest {

  private static final LoadReceiver RECEIVER = start();

  private static LoadReceiver start() {
    try {
      return new LoadReceiver(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void ownDatabaseAndTheReceiverAsSlack(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("load_bench"));
    registry.add("baton.slack.api-url", RECEIVER::slackApiUrl);
  }

  @AfterAll
  static void stopReceiver() {
    RECEIVER.close();
  }

  @Test
  void everyAcceptedSendIsProcessedOnceAndEveryDestinationGetsEachDeliveryOnce() throws Exception {
    var settings =
        new LoadBenchmark.Settings(
            "http://127.0.0.1:" + port,
            tenant("loadbench"),
            LoadBenchmark.Settings.mix("github=60,jira=30,slack=10"),
            4,
            1,
            Duration.ofSeconds(15),
            Duration.ofSeconds(2),
            0.1,
            0.3,
            Duration.ofSeconds(5),
            7);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    LoadResult result =
        new LoadBenchmark(settings, RECEIVER).run(ProcessHandle.current().pid(), out);
    LoadReport.print("test", result, null, out);
    String report = bytes.toString(StandardCharsets.UTF_8);

    LoadChecks.Outcome checks = result.checks();
    assertThat(result.errors()).as(report).isZero();
    assertThat(result.drained()).as(report).isTrue();
    // every accepted send was processed, and only once
    assertThat(checks.acceptedNotProcessed()).as(report).isZero();
    assertThat(checks.extraRows()).as(report).isZero();
    assertThat(checks.inboxes())
        .allSatisfy(i -> assertThat(i.failed() + i.pending()).as(report).isZero());
    // duplicates were answered as duplicates and created nothing
    assertThat(checks.duplicatesSent()).as(report).isPositive();
    assertThat(checks.duplicatesAnswered()).as(report).isEqualTo(checks.duplicatesSent());
    assertThat(checks.duplicatesWrong()).as(report).isZero();
    assertThat(checks.workItemsCreated())
        .as(report)
        .isPositive()
        .isEqualTo(checks.issuesCreatedByInbox());
    assertThat(checks.secondWorkItems()).as(report).isZero();
    long items =
        jdbc.sql("select count(*) from work_items where tenant_id = 'loadbench'")
            .query(Long.class)
            .single();
    assertThat(items).as(report).isEqualTo(checks.workItemsCreated());
    // the older half of every out-of-order pair was stale, and nothing else was
    assertThat(checks.olderSent()).as(report).isPositive();
    assertThat(checks.olderStale()).as(report).isEqualTo(checks.olderSent());
    assertThat(checks.staleSeen()).as(report).isEqualTo(checks.olderSent());
    // Slack Accept presses were answered and accepted the work
    assertThat(result.counts().steps(Step.PRESS)).as(report).isPositive();
    assertThat(RECEIVER.slackResponseTexts)
        .as(report)
        .isNotEmpty()
        .allMatch(t -> t.startsWith("You accepted"));
    // each destination received each planned delivery exactly once
    assertThat(checks.destinations()).hasSize(3);
    assertThat(checks.destinations())
        .allSatisfy(
            d -> {
              assertThat(d.planned()).as(report).isPositive();
              assertThat(d.exactlyOnce()).as(report).isTrue();
            });
    long notDelivered =
        jdbc.sql(
                "select count(*) from deliveries where tenant_id = 'loadbench' and status <> 'delivered'")
            .query(Long.class)
            .single();
    assertThat(notDelivered).as(report).isZero();
    assertThat(result.passed()).as(report).isTrue();
    // the report has its sections and one soak line per window
    assertThat(report)
        .contains("== accepted by /hooks")
        .contains("== routed")
        .contains("== delivered")
        .contains("== correctness")
        .contains("== Baton process")
        .contains("== ceiling")
        .contains("== soak verdict")
        .contains("exactly once webhook yes")
        .contains("exactly once jira    yes")
        .contains("exactly once slack   yes")
        .contains("result: PASSED");
    assertThat(result.samples().samples()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(result.tracker().routed.getTotalCount()).as(report).isPositive();
  }
}
