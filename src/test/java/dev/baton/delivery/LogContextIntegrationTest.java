package dev.baton.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.baton.testsupport.Api;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Log lines carry the logging context of docs/operations.md: an API request's lines have its {@code
 * tenant} and {@code correlationId}; the router's lines also the {@code workItem}; the dispatcher's
 * lines while sending a delivery have {@code tenant}, {@code workItem}, {@code delivery} and the
 * correlation id of the request that caused the event, and none of it is left behind on the worker
 * thread after. Lines inside a span (the dispatcher's {@code deliver}, the inbox worker's {@code
 * process webhook}) also carry its {@code traceId} and {@code spanId}.
 *
 * <p>The probes are two loggers turned to DEBUG for the test: Spring's {@code DispatcherServlet} (a
 * line per request) and {@code JdbcTemplate} (a line per SQL statement, so every code path that
 * reads or writes the database logs).
 */
class LogContextIntegrationTest extends DeliveryTestBase {

  private static final List<String> PROBES =
      List.of(
          "org.springframework.web.servlet.DispatcherServlet",
          "org.springframework.jdbc.core.JdbcTemplate");

  private final Capture capture = new Capture();

  @BeforeEach
  void listen() {
    capture.start();
    for (String name : PROBES) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      capture.levels.add(logger.getLevel());
      logger.setLevel(Level.DEBUG);
      logger.addAppender(capture);
    }
  }

  @AfterEach
  void stopListening() {
    for (int i = 0; i < PROBES.size(); i++) {
      Logger logger = (Logger) LoggerFactory.getLogger(PROBES.get(i));
      logger.detachAppender(capture);
      logger.setLevel(capture.levels.get(i));
    }
    capture.stop();
  }

  @Test
  void requestRoutingAndDispatcherLinesCarryTenantWorkItemDeliveryAndCorrelationId() {
    String correlation = "log-context-" + System.nanoTime();
    Api.Response created =
        acme.withHeader("X-Correlation-Id", correlation)
            .post(
                "/api/v1/work-items",
                "{\"title\":\"Logged\",\"type\":\"bug\",\"priority\":\"P2\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String item = created.json().get("id").asString();
    String delivery = onlyDeliveryOf(item);
    awaitDelivery(delivery, d -> hasStatus(d, "delivered"));

    List<Map<String, String>> ofRequest =
        capture.contexts(
            "org.springframework.web.servlet.DispatcherServlet", "POST \"/api/v1/work-items");
    assertThat(ofRequest).isNotEmpty();
    assertThat(ofRequest)
        .allSatisfy(
            mdc -> {
              assertThat(mdc).containsEntry("tenant", "acme");
              assertThat(mdc).containsEntry("correlationId", correlation);
            });

    List<Map<String, String>> ofRouting =
        capture.contexts("org.springframework.jdbc.core.JdbcTemplate", "from policies p");
    assertThat(ofRouting)
        .as("the router's reading of the active policies")
        .anySatisfy(
            mdc ->
                assertThat(mdc)
                    .containsEntry("tenant", "acme")
                    .containsEntry("workItem", item)
                    .containsEntry("correlationId", correlation));

    List<Map<String, String>> ofSending =
        capture.contexts("org.springframework.jdbc.core.JdbcTemplate", "update delivery_attempts");
    assertThat(ofSending)
        .as("the dispatcher recording the attempt")
        .anySatisfy(
            mdc ->
                assertThat(mdc)
                    .containsEntry("tenant", "acme")
                    .containsEntry("workItem", item)
                    .containsEntry("delivery", delivery)
                    .containsEntry("correlationId", correlation));
    assertThat(ofSending)
        .as("the dispatcher's deliver span")
        .allSatisfy(
            mdc -> {
              assertThat(mdc.get("traceId")).matches("[0-9a-f]{32}");
              assertThat(mdc.get("spanId")).matches("[0-9a-f]{16}");
            });

    List<Map<String, String>> ofClaims =
        capture.contexts("org.springframework.jdbc.core.JdbcTemplate", "update deliveries d set");
    assertThat(ofClaims)
        .as("claims run before a delivery is in hand: the last send left nothing behind")
        .isNotEmpty()
        .allSatisfy(mdc -> assertThat(mdc).doesNotContainKeys("delivery", "workItem", "tenant"));
  }

  @Test
  void webhookRequestAndInboxWorkerLinesCarryTenantWorkItemAndCorrelationId() {
    String integration = MetricsReferenceIntegrationTest.githubIntegration(acme);
    byte[] body = MetricsReferenceIntegrationTest.fixture("github/issues.opened.json");
    String first = "hook-first-" + System.nanoTime();
    String second = "hook-second-" + System.nanoTime();
    Api.Response created =
        MetricsReferenceIntegrationTest.githubHook(
            acme.withHeader("X-Correlation-Id", first), integration, body);
    assertThat(created.status()).as("%s", created).isEqualTo(202);
    String inboxId = created.json().get("id").asString();
    eventually(
        "the first webhook is processed",
        () ->
            "processed"
                .equals(acme.get("/api/v1/inbox/" + inboxId).json().get("status").asString()));
    // the same event again: the inbox worker finds the item it made and records a stale event
    Api.Response again =
        MetricsReferenceIntegrationTest.githubHook(
            acme.withHeader("X-Correlation-Id", second), integration, body);
    assertThat(again.status()).as("%s", again).isEqualTo(202);
    String againId = again.json().get("id").asString();
    eventually(
        "the second webhook is processed",
        () ->
            "processed"
                .equals(acme.get("/api/v1/inbox/" + againId).json().get("status").asString()));
    String item =
        jdbc.sql("select id::text from work_items where tenant_id = 'acme'")
            .query(String.class)
            .single();

    List<Map<String, String>> ofRequest =
        capture.contexts("org.springframework.web.servlet.DispatcherServlet", "Completed 202");
    assertThat(ofRequest)
        .as("the hook request's last line, after the integration was found")
        .anySatisfy(
            mdc ->
                assertThat(mdc)
                    .containsEntry("tenant", "acme")
                    .containsEntry("correlationId", first));

    List<Map<String, String>> ofWorker =
        capture.contexts("org.springframework.jdbc.core.JdbcTemplate", "insert into audit_entries");
    assertThat(ofWorker)
        .as("the inbox worker auditing the stale event on the item")
        .anySatisfy(
            mdc ->
                assertThat(mdc)
                    .containsEntry("tenant", "acme")
                    .containsEntry("workItem", item)
                    .containsEntry("correlationId", second)
                    .containsKeys("traceId", "spanId"));
  }

  /** Keeps each event with its logging context, taken when it was logged. */
  private static final class Capture extends AppenderBase<ILoggingEvent> {

    final List<@Nullable Level> levels = new CopyOnWriteArrayList<>();
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      events.add(event);
    }

    List<Map<String, String>> contexts(String logger, String messageContains) {
      return events.stream()
          .filter(e -> e.getLoggerName().equals(logger))
          .filter(e -> e.getFormattedMessage().contains(messageContains))
          .map(ILoggingEvent::getMDCPropertyMap)
          .toList();
    }
  }
}
