package dev.baton.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.baton.delivery.Connector;
import dev.baton.delivery.Connector.DeliveryRequest;
import dev.baton.delivery.Connector.OutboxEvent;
import dev.baton.delivery.Connector.Outcome;
import dev.baton.delivery.Connector.Planned;
import dev.baton.delivery.Outbox;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook connector against a real receiver on loopback (allow-listed), called as the
 * dispatcher calls it: {@code plan} for an event, then {@code send} for a delivery.
 */
@Import(WebhookConnectorIntegrationTest.Clocks.class)
@TestPropertySource(
    properties = {
      "baton.outbound.allowlist=127.0.0.1/32",
      "baton.webhooks.request-timeout=1s",
      "baton.webhooks.connect-timeout=1s",
      // the test drives the connector by hand: no dispatcher sends the rows it plans
      "baton.delivery.dispatch=false"
    })
class WebhookConnectorIntegrationTest extends IntegrationTest {

  /** A database of its own, so no other test context's dispatcher sends the rows planned here. */
  @org.springframework.test.context.DynamicPropertySource
  static void ownDatabase(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add(
        dev.baton.testsupport.TestDatabase.DATABASE_PROPERTY,
        () -> dev.baton.testsupport.TestDatabase.separate("webhooks"));
  }

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @TestConfiguration(proxyBeanMethods = false)
  static class Clocks {
    @Bean
    @Primary
    WebhookClock webhookClock() {
      return new WebhookClock();
    }
  }

  @Autowired List<Connector> connectors;
  @Autowired Outbox outbox;
  @Autowired org.springframework.transaction.PlatformTransactionManager transactions;
  @Autowired JsonMapper json;
  @Autowired WebhookClock clock;

  Receiver receiver;
  Connector webhook;

