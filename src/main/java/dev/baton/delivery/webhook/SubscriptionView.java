package dev.baton.delivery.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A subscription as the API shows it: secrets only by number, time added and fingerprint.
 *
 * @param disabledReason why Baton disabled it (410 Gone, prolonged failure); null otherwise
 * @param secrets the active signing secrets, oldest first (one or two)
 * @param lastSuccessAt the last delivery the receiver accepted
 * @param failingSince the first failed attempt since the last success
 * @param secret a secret Baton drew, in clear: only in the answer that drew it, never again
 */
public record SubscriptionView(
    UUID id,
    String name,
    String url,
    List<String> events,
    boolean enabled,
    @Nullable String disabledReason,
    @Nullable String description,
    List<SecretInfo> secrets,
    @Nullable Instant lastSuccessAt,
    @Nullable Instant failingSince,
    Instant createdAt,
    Instant updatedAt,
    @Nullable String secret) {

  /**
   * What may be shown of a secret.
   *
   * @param index its number within the subscription, kept for good (retire it by this number)
   * @param fingerprint the first 8 hex digits of the SHA-256 of the secret
   */
  public record SecretInfo(int index, Instant addedAt, String fingerprint) {}

  SubscriptionView withSecret(@Nullable String drawn) {
    return new SubscriptionView(
        id,
        name,
        url,
        events,
        enabled,
        disabledReason,
        description,
        secrets,
        lastSuccessAt,
        failingSince,
        createdAt,
        updatedAt,
        drawn);
  }
}
