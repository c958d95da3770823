package dev.baton.ingest;

import static dev.baton.ingest.TestRequests.headers;
import static dev.baton.ingest.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardWebhooksVerifierTest extends WebhookVerifierContract {

  static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";

  @Override
  WebhookVerifier verifier() {
    return Verifiers.forProvider(Provider.STANDARD_WEBHOOKS);
  }

  @Override
  String oldSecret() {
    return "whsec_" + Base64.getEncoder().encodeToString(utf8("an old 32-byte key for tests...!"));
  }

  @Override
  String newSecret() {
    return "whsec_" + Base64.getEncoder().encodeToString(utf8("a new 32-byte key for tests....!"));
  }

  @Override
  byte[] body() {
    return utf8("{\"type\":\"invoice.paid\",\"data\":{\"id\":\"inv_1\",\"name\":\"Zoë\"}}");
  }

  @Override
  Map<String, List<String>> headersSignedWith(String secret, byte[] body) {
    return signed(secret, ID, NOW, body);
  }

  // signed here per the spec, not with the library the verifier uses
  static Map<String, List<String>> signed(String secret, String id, Instant at, byte[] body) {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    String timestamp = Long.toString(at.getEpochSecond());
    byte[] mac = TestRequests.hmac(key, utf8(id + "." + timestamp + "."), body);
    return headers(
        "webhook-id", id,
        "webhook-timestamp", timestamp,
        "webhook-signature", "v1," + Base64.getEncoder().encodeToString(mac));
  }

  @Override
  List<String> requiredHeaders() {
    return List.of("webhook-id", "webhook-timestamp", "webhook-signature");
  }

  @Override
  List<Map.Entry<String, String>> malformedHeaders() {
    return List.of(
        Map.entry("webhook-signature", "v1a,c2lnbmF0dXJl"),
        Map.entry("webhook-signature", "v1,not*base64"),
        Map.entry("webhook-signature", "signature-without-version"),
        Map.entry("webhook-timestamp", "2023-11-14T22:13:20Z"),
        Map.entry("webhook-timestamp", "+1700000000"));
  }

  @Test
  void acceptsTheReferenceLibrarysOwnTestVector() {
    // standard-webhooks/standard-webhooks libraries/java WebhookTest.verifyWebhookSignWorks
    var headers =
        headers(
            "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "webhook-timestamp", "1614265330",
            "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

    var verified =
        verifier()
            .verify(
                WebhookHeaders.of(headers),
                utf8("{\"test\": 2432232314}"),
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                Instant.ofEpochSecond(1614265330));

    assertThat(verified)
        .isEqualTo(new WebhookVerifier.Verified("msg_p5jXN8AQM9LWM0D4loKWxJek", null));
  }

  @Test
  void acceptsAValidValueAmongSeveralVersions() {
    var headers = headersSignedWith(newSecret(), body());
    String valid = java.util.Objects.requireNonNull(headers.get("webhook-signature")).getFirst();
    headers.put(
        "webhook-signature",
        List.of("v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc " + valid));

    assertThat(verify(headers, body(), newSecret()).deliveryId()).isEqualTo(ID);
  }

  @ParameterizedTest(name = "signed {0}s from now")
  @CsvSource({"-301", "301", "-86400"})
  void refusesATimestampMoreThanFiveMinutesAwayEitherWay(long offsetSeconds) {
    var headers = signed(newSecret(), ID, NOW.plusSeconds(offsetSeconds), body());

    assertThatThrownBy(() -> verify(headers, body(), newSecret()))
        .isInstanceOf(StaleTimestamp.class)
        .hasMessageContaining("webhook-timestamp");
  }

  @ParameterizedTest(name = "signed {0}s from now")
  @CsvSource({"-300", "300"})
  void acceptsATimestampWithinFiveMinutes(long offsetSeconds) {
    var headers = signed(newSecret(), ID, NOW.plusSeconds(offsetSeconds), body());

    assertThat(verify(headers, body(), newSecret())).isNotNull();
  }

  @Test
  void genericSendersUseTheSameScheme() {
    var verified =
        Verifiers.forProvider(Provider.GENERIC)
            .verify(
                WebhookHeaders.of(headersSignedWith(newSecret(), body())),
                body(),
                List.of(newSecret()),
                NOW);

    assertThat(verified.deliveryId()).isEqualTo(ID);
  }

  @Test
  void aBodyThatIsNotUtf8IsABadRequest() {
    byte[] body = {'{', (byte) 0xC3, (byte) 0x28, '}'};

    assertThatThrownBy(() -> verify(headersSignedWith(newSecret(), body), body, newSecret()))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void aSecretThatIsNotAKeyIsAConfigurationFaultThatDoesNotShowIt() {
    var headers = headersSignedWith(newSecret(), body());

    assertThatThrownBy(() -> verify(headers, body(), "whsec_not*base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret 1")
        .hasMessageNotContaining("not*base64");
  }
}
