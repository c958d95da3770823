package dev.baton.delivery.jira;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How Baton writes back to the Jira site of one Jira integration.
 *
 * @param baseUrl the site, e.g. {@code https://acme.atlassian.net}, without a trailing slash
 * @param email the Atlassian account of the API token ({@link AuthKind#BASIC}); null for bearer
 * @param credential the API token or OAuth access token, sealed for {@code
 *     <tenant>/jira/<integration id>}; null for {@link AuthKind#OAUTH} before the first refresh
 * @param fields the custom fields Baton owns on the issue and how it fills them
 * @param accountId Baton's own Jira accountId, so changes Baton made can be told from people's
 * @param oauth the client and refresh token of an {@link AuthKind#OAUTH} connection, else null
 * @param authState {@code reauthorize} once the token endpoint refused the refresh token
 * @param authError what the token endpoint said when it refused it
 */
record JiraConnection(
    String tenantId,
    UUID integrationId,
    URI baseUrl,
    AuthKind authKind,
    @Nullable String email,
    byte @Nullable [] credential,
    List<OwnedField> fields,
    Mode mode,
    @Nullable String accountId,
    @Nullable OAuth oauth,
    AuthState authState,
    @Nullable String authError,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * Basic (email and API token), bearer (an OAuth 2.0 access token used as given) or oauth (OAuth
   * 2.0 3LO: the access token is refreshed with the client and the refresh token).
   */
  enum AuthKind {
    BASIC,
    BEARER,
    OAUTH;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether the credentials still work: {@code reauthorize} after a refused refresh token. */
  enum AuthState {
    OK,
    REAUTHORIZE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The OAuth 2.0 (3LO) client of a connection and its refresh token; the access token is {@code
   * credential}.
   *
   * @param clientSecret sealed for {@code <tenant>/jira/<integration id>/client-secret}
   * @param clientSecretFingerprint the first 4 bytes of its SHA-256, hex
   * @param refreshToken sealed for {@code <tenant>/jira/<integration id>/refresh-token}; Atlassian
   *     rotates it on every refresh
   * @param tokenUrl the token endpoint, {@code https://auth.atlassian.com/oauth/token} by default
   * @param expiresAt when the access token expires; null when there is none
   */
  record OAuth(
      String clientId,
      byte[] clientSecret,
      String clientSecretFingerprint,
      byte[] refreshToken,
      String refreshTokenFingerprint,
      URI tokenUrl,
      @Nullable Instant expiresAt) {}

  /** Rollout: {@code off} plans nothing, {@code shadow} records skipped deliveries, {@code on}. */
  enum Mode {
    OFF,
    SHADOW,
    ON;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static @Nullable Mode parse(String text) {
      for (Mode m : values()) {
        if (m.wireName().equals(text)) {
          return m;
        }
      }
      return null;
    }
  }

  /**
   * A custom field Baton owns.
   *
   * @param id the field id, {@code customfield_<n>}
   * @param value a template: literal text with {@code {state}}, {@code {owner}}, {@code {rule}},
   *     {@code {policyVersion}} or {@code {action}} filled from the event
   * @param type {@code text} sends the string, {@code option} sends {@code {"value": string}} (a
   *     select list)
   */
  record OwnedField(String id, String value, String type) {}

  static String secretContext(String tenantId, UUID integrationId) {
    return tenantId + "/jira/" + integrationId;
  }

  static String clientSecretContext(String tenantId, UUID integrationId) {
    return secretContext(tenantId, integrationId) + "/client-secret";
  }

  static String refreshTokenContext(String tenantId, UUID integrationId) {
    return secretContext(tenantId, integrationId) + "/refresh-token";
  }

  /** A secret's fingerprint as the API shows it: the first 4 bytes of its SHA-256, hex. */
  static String fingerprint(String secret) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