  @BeforeEach
  void start() {
    clock.reset();
    receiver = new Receiver();
    webhook = connectors.stream().filter(c -> c.name().equals("webhook")).findFirst().orElseThrow();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void plansOneDeliveryPerEnabledSubscriptionWhosePatternsMatch() {
    String all = subscribe(receiver.url(), "[\"assignment.*\"]");
    String exact = subscribe(receiver.url(), "[\"assignment.routed\"]");
    subscribe(receiver.url(), "[\"work-item.*\"]");
    String disabled = subscribe(receiver.url(), "[\"*\"]");
    acme.send("PATCH", "/api/v1/subscriptions/" + disabled, "{\"enabled\": false}");
    String star = subscribe(receiver.url(), "[\"*\"]");
    globex.post(
        "/api/v1/subscriptions", "{\"url\": \"https://hooks.example.com/x\", \"events\": [\"*\"]}");

    OutboxEvent routed = event("acme", "assignment.routed");

    assertThat(webhook.plan(routed))
        .containsExactlyInAnyOrder(
            new Planned("webhook:" + all, routed.subject()),
            new Planned("webhook:" + exact, routed.subject()),
            new Planned("webhook:" + star, routed.subject()));
    assertThat(webhook.plan(event("acme", "assignment.accepted")))
        .extracting(Planned::destination)
        .containsExactlyInAnyOrder("webhook:" + all, "webhook:" + star);
  }

  @Test
  void operationalDeliveryEventsGoOnlyToSubscriptionsThatNameThem() {
    subscribe(receiver.url(), "[\"*\"]");
    String named = subscribe(receiver.url(), "[\"delivery.failed\"]");

    assertThat(webhook.plan(event("acme", "delivery.failed")))
        .extracting(Planned::destination)
        .containsExactly("webhook:" + named);
  }

  @Test
  void sendsTheCloudEventSignedPerStandardWebhooks() throws Exception {
    String id = subscribe(receiver.url(), "[\"assignment.*\"]");
    OutboxEvent event = event("acme", "assignment.routed");
    UUID deliveryId = UUID.randomUUID();

    Outcome outcome = webhook.send(delivery(id, event, deliveryId));

    assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
    assertThat(((Outcome.Delivered) outcome).status()).isEqualTo(200);
    assertThat(((Outcome.Delivered) outcome).excerpt()).hasSizeLessThanOrEqualTo(1024);
    Receiver.Request got = receiver.requests.get(0);
    assertThat(got.header("Content-Type")).isEqualTo("application/cloudevents+json");
    assertThat(got.header("webhook-id")).isEqualTo(deliveryId.toString());
    assertThat(got.header("webhook-timestamp"))
        .isEqualTo(Long.toString(clock.instant().getEpochSecond()));
    assertThat(json.readTree(got.body())).isEqualTo(event.cloudEvent());
    assertThat(json.readTree(got.body()).get("type").asString())
        .isEqualTo("dev.baton.assignment.routed");
    new Webhook(SECRET).verify(got.body(), headers(got));
    assertThat(acme.get("/api/v1/subscriptions/" + id).json().get("lastSuccessAt").asString())
        .isEqualTo(clock.instant().toString());
  }

  @Test
  void serverErrorsAreTransient() {
    receiver.answering(500);
    String id = subscribe(receiver.url(), "[\"*\"]");

    Outcome outcome = webhook.send(delivery(id, event("acme", "assignment.routed")));

    assertThat(outcome).isInstanceOf(Outcome.Transient.class);
    Outcome.Transient t = (Outcome.Transient) outcome;
    assertThat(t.status()).isEqualTo(500);
    assertThat(t.uncertain()).isFalse();
    assertThat(t.excerpt()).startsWith("answer 500").hasSize(1024);
    assertThat(acme.get("/api/v1/subscriptions/" + id).json().get("failingSince").asString())
        .isEqualTo(clock.instant().toString());
  }

  @Test
  void tooManyRequestsIsTransientWithTheReceiversRetryAfter() {
    receiver.answering(429, Map.of("Retry-After", "7"));
    String id = subscribe(receiver.url(), "[\"*\"]");

    Outcome outcome = webhook.send(delivery(id, event("acme", "assignment.routed")));

    assertThat(outcome).isInstanceOf(Outcome.Transient.class);
    assertThat(((Outcome.Transient) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void badRequestIsPermanentAndKeepsTheSubscription() {
    receiver.answering(400);
    String id = subscribe(receiver.url(), "[\"*\"]");

    Outcome outcome = webhook.send(delivery(id, event("acme", "assignment.routed")));

    assertThat(outcome).isInstanceOf(Outcome.Permanent.class);
    assertThat(((Outcome.Permanent) outcome).status()).isEqualTo(400);
    assertThat(acme.get("/api/v1/subscriptions/" + id).json().get("enabled").asBoolean()).isTrue();
  }

  @Test
  void goneDisablesTheSubscriptionWithAnAuditEntryAndAnEvent() {
    receiver.answering(410);
    String id = subscribe(receiver.url(), "[\"*\"]");
    OutboxEvent event = event("acme", "assignment.routed");

    Outcome outcome = webhook.send(delivery(id, event));

    assertThat(outcome).isInstanceOf(Outcome.Permanent.class);
    JsonNode subscription = acme.get("/api/v1/subscriptions/" + id).json();
    assertThat(subscription.get("enabled").asBoolean()).isFalse();
    assertThat(subscription.get("disabledReason").asString()).contains("410");
    assertDisabledEventAndAudit(id);
    assertThat(webhook.plan(event)).isEmpty();
    assertThat(webhook.send(delivery(id, event))).isInstanceOf(Outcome.Skipped.class);
    assertThat(receiver.requests).hasSize(1);
  }

  @Test
  void aTimeoutIsTransientAndUncertain() {
    receiver.hang();
    String id = subscribe(receiver.url(), "[\"*\"]");

    Outcome outcome = webhook.send(delivery(id, event("acme", "assignment.routed")));

    assertThat(outcome).isInstanceOf(Outcome.Transient.class);
    assertThat(((Outcome.Transient) outcome).uncertain()).isTrue();
    assertThat(((Outcome.Transient) outcome).error()).contains("may have landed");
  }

  @Test
  void aClosedPortIsTransientAndCertain() {
    String id = subscribe(receiver.url(), "[\"*\"]");
    receiver.close();

    Outcome outcome = webhook.send(delivery(id, event("acme", "assignment.routed")));

    assertThat(outcome).isInstanceOf(Outcome.Transient.class);
    assertThat(((Outcome.Transient) outcome).uncertain()).isFalse();
  }

  @Test
  void aLoopbackAddressOffTheAllowListIsRefusedAtSendTime() {
    String id = subscribe(receiver.url(), "[\"*\"]");
    // the allow-list narrowed since the subscription was made: 127.0.0.2 is loopback but not listed
    jdbc.sql("update subscriptions set url = :url where id = :id")
        .param("url", "http://127.0.0.2:" + receiver.port() + "/hook")
        .param("id", UUID.fromString(id))
        .update();

    Outcome outcome = webhook.send(delivery(id, event("acme", "assignment.routed")));

    assertThat(outcome).isInstanceOf(Outcome.Permanent.class);
    assertThat(((Outcome.Permanent) outcome).error())
        .contains("a loopback address")
        .contains("BATON_OUTBOUND_ALLOWLIST");
    assertThat(receiver.requests).isEmpty();
  }

  @Test
  void duringRotationBothSecretsSignAndAReceiverWithEitherVerifies() throws Exception {
    String id = subscribe(receiver.url(), "[\"*\"]");
    Api.Response added = acme.post("/api/v1/subscriptions/" + id + "/secrets", "{}");
    assertThat(added.status()).as("%s", added).isEqualTo(201);
    String second = added.json().get("secret").asString();

    webhook.send(delivery(id, event("acme", "assignment.routed")));

    Receiver.Request got = receiver.requests.get(0);
    assertThat(got.header("webhook-signature").split(" ")).hasSize(2);
    new Webhook(SECRET).verify(got.body(), headers(got));
    new Webhook(second).verify(got.body(), headers(got));

    int first =
        acme.get("/api/v1/subscriptions/" + id).json().get("secrets").get(0).get("index").asInt();
    assertThat(acme.delete("/api/v1/subscriptions/" + id + "/secrets/" + first).status())
        .isEqualTo(200);
    webhook.send(delivery(id, event("acme", "assignment.routed")));
    Receiver.Request after = receiver.requests.get(1);
    assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
    new Webhook(second).verify(after.body(), headers(after));
  }

  @Test
  void failingForLongerThanTheLimitDisablesTheSubscription() {
    receiver.answering(503);
    String id = subscribe(receiver.url(), "[\"*\"]");
    webhook.send(delivery(id, event("acme", "assignment.routed")));
    clock.advance(Duration.ofDays(4));
    webhook.send(delivery(id, event("acme", "assignment.routed")));
    assertThat(acme.get("/api/v1/subscriptions/" + id).json().get("enabled").asBoolean()).isTrue();

    clock.advance(Duration.ofDays(1).plusSeconds(1));
    Outcome outcome = webhook.send(delivery(id, event("acme", "assignment.routed")));

    assertThat(outcome).isInstanceOf(Outcome.Transient.class);
    JsonNode subscription = acme.get("/api/v1/subscriptions/" + id).json();
    assertThat(subscription.get("enabled").asBoolean()).isFalse();
    assertThat(subscription.get("disabledReason").asString()).contains("no successful delivery");
    assertDisabledEventAndAudit(id);
  }

  @Test
  void aSuccessEndsTheFailureStreak() {
    receiver.answering(503);
    String id = subscribe(receiver.url(), "[\"*\"]");
    webhook.send(delivery(id, event("acme", "assignment.routed")));
    clock.advance(Duration.ofDays(4));
    receiver.answering(200);
    webhook.send(delivery(id, event("acme", "assignment.routed")));
    clock.advance(Duration.ofDays(2));
    receiver.answering(503);

    webhook.send(delivery(id, event("acme", "assignment.routed")));

    JsonNode subscription = acme.get("/api/v1/subscriptions/" + id).json();
    assertThat(subscription.get("enabled").asBoolean()).isTrue();
    assertThat(subscription.get("failingSince").asString()).isEqualTo(clock.instant().toString());
  }

  private void assertDisabledEventAndAudit(String id) {
    List<String> events =
        jdbc.sql(
                "select subject from outbox_events where tenant_id = 'acme' and type ="
                    + " 'subscription.disabled'")
            .query(String.class)
            .list();
    assertThat(events).containsExactly(id);
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_entries where tenant_id = 'acme' and action ="
                        + " 'subscription.disabled'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  private String subscribe(String url, String events) {
    Api.Response created =
        acme.post(
            "/api/v1/subscriptions",
            "{\"url\": \""
                + url
                + "\", \"events\": "
                + events
                + ", \"secret\": \""
                + SECRET
                + "\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private OutboxEvent event(String tenant, String type) {
    String subject = UUID.randomUUID().toString();
    UUID id =
        new TransactionTemplate(transactions)
            .execute(s -> outbox.publish(tenant, type, subject, Map.of("workItemId", subject)));
    record Row(long seq, String cloudEvent) {}
    Row row =
        jdbc.sql("select seq, cloud_event from outbox_events where tenant_id = :t and id = :id")
            .param("t", tenant)
            .param("id", id)
            .query(Row.class)
            .single();
    return new OutboxEvent(tenant, id, row.seq(), type, subject, json.readTree(row.cloudEvent()));
  }

  private static DeliveryRequest delivery(String subscription, OutboxEvent event) {
    return delivery(subscription, event, UUID.randomUUID());
  }

  private static DeliveryRequest delivery(String subscription, OutboxEvent event, UUID id) {
    return new DeliveryRequest(event.tenantId(), id, "webhook:" + subscription, event, 1, false);
  }

  private static HttpHeaders headers(Receiver.Request request) {
    return HttpHeaders.of(
        Map.of(
            "webhook-id", List.of(request.header("webhook-id")),
            "webhook-timestamp", List.of(request.header("webhook-timestamp")),
            "webhook-signature", List.of(request.header("webhook-signature"))),
        (a, b) -> true);
  }
}
