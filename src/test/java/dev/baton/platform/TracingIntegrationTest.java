package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.slack.FakeSlackWebApi;
import dev.baton.ingest.VendorFixtures;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.FakeOtlpCollector;
import dev.baton.testsupport.FakeOtlpCollector.Exported;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * One trace from an inbound webhook to the outbound Slack call: a signed Jira {@code issue_created}
 * carrying a {@code traceparent} is stored, processed by the inbox worker, routed, and posted to
 * Slack by the dispatcher; the fake Slack receives a {@code traceparent} of the same trace, and the
 * spans Baton exports over OTLP/HTTP to a collector on loopback link the request, the worker's
 * {@code process webhook} and the dispatcher's {@code deliver} in one chain. Without an inbound
 * {@code traceparent} the request starts a new trace that reaches Slack the same way.
 */
@TestPropertySource(
    properties = {
      "baton.inbox.poll-interval=50ms",
      "baton.delivery.poll-interval=50ms",
      "management.tracing.sampling.probability=1.0",
      "management.opentelemetry.tracing.export.schedule-delay=100ms"
    })
class TracingIntegrationTest extends IntegrationTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String JIRA_SECRET = "jira-hook-secret";
  private static final String BOT_TOKEN = "xoxb-1111-2222-acmebot";
  private static final FakeSlackWebApi SLACK = FakeSlackWebApi.start(BOT_TOKEN);
  private static final FakeOtlpCollector COLLECTOR = FakeOtlpCollector.start();

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  private static final String SETUP =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec:
        displayName: Alice Smith
        identities: { jira: 5b10ac8d82e05b22cc7d4ef5 }
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: inbound }
      spec:
        rules:
          - name: jira-to-alice
            when: item.source.system == "jira"
            assign: { person: alice }
            notify: { slack: { channel: "#incidents" } }
      """;

  @DynamicPropertySource
  static void ownDatabaseFakeSlackAndCollector(DynamicPropertyRegistry registry) {
    // this context's inbox worker and dispatcher must not meet another context's rows
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("tracing"));
    registry.add("baton.slack.api-url", SLACK::apiUrl);
    registry.add("management.opentelemetry.tracing.export.otlp.endpoint", COLLECTOR::tracesUrl);
  }

  @AfterAll
  static void stopFakes() {
    SLACK.close();
    COLLECTOR.close();
  }

  String jiraIntegration;

  @BeforeEach
  void rosterPolicyAndIntegrations() {
    SLACK.reset(BOT_TOKEN);
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    jiraIntegration =
        created(
            acme.post(
                "/api/v1/integrations",
                "{\"provider\":\"jira\",\"name\":\"acme-jira\",\"secrets\":[\""
                    + JIRA_SECRET
                    + "\"]}"));
    created(
        acme.post(
            "/api/v1/integrations",
            "{\"provider\":\"slack\",\"name\":\"acme-slack\",\"secrets\":"
                + "[\"8f742231b10e8888abcd99yyyzzz85a5\"],\"botToken\":\""
                + BOT_TOKEN
                + "\"}"));
  }

  @Test
  void theSlackPostContinuesTheTraceOfTheInboundWebhookAndTheSpansAreExported() {
    int postsBefore = COLLECTOR.posts();
    Api.Response accepted =
        hook(
            VendorFixtures.bytes("jira/jira_issue_created.json"),
            "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);

    String[] outgoing = traceparent(awaitPost("#incidents"));
    assertThat(outgoing[1]).as("the trace id").isEqualTo(TRACE_ID);
    assertThat(outgoing[2]).as("the parent span").isNotEqualTo(CALLER_SPAN);
    assertThat(Integer.parseInt(outgoing[3], 16) & 1).as("sampled, as the caller asked").isOne();

    // request → process webhook → deliver → the Slack call, one chain in the exported spans
    Exported deliver = awaitSpan(TRACE_ID, outgoing[2]);
    assertThat(deliver.name()).isEqualTo("deliver");
    Exported process = awaitSpan(TRACE_ID, deliver.parentSpanId());
    assertThat(process.name()).isEqualTo("process webhook");
    Exported request = serverSpanAbove(TRACE_ID, process);
    assertThat(request.parentSpanId()).as("the caller's span").isEqualTo(CALLER_SPAN);
    assertThat(COLLECTOR.posts()).isGreaterThan(postsBefore);

    // the inbox row keeps a span of the request, the deliveries the worker's span
    assertThat(
            jdbc.sql("select traceparent from inbox where tenant_id = 'acme'")
                .query(String.class)
                .single())
        .isEqualTo("00-" + TRACE_ID + "-" + process.parentSpanId() + "-01");
    assertThat(
            jdbc.sql(
                    "select distinct traceparent from deliveries where tenant_id = 'acme'"
                        + " and event_type = 'assignment.routed'")
                .query(String.class)
                .list())
        .containsExactly("00-" + TRACE_ID + "-" + process.spanId() + "-01");
  }

  @Test
  void withoutAnInboundTraceparentTheWebhookStartsATraceThatReachesSlack() {
    Api.Response accepted = hook(VendorFixtures.bytes("jira/jira_issue_created.json"), null);
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);

    String[] outgoing = traceparent(awaitPost("#incidents"));
    String traceId = outgoing[1];
    assertThat(traceId).isNotEqualTo(TRACE_ID).isNotEqualTo("0".repeat(32));

    Exported deliver = awaitSpan(traceId, outgoing[2]);
    assertThat(deliver.name()).isEqualTo("deliver");
    Exported process = awaitSpan(traceId, deliver.parentSpanId());
    assertThat(process.name()).isEqualTo("process webhook");
    Exported request = serverSpanAbove(traceId, process);
    assertThat(request.parentSpanId()).as("a root").isEmpty();
  }

  // --- helpers

  /**
   * The HTTP server span ({@code http post /hooks/...}) among the ancestors of {@code span}: the
   * request's span, or the span of a filter (Spring Security's) inside it, was current when the
   * webhook was stored.
   */
  private static Exported serverSpanAbove(String traceId, Exported span) {
    List<String> chain = new java.util.ArrayList<>();
    Exported at = span;
    for (int depth = 0; depth < 10 && !at.parentSpanId().isEmpty(); depth++) {
      String parentId = at.parentSpanId();
      Exported parent =
          COLLECTOR.spans(traceId).stream()
              .filter(s -> s.spanId().equals(parentId))
              .findFirst()
              .orElse(null);
      if (parent == null) {
        break;
      }
      chain.add(parent.name());
      if (parent.name().startsWith("http post")) {
        return parent;
      }
      at = parent;
    }
    throw new AssertionError("no HTTP server span above " + span + ": " + chain);
  }

  /** A W3C traceparent split in its four parts, checked for shape. */
  private static String[] traceparent(FakeSlackWebApi.Call call) {
    assertThat(call.traceparent())
        .as("traceparent of %s", call.method())
        .isNotNull()
        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    return String.valueOf(call.traceparent()).split("-");
  }

  private static FakeSlackWebApi.Call awaitPost(String channel) {
    return await(
        "a chat.postMessage to " + channel,
        () ->
            SLACK.calls("chat.postMessage").stream()
                .filter(c -> channel.equals(c.params().get("channel")))
                .findFirst()
                .orElse(null));
  }

  private static Exported awaitSpan(String traceId, String spanId) {
    return await(
        "span " + spanId + " of trace " + traceId + " exported",
        () ->
            COLLECTOR.spans(traceId).stream()
                .filter(s -> s.spanId().equals(spanId))
                .findFirst()
                .orElse(null));
  }

  private static <T> T await(String what, Supplier<@Nullable T> probe) {
    for (int i = 0; i < 200; i++) {
      T found = probe.get();
      if (found != null) {
        return found;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    List<Exported> spans = COLLECTOR.spans();
    throw new AssertionError(
        "not within 10 s: " + what + "; Slack calls " + SLACK.calls() + "; spans " + spans);
  }

  private static String created(Api.Response response) {
    assertThat(response.status()).as("%s", response).isEqualTo(201);
    return response.json().get("id").asString();
  }

  private Api.Response hook(byte[] body, @Nullable String traceparent) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + this.port + "/hooks/" + jiraIntegration))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-Atlassian-Webhook-Identifier", UUID.randomUUID().toString())
            .header("X-Hub-Signature", "sha256=" + HexFormat.of().formatHex(hmac(body)));
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    try {
      return new Api.Response(
          HTTP.send(
              request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(JIRA_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
