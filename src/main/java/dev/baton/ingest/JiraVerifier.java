package dev.baton.ingest;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/**
 * Jira Cloud admin webhooks saved with a secret: {@code X-Hub-Signature: sha256=<hex
 * HMAC-SHA256(secret, raw body)>} (the WebSub form). The event name is only in the body ({@code
 * webhookEvent}), so the payload parser reads it.
 */
@NullMarked
final class JiraVerifier implements WebhookVerifier {

  static final String SIGNATURE = "X-Hub-Signature";
  static final String DELIVERY = "X-Atlassian-Webhook-Identifier";

  @Override
  public Verified verify(
      WebhookHeaders headers, byte[] rawBody, List<String> secrets, Instant now) {
    String header = headers.required(SIGNATURE);
    String deliveryId = headers.required(DELIVERY);
    byte[] received =
        Verifiers.hexDigest(SIGNATURE, Verifiers.afterPrefix(SIGNATURE, header, "sha256="));
    if (!Verifiers.anySecretSigns(secrets, List.of(received), rawBody)) {
      throw new SignatureRejected(SIGNATURE + " does not match any active secret");
    }
    return new Verified(deliveryId, null);
  }
}
