package dev.baton.ingest;

import static dev.baton.ingest.TestRequests.headers;
import static dev.baton.ingest.TestRequests.hmacHex;
import static dev.baton.ingest.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackVerifierTest extends WebhookVerifierContract {

  static final String FORM = "application/x-www-form-urlencoded";
  static final String JSON = "application/json";

  @Override
  WebhookVerifier verifier() {
    return Verifiers.forProvider(Provider.SLACK);
  }

  @Override
  String oldSecret() {
    return "slack-old-signing-secret";
  }

  @Override
  String newSecret() {
    return "slack-new-signing-secret";
  }

  @Override
  byte[] body() {
    return utf8("{\"type\":\"event_callback\",\"event_id\":\"Ev0PV52K21\",\"event\":{}}");
  }

  @Override
  Map<String, List<String>> headersSignedWith(String secret, byte[] body) {
    return signed(secret, body, NOW, JSON);
  }

  static Map<String, List<String>> signed(
      String secret, byte[] body, Instant at, String contentType) {
    String timestamp = Long.toString(at.getEpochSecond());
    return headers(
        "X-Slack-Request-Timestamp", timestamp,
        "X-Slack-Signature", "v0=" + hmacHex(secret, utf8("v0:" + timestamp + ":"), body),
        "Content-Type", contentType);
  }

  @Override
  List<String> requiredHeaders() {
    return List.of("X-Slack-Signature", "X-Slack-Request-Timestamp");
  }

  @Override
  List<Map.Entry<String, String>> malformedHeaders() {
    return List.of(
        Map.entry("X-Slack-Signature", "v1=" + "0".repeat(64)),
        Map.entry("X-Slack-Signature", "v0=abc"),
        Map.entry("X-Slack-Request-Timestamp", "yesterday"),
        Map.entry("X-Slack-Request-Timestamp", "-1700000000"),
        Map.entry("X-Slack-Request-Timestamp", "1700000000.5"));
  }

  @Test
  void acceptsSlacksPublishedSigningExample() {
    // api.slack.com "Verifying requests from Slack"; also slackapi/java-slack-sdk
    // SlackSignatureTest
    String body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    var headers =
        headers(
            "X-Slack-Request-Timestamp", "1531420618",
            "X-Slack-Signature",
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
            "Content-Type", FORM);

    var verified =
        verifier()
            .verify(
                WebhookHeaders.of(headers),
                utf8(body),
                List.of("8f742231b10e8888abcd99yyyzzz85a5"),
                Instant.ofEpochSecond(1531420618 + 10));

    assertThat(verified)
        .isEqualTo(
            new WebhookVerifier.Verified(
                "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c", "slash_command"));
  }

  @ParameterizedTest(name = "signed {0}s from now")
  @CsvSource({"-301", "301", "-3600", "86400"})
  void refusesATimestampMoreThanFiveMinutesAwayEitherWay(long offsetSeconds) {
    var headers = signed(newSecret(), body(), NOW.plusSeconds(offsetSeconds), JSON);

    assertThatThrownBy(() -> verify(headers, body(), newSecret()))
        .isInstanceOf(StaleTimestamp.class)
        .hasMessageContaining("X-Slack-Request-Timestamp");
  }

  @ParameterizedTest(name = "signed {0}s from now")
  @CsvSource({"-300", "300", "0"})
  void acceptsATimestampWithinFiveMinutes(long offsetSeconds) {
    var headers = signed(newSecret(), body(), NOW.plusSeconds(offsetSeconds), JSON);

    assertThat(verify(headers, body(), newSecret())).isNotNull();
  }

  @Test
  void reportsAForgedOldRequestAsAForgeryNotAsStale() {
    var headers = signed(oldSecret(), body(), NOW.minusSeconds(3600), JSON);

    assertThatThrownBy(() -> verify(headers, body(), newSecret()))
        .isExactlyInstanceOf(SignatureRejected.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "slack/url_verification.json, application/json,"
        + " url_verification:3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P, url_verification",
    "slack/event_callback.message.json, application/json, Ev079SP4TP1P, event_callback",
    "slack/slash_command.signing_example.form, application/x-www-form-urlencoded,"
        + " 398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c, slash_command",
    "slack/block_actions.static_select.form, application/x-www-form-urlencoded,"
        + " TCKT7TGQ6:UCJ0BJ4MP:1605820527.358327:select-fruit, block_actions",
    "slack/block_actions.button.form, application/x-www-form-urlencoded,"
        + " T47563693:U045VRZFT:1584059959.813426:f8s, block_actions",
  })
  void readsTheDeliveryIdOfEachKindOfRealRequest(
      String fixture, String contentType, String deliveryId, String eventType) {
    byte[] body = VendorFixtures.bytes(fixture);

    var verified = verify(signed(newSecret(), body, NOW, contentType), body, newSecret());

    assertThat(verified).isEqualTo(new WebhookVerifier.Verified(deliveryId, eventType));
  }

  @Test
  void namesAModalSubmissionByItsViewState() {
    // shape per Slack's view_submission reference; no captured payload exists in the corpus
    byte[] body =
        form(
            "{\"type\":\"view_submission\",\"team\":{\"id\":\"T1\"},\"user\":{\"id\":\"U1\"},"
                + "\"trigger_id\":\"1.2.abc\",\"view\":{\"id\":\"V0PKB1ZFV\",\"hash\":\"1569362015.55b5e41b\"}}");

    var verified = verify(signed(newSecret(), body, NOW, FORM), body, newSecret());

    assertThat(verified)
        .isEqualTo(
            new WebhookVerifier.Verified("V0PKB1ZFV:1569362015.55b5e41b", "view_submission"));
  }

  @Test
  void namesAModalSubmissionWithoutViewHashByItsTrigger() {
    byte[] body =
        form("{\"type\":\"view_submission\",\"trigger_id\":\"1.2.abc\",\"view\":{\"id\":\"V1\"}}");

    var verified = verify(signed(newSecret(), body, NOW, FORM), body, newSecret());

    assertThat(verified.deliveryId()).isEqualTo("1.2.abc");
  }

  @Test
  void tellsTheFormatFromTheBodyWhenNoContentTypeIsSent() {
    byte[] body = utf8("command=%2Fbaton&text=mine&trigger_id=42.43.abc");
    var headers = signed(newSecret(), body, NOW, FORM);
    headers.remove("Content-Type");

    assertThat(verify(headers, body, newSecret()).deliveryId()).isEqualTo("42.43.abc");
  }

  @Test
  void anEventWithoutEventIdIsABadRequest() {
    byte[] body = utf8("{\"type\":\"event_callback\",\"event\":{}}");

    assertThatThrownBy(() -> verify(signed(newSecret(), body, NOW, JSON), body, newSecret()))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessageContaining("event_id");
  }

  private static byte[] form(String payloadJson) {
    return utf8("payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8));
  }
}
