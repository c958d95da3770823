package dev.baton.ingest;

import static dev.baton.ingest.TestRequests.headers;
import static dev.baton.ingest.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitLabVerifierTest extends WebhookVerifierContract {

  static final String IDEMPOTENCY_KEY = "f7f3c4a1-9b1e-4a0e-8f55-2f0b2f6f1a11";
  static final String EVENT_UUID = "3b5bd3f5-5a64-4d2e-9c3c-3c0c4f1d2e77";

  @Override
  WebhookVerifier verifier() {
    return Verifiers.forProvider(Provider.GITLAB);
  }

  @Override
  String oldSecret() {
    return "gitlab-old-token";
  }

  @Override
  String newSecret() {
    return "gitlab-new-token";
  }

  @Override
  byte[] body() {
    return utf8("{\"object_kind\":\"issue\"}");
  }

  @Override
  boolean signsBody() {
    return false;
  }

  @Override
  Map<String, List<String>> headersSignedWith(String secret, byte[] body) {
    return headers(
        "X-Gitlab-Token", secret,
        "Idempotency-Key", IDEMPOTENCY_KEY,
        "X-Gitlab-Event-UUID", EVENT_UUID,
        "X-Gitlab-Event", "Issue Hook");
  }

  @Override
  List<String> requiredHeaders() {
    return List.of("X-Gitlab-Token");
  }

  @Override
  List<Map.Entry<String, String>> malformedHeaders() {
    return List.of(Map.entry("X-Gitlab-Token", "  "));
  }

  @Test
  void prefersTheIdempotencyKeyBecauseItSurvivesRetries() {
    byte[] body = VendorFixtures.bytes("gitlab/issue_hook.json");

    var verified = verify(headersSignedWith(newSecret(), body), body, newSecret());

    assertThat(verified).isEqualTo(new WebhookVerifier.Verified(IDEMPOTENCY_KEY, "Issue Hook"));
  }

  @Test
  void fallsBackToTheEventUuidFromOlderGitLab() {
    var headers = headersSignedWith(newSecret(), body());
    headers.remove("Idempotency-Key");

    assertThat(verify(headers, body(), newSecret()).deliveryId()).isEqualTo(EVENT_UUID);
  }

  @Test
  void withNeitherDeliveryHeaderIsABadRequestNamingBoth() {
    var headers = headersSignedWith(newSecret(), body());
    headers.remove("Idempotency-Key");
    headers.remove("X-Gitlab-Event-UUID");

    assertThatThrownBy(() -> verify(headers, body(), newSecret()))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessageContaining("Idempotency-Key")
        .hasMessageContaining("X-Gitlab-Event-UUID");
  }

  @Test
  void refusesATokenThatIsOnlyAPrefixOfTheSecret() {
    var headers = headersSignedWith(newSecret().substring(0, 6), body());

    assertThatThrownBy(() -> verify(headers, body(), newSecret()))
        .isExactlyInstanceOf(SignatureRejected.class);
  }
}
