package dev.baton.ingest;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every bad webhook request answers the fitting 4xx problem with its reason, stores nothing and is
 * counted under that reason.
 */
class HookRejectionIntegrationTest extends HookTestBase {

  private static final String SECRET = Senders.GITHUB_SECRET;

  private String github;
  private byte[] issue;

  @BeforeEach
  void githubIntegration() {
    github =
        integrationWith(acme, "github", "acme-github", "\"events\":[\"issues\"]", SECRET)
            .get("id")
            .asString();
    issue = VendorFixtures.bytes("github/issues.opened.json");
  }

  @Test
  void anUnknownOrMalformedIntegrationIdIs404() {
    rejected(
        404,
        "unknown",
        "unknown_integration",
        () -> signed(UUID.randomUUID().toString(), issue, Map.of()));
    rejected(404, "unknown", "unknown_integration", () -> signed("not-a-uuid", issue, Map.of()));
    rejected(
        404,
        "unknown",
        "unknown_integration",
        () -> signed(github.toUpperCase(java.util.Locale.ROOT) + "0", issue, Map.of()));
  }

  @Test
  void aDisabledIntegrationIs403() {
    Api.Response disabled =
        acme.send("PATCH", "/api/v1/integrations/" + github, "{\"enabled\": false}");
    assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);

    JsonNode problem = rejected(403, "github", "disabled", () -> signed(github, issue, Map.of()));

    assertThat(problem.get("detail").asString()).contains("disabled");
  }

  @Test
  void aContentTypeTheProviderDoesNotSendIs415() {
    rejected(
        415,
        "github",
        "content_type",
        () -> signed(github, issue, Map.of("Content-Type", "text/plain")));
    rejected(
        415,
        "github",
        "content_type",
        () -> signed(github, issue, Map.of("Content-Type", "application/x-www-form-urlencoded")));
    Map<String, String> noType = Senders.signed(Provider.GITHUB, SECRET, issue, clock.instant());
    noType.remove("Content-Type");
    rejected(415, "github", "content_type", () -> hook(github, noType, issue));
  }

  @Test
  void aBodyOverTheIntegrationsLimitIs413WithOrWithoutADeclaredLength() {
    String small =
        integrationWith(acme, "github", "small-github", "\"maxBodySize\": 4096", SECRET)
            .get("id")
            .asString();
    byte[] body = issue;
    assertThat(body.length).isGreaterThan(4096);

    rejected(413, "github", "too_large", () -> signed(small, body, Map.of()));
    rejected(413, "github", "too_large", () -> chunked(small, body));
  }

  @Test
  void aMissingOrWrongSignatureIs401AndMalformedHeadersAre400() {
    Map<String, String> unsigned = Senders.signed(Provider.GITHUB, SECRET, issue, clock.instant());
    unsigned.remove("X-Hub-Signature-256");
    rejected(401, "github", "signature", () -> hook(github, unsigned, issue));
    rejected(
        401,
        "github",
        "signature",
        () ->
            hook(github, Senders.signed(Provider.GITHUB, "wrong", issue, clock.instant()), issue));
    rejected(
        400,
        "github",
        "malformed",
        () -> signed(github, issue, Map.of("X-Hub-Signature-256", "sha256=not-hex")));
    Map<String, String> noDelivery =
        Senders.signed(Provider.GITHUB, SECRET, issue, clock.instant());
    noDelivery.remove("X-GitHub-Delivery");
    JsonNode problem = rejected(400, "github", "malformed", () -> hook(github, noDelivery, issue));
    assertThat(problem.get("detail").asString()).contains("X-GitHub-Delivery");
  }

  @Test
  void aStaleTimestampIs401() {
    String slackSecret = Senders.secret(Provider.SLACK, 1);
    String slack = integration(acme, "slack", "acme-slack", slackSecret).get("id").asString();
    String standardSecret = Senders.secret(Provider.STANDARD_WEBHOOKS, 1);
    String standard =
        integration(acme, "standard-webhooks", "acme-sw", standardSecret).get("id").asString();
    java.time.Instant sixMinutesAgo = clock.instant().minus(Duration.ofMinutes(6));

    byte[] form = Senders.fixture(Provider.SLACK);
    rejected(
        401,
        "slack",
        "stale",
        () -> hook(slack, Senders.signed(Provider.SLACK, slackSecret, form, sixMinutesAgo), form));
    byte[] json = Senders.fixture(Provider.STANDARD_WEBHOOKS);
    rejected(
        401,
        "standard-webhooks",
        "stale",
        () ->
            hook(
                standard,
                Senders.signed(Provider.STANDARD_WEBHOOKS, standardSecret, json, sixMinutesAgo),
                json));
  }

  @Test
  void signedBodiesThatAreNotOneWellFormedJsonObjectAre400() {
    for (String bad :
        new String[] {"{\"action\":", "[1,2]", "\"text\"", "{} {}", "", "{\"a\":\"\\ud800\" x}"}) {
      rejected(400, "github", "malformed", () -> signed(github, utf8(bad), Map.of()));
    }
    byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    rejected(400, "github", "malformed", () -> signed(github, invalidUtf8, Map.of()));
  }

  @Test
  void jsonNestedDeeperThanTheLimitIs400() {
    String deep = "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}";
    String fine = "{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}";

    rejected(400, "github", "too_deep", () -> signed(github, utf8(deep), Map.of()));
    assertThat(signed(github, utf8(fine), Map.of()).status()).isEqualTo(202);
  }

  @Test
  void anEventTheIntegrationDoesNotAcceptIs422ButPingIsAlwaysAccepted() {
    JsonNode problem =
        rejected(
            422,
            "github",
            "event_not_accepted",
            () -> signed(github, issue, Map.of("X-GitHub-Event", "push")));
    assertThat(problem.get("detail").asString()).contains("push").contains("issues");

    byte[] ping = VendorFixtures.bytes("github/ping.json");
    Api.Response answer = signed(github, ping, Map.of("X-GitHub-Event", "ping"));
    assertThat(answer.status()).as("%s", answer).isEqualTo(202);
  }

  /** Asserts the refusal, that nothing was stored and that it was counted; returns the problem. */
  private JsonNode rejected(
      int status, String provider, String reason, Supplier<Api.Response> request) {
    double before = received(provider, "rejected", reason);
    long rows = inboxRows();
    JsonNode problem = assertProblem(request.get(), status);
    assertThat(problem.get("reason").asString()).isEqualTo(reason);
    assertThat(inboxRows()).isEqualTo(rows);
    assertThat(received(provider, "rejected", reason)).isEqualTo(before + 1);
    return problem;
  }

  /** The body signed with the secret, with some headers replaced. */
  private Api.Response signed(String id, byte[] body, Map<String, String> replaced) {
    Map<String, String> headers =
        new LinkedHashMap<>(Senders.signed(Provider.GITHUB, SECRET, body, clock.instant()));
    headers.putAll(replaced);
    return hook(id, headers, body);
  }

  /** The body signed and sent without a declared length. */
  private Api.Response chunked(String id, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/" + id))
            .version(HttpClient.Version.HTTP_1_1)
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofByteArray(body)));
    Senders.signed(Provider.GITHUB, SECRET, body, clock.instant()).forEach(request::header);
    try (HttpClient http = HttpClient.newHttpClient()) {
      return new Api.Response(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
