package dev.baton.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An integration as the API shows it: everything but its secrets and bot token, of which only
 * metadata appears.
 *
 * @param url where the sender posts: the public base URL plus {@code /hooks/{id}}; null where no
 *     base URL is known (audit entries, configuration export)
 * @param events the event types it accepts; empty accepts every event
 * @param maxBodySize the largest body accepted, in bytes
 * @param mapping where a generic sender keeps each field (field to JSON Pointer); null uses the
 *     default mapping
 * @param hasBotToken whether a Slack bot token is stored (its value is never shown)
 * @param mode for Slack, the rollout of outgoing messages ({@code on}, {@code shadow}, {@code
 *     off}); null for other providers
 * @param secrets the active signing secrets, oldest first (one or two)
 */
public record IntegrationView(
    UUID id,
    @Nullable String url,
    String provider,
    String name,
    boolean enabled,
    List<String> events,
    long maxBodySize,
    @Nullable Map<String, String> mapping,
    boolean hasBotToken,
    @Nullable String mode,
    List<SecretInfo> secrets,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * What may be shown of a secret.
   *
   * @param index its number within the integration, kept for good (retire it by this number)
   * @param fingerprint the first 8 hex digits of the SHA-256 of the secret, to tell secrets apart
   */
  public record SecretInfo(int index, Instant addedAt, String fingerprint) {}

  /** This view with its hook URL under {@code baseUrl}. */
  public IntegrationView withBaseUrl(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return new IntegrationView(
        id,
        base + "/hooks/" + id,
        provider,
        name,
        enabled,
        events,
        maxBodySize,
        mapping,
        hasBotToken,
        mode,
        secrets,
        version,
        createdAt,
        updatedAt);
  }
}
