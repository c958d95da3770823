package dev.baton.ingest;

import static dev.baton.ingest.TestRequests.headers;
import static dev.baton.ingest.TestRequests.hmacHex;
import static dev.baton.ingest.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagerDutyVerifierTest extends WebhookVerifierContract {

  static final String DELIVERY = "01BZYIL05THJDFF2Y08X9SVMTU";

  @Override
  WebhookVerifier verifier() {
    return Verifiers.forProvider(Provider.PAGERDUTY);
  }

  @Override
  String oldSecret() {
    return "pagerduty-old-secret";
  }

  @Override
  String newSecret() {
    return "pagerduty-new-secret";
  }

  @Override
  byte[] body() {
    return utf8("{\"event\":{\"event_type\":\"incident.triggered\"}}");
  }

  @Override
  Map<String, List<String>> headersSignedWith(String secret, byte[] body) {
    return headers(
        "X-PagerDuty-Signature", "v1=" + hmacHex(secret, body), "X-Webhook-Id", DELIVERY);
  }

  @Override
  List<String> requiredHeaders() {
    return List.of("X-PagerDuty-Signature", "X-Webhook-Id");
  }

  @Override
  List<Map.Entry<String, String>> malformedHeaders() {
    return List.of(
        Map.entry("X-PagerDuty-Signature", "v2=" + "a".repeat(64)),
        Map.entry("X-PagerDuty-Signature", "v1=nothex"),
        Map.entry("X-PagerDuty-Signature", "sha256=" + "a".repeat(64)));
  }

  @Test
  void acceptsWhenAnyOfSeveralValuesMatches() {
    // PagerDuty signs with each of its own secrets during its rotation, comma-separated
    String header =
        "v1="
            + hmacHex("someone-else", body())
            + ", v1="
            + hmacHex(newSecret(), body())
            + ",v2=future-scheme";

    var verified =
        verify(
            headers("X-PagerDuty-Signature", header, "X-Webhook-Id", DELIVERY),
            body(),
            newSecret());

    assertThat(verified.deliveryId()).isEqualTo(DELIVERY);
  }

  @Test
  void readsTheEventTypeOfARealPayload() {
    byte[] body = VendorFixtures.bytes("pagerduty/incident.triggered.json");

    var verified = verify(headersSignedWith(newSecret(), body), body, newSecret());

    assertThat(verified).isEqualTo(new WebhookVerifier.Verified(DELIVERY, "incident.triggered"));
  }

  @Test
  void leavesTheEventTypeUnknownForABodyThatIsNotJson() {
    byte[] body = utf8("not json");

    var verified = verify(headersSignedWith(newSecret(), body), body, newSecret());

    assertThat(verified.eventType()).isNull();
  }
}
