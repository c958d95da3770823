package dev.baton.ingest;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/**
 * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>}. The delivery id
 * {@code X-GitHub-Delivery} stays the same when a delivery is redelivered.
 */
@NullMarked
final class GitHubVerifier implements WebhookVerifier {

  static final String SIGNATURE = "X-Hub-Signature-256";
  static final String DELIVERY = "X-GitHub-Delivery";
  static final String EVENT = "X-GitHub-Event";

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
    return new Verified(deliveryId, headers.first(EVENT));
  }
}
