package dev.baton.ingest;

import static dev.baton.ingest.TestRequests.headers;
import static dev.baton.ingest.TestRequests.hmacHex;
import static dev.baton.ingest.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JiraVerifierTest extends WebhookVerifierContract {

  static final String DELIVERY = "a0b1c2d3-1234-5678-9abc-def012345678";

  @Override
  WebhookVerifier verifier() {
    return Verifiers.forProvider(Provider.JIRA);
  }

  @Override
  String oldSecret() {
    return "jira-old-secret";
  }

  @Override
  String newSecret() {
    return "jira-new-secret";
  }

  @Override
  byte[] body() {
    return utf8("{\"webhookEvent\":\"jira:issue_created\",\"issue\":{\"key\":\"PROJ-1\"}}");
  }

  @Override
  Map<String, List<String>> headersSignedWith(String secret, byte[] body) {
    return headers(
        "X-Hub-Signature",
        "sha256=" + hmacHex(secret, body),
        "X-Atlassian-Webhook-Identifier",
        DELIVERY);
  }

  @Override
  List<String> requiredHeaders() {
    return List.of("X-Hub-Signature", "X-Atlassian-Webhook-Identifier");
  }

  @Override
  List<Map.Entry<String, String>> malformedHeaders() {
    return List.of(
        Map.entry("X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567"),
        Map.entry("X-Hub-Signature", "sha256=zz"),
        Map.entry("X-Hub-Signature", "method=sha256"));
  }

  @Test
  void namesTheDeliveryOfARealPayloadAndLeavesTheEventToTheParser() {
    byte[] body = VendorFixtures.bytes("jira/jira_issue_created.json");

    var verified = verify(headersSignedWith(newSecret(), body), body, newSecret());

    assertThat(verified).isEqualTo(new WebhookVerifier.Verified(DELIVERY, null));
  }

  @Test
  void refusesAGitHubStyleSignatureHeaderInPlaceOfJiras() {
    var headers = headersSignedWith(newSecret(), body());
    headers.put("X-Hub-Signature-256", headers.remove("X-Hub-Signature"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> verify(headers, body(), newSecret()))
        .isInstanceOf(dev.baton.platform.BatonException.BadRequest.class)
        .hasMessageContaining("X-Hub-Signature");
  }
}
