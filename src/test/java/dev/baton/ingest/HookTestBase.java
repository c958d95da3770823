package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the webhook and inbox tests: Baton with the {@link Fakes} in place of the handler, the
 * Slack entry point and the clock, on a database of its own (so no other test context's inbox
 * worker takes these deliveries), with short retry waits.
 */
@Import(Fakes.class)
@TestPropertySource(
    properties = {
      "baton.public-url=" + HookTestBase.PUBLIC_URL,
      "baton.inbox.poll-interval=50ms",
      "baton.inbox.backoff=1s,5s",
      "baton.inbox.max-attempts=3"
    })
abstract class HookTestBase extends IntegrationTest {

  static final String DATABASE = "ingest";
  static final String PUBLIC_URL = "https://baton.example.test";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Autowired Fakes.RecordingHandler handler;
  @Autowired Fakes.RecordingSlack slack;
  @Autowired TestClock clock;
  @Autowired MeterRegistry meters;
  @Autowired InboxWorker worker;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate(DATABASE));
  }

  @BeforeEach
  void resetFakes() {
    assertThat(jdbc.sql("select current_database()").query(String.class).single())
        .isEqualTo(DATABASE);
    handler.reset();
    slack.reset();
    clock.reset();
    worker.start();
  }

  /** Creates an integration with one secret through the API and returns its answer. */
  JsonNode integration(Api api, String provider, String name, String secret) {
    return integrationWith(api, provider, name, "", secret);
  }

  /** As above, with further JSON members such as {@code "events": ["issues"]}. */
  JsonNode integrationWith(Api api, String provider, String name, String more, String... secrets) {
    StringBuilder list = new StringBuilder();
    for (String secret : secrets) {
      list.append(list.isEmpty() ? "" : ",").append(quote(secret));
    }
    Api.Response created =
        api.post(
            "/api/v1/integrations",
            "{\"provider\":"
                + quote(provider)
                + ",\"name\":"
                + quote(name)
                + ",\"secrets\":["
                + list
                + "]"
                + (more.isEmpty() ? "" : "," + more)
                + "}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json();
  }

  /** Posts to a hook URL exactly these headers and bytes. */
  Api.Response hook(String integrationId, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/" + integrationId))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      return new Api.Response(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new IllegalStateException("POST /hooks/" + integrationId + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts {@code body} signed with {@code secret} as the provider's sender would. */
  Api.Response signedHook(String integrationId, Provider provider, String secret, byte[] body) {
    return hook(integrationId, Senders.signed(provider, secret, body, clock.instant()), body);
  }

  /** The count of received webhooks with these tags. */
  double received(String provider, String outcome, String reason) {
    Counter counter =
        meters
            .find("baton.webhooks.received")
            .tags("provider", provider, "outcome", outcome, "reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  long inboxRows() {
    return jdbc.sql("select count(*) from inbox").query(Long.class).single();
  }

  /** Waits, boundedly, for asynchronous work to make {@code condition} true. */
  static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
