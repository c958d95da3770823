package dev.baton.ingest;

import dev.baton.platform.BatonException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/**
 * GitLab sends the secret itself in {@code X-Gitlab-Token}; nothing is signed. The delivery id is
 * {@code Idempotency-Key}, which GitLab keeps across retries, else {@code X-Gitlab-Event-UUID}
 * (older GitLab, which sends no idempotency key).
 */
@NullMarked
final class GitLabVerifier implements WebhookVerifier {

  static final String TOKEN = "X-Gitlab-Token";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String EVENT_UUID = "X-Gitlab-Event-UUID";
  static final String EVENT = "X-Gitlab-Event";

  @Override
  public Verified verify(
      WebhookHeaders headers, byte[] rawBody, List<String> secrets, Instant now) {
    String token = headers.required(TOKEN);
    String deliveryId = deliveryId(headers);
    if (!Verifiers.anySecretEquals(secrets, token)) {
      throw new SignatureRejected(TOKEN + " does not match any active secret");
    }
    return new Verified(deliveryId, headers.first(EVENT));
  }

  private static String deliveryId(WebhookHeaders headers) {
    for (String name : List.of(IDEMPOTENCY_KEY, EVENT_UUID)) {
      String value = headers.first(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    throw new BatonException.BadRequest(
        "missing required header " + IDEMPOTENCY_KEY + " or " + EVENT_UUID);
  }
}
