package dev.baton.ingest;

import static dev.baton.ingest.TestRequests.headers;
import static dev.baton.ingest.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerVerifierTest extends WebhookVerifierContract {

  @Override
  WebhookVerifier verifier() {
    return Verifiers.forProvider(Provider.ALERTMANAGER);
  }

  @Override
  String oldSecret() {
    return "alertmanager-old-token";
  }

  @Override
  String newSecret() {
    return "alertmanager-new-token";
  }

  @Override
  boolean signsBody() {
    return false;
  }

  @Override
  byte[] body() {
    return notification("firing", alert("fp1", "2024-01-01T00:00:00Z", "firing"));
  }

  @Override
  Map<String, List<String>> headersSignedWith(String secret, byte[] body) {
    return headers("Authorization", "Bearer " + secret);
  }

  @Override
  List<String> requiredHeaders() {
    return List.of("Authorization");
  }

  @Override
  List<Map.Entry<String, String>> malformedHeaders() {
    return List.of(
        Map.entry("Authorization", "Digest username=\"a\""),
        Map.entry("Authorization", "Basic %%%"),
        Map.entry("Authorization", "Bearer"),
        Map.entry("Authorization", "token-without-scheme"));
  }

  @Test
  void acceptsBasicAuthWhenTheSecretIsUserColonPassword() {
    String basic = Base64.getEncoder().encodeToString(utf8("alertmanager:s3cret"));

    var verified =
        verify(headers("Authorization", "Basic " + basic), body(), "alertmanager:s3cret");

    assertThat(verified.eventType()).isEqualTo("firing");
  }

  @Test
  void refusesBasicAuthWithTheWrongPassword() {
    String basic = Base64.getEncoder().encodeToString(utf8("alertmanager:guess"));

    assertThatThrownBy(
            () -> verify(headers("Authorization", "Basic " + basic), body(), "alertmanager:s3cret"))
        .isExactlyInstanceOf(SignatureRejected.class);
  }

  @Test
  void derivesTheDeliveryIdOfARealNotification() {
    byte[] body = VendorFixtures.bytes("alertmanager/webhook.firing.two_alerts.json");

    var verified = verify(headersSignedWith(newSecret(), body), body, newSecret());

    // SHA-256 of the length-prefixed text, computed outside Java:
    // 8:{}/{}:{};6:firing;16:a1bc48475b20e73d;30:2020-02-06T00:17:58.432911368Z;6:firing;
    // 16:c2ea85182f28cbd9;30:2020-02-06T00:17:58.432911368Z;6:firing;
    assertThat(verified)
        .isEqualTo(
            new WebhookVerifier.Verified(
                "0e019e00b208d62e024f9526725f2539a351c15b39fe0ff6fbfbb0d61fa523ce", "firing"));
  }

  @Test
  void derivesADeliveryIdForOlderAlertmanagerWithoutFingerprintsOrGroupKey() {
    byte[] single = VendorFixtures.bytes("alertmanager/webhook.firing.single_alert.json");
    byte[] demo = VendorFixtures.bytes("alertmanager/webhook.firing.demo.json");

    var first = verify(headersSignedWith(newSecret(), single), single, newSecret());
    var second = verify(headersSignedWith(newSecret(), demo), demo, newSecret());

    assertThat(first.deliveryId()).hasSize(64).isNotEqualTo(second.deliveryId());
  }

  @Test
  void theDeliveryIdDoesNotDependOnTheOrderOfAlerts() {
    var a = alert("fpA", "2024-01-01T00:00:00Z", "firing");
    var b = alert("fpB", "2024-01-01T00:01:00Z", "firing");

    assertThat(idOf(notification("firing", a, b))).isEqualTo(idOf(notification("firing", b, a)));
  }

  @Test
  void theDeliveryIdChangesWhenAnyPartOfTheNotificationDoes() {
    var a = alert("fpA", "2024-01-01T00:00:00Z", "firing");
    var b = alert("fpB", "2024-01-01T00:01:00Z", "firing");
    String both = idOf(notification("firing", a, b));

    assertThat(
            List.of(
                idOf(notification("resolved", a, b)),
                idOf(notification("firing", a)),
                idOf(notification("firing", a, alert("fpC", "2024-01-01T00:01:00Z", "firing"))),
                idOf(notification("firing", a, alert("fpB", "2024-01-01T00:02:00Z", "firing"))),
                // one alert resolved while the group still fires must not look like a duplicate
                idOf(notification("firing", a, alert("fpB", "2024-01-01T00:01:00Z", "resolved")))))
        .doesNotContain(both)
        .doesNotHaveDuplicates();
  }

  @Test
  void aBodyThatIsNotANotificationIsABadRequest() {
    byte[] body = utf8("{\"hello\":\"world\"}");

    assertThatThrownBy(() -> verify(headersSignedWith(newSecret(), body), body, newSecret()))
        .isInstanceOf(BatonException.BadRequest.class);
  }

  private String idOf(byte[] body) {
    return verify(headersSignedWith(newSecret(), body), body, newSecret()).deliveryId();
  }

  private static String alert(String fingerprint, String startsAt, String status) {
    return "{\"status\":\"%s\",\"labels\":{\"alertname\":\"Test\"},\"startsAt\":\"%s\",\"fingerprint\":\"%s\"}"
        .formatted(status, startsAt, fingerprint);
  }

  private static byte[] notification(String status, String... alerts) {
    return utf8(
        "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"Test\\\"}\",\"status\":\"%s\",\"alerts\":[%s]}"
            .formatted(status, String.join(",", alerts)));
  }
}
