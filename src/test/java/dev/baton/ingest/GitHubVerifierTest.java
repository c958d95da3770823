package dev.baton.ingest;

import static dev.baton.ingest.TestRequests.headers;
import static dev.baton.ingest.TestRequests.hmacHex;
import static dev.baton.ingest.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubVerifierTest extends WebhookVerifierContract {

  static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

  @Override
  WebhookVerifier verifier() {
    return Verifiers.forProvider(Provider.GITHUB);
  }

  @Override
  String oldSecret() {
    return "github-old-secret";
  }

  @Override
  String newSecret() {
    return "github-new-secret";
  }

  @Override
  byte[] body() {
    return utf8("{\"action\":\"opened\",\"issue\":{\"number\":1347}}");
  }

  @Override
  Map<String, List<String>> headersSignedWith(String secret, byte[] body) {
    return headers(
        "X-Hub-Signature-256",
        "sha256=" + hmacHex(secret, body),
        "X-GitHub-Delivery",
        DELIVERY,
        "X-GitHub-Event",
        "issues");
  }

  @Override
  List<String> requiredHeaders() {
    return List.of("X-Hub-Signature-256", "X-GitHub-Delivery");
  }

  @Override
  List<Map.Entry<String, String>> malformedHeaders() {
    return List.of(
        Map.entry("X-Hub-Signature-256", "sha1=757107ea0eb2509fc211221cce984b8a37570b6d"),
        Map.entry("X-Hub-Signature-256", "sha256=not-hex"),
        Map.entry("X-Hub-Signature-256", "sha256=757107ea"),
        Map.entry(
            "X-Hub-Signature-256",
            "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
  }

  @Test
  void acceptsGitHubsPublishedTestVector() {
    // docs.github.com, "Validating webhook deliveries", "Testing the webhook payload validation"
    var headers =
        headers(
            "X-Hub-Signature-256",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "X-GitHub-Delivery",
            DELIVERY);

    var verified = verify(headers, utf8("Hello, World!"), "It's a Secret to Everybody");

    assertThat(verified.deliveryId()).isEqualTo(DELIVERY);
  }

  @Test
  void namesTheDeliveryAndEventOfARealPayload() {
    byte[] body = VendorFixtures.bytes("github/issues.opened.json");

    var verified = verify(headersSignedWith(newSecret(), body), body, newSecret());

    assertThat(verified).isEqualTo(new WebhookVerifier.Verified(DELIVERY, "issues"));
  }

  @Test
  void leavesTheEventUnknownWhenGitHubDoesNotNameIt() {
    var headers = headersSignedWith(newSecret(), body());
    headers.remove("X-GitHub-Event");

    assertThat(verify(headers, body(), newSecret()).eventType()).isNull();
  }
}
