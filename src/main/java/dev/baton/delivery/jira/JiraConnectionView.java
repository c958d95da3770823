package dev.baton.delivery.jira;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A connection as the API shows it: never its credentials, only fingerprints of OAuth secrets.
 *
 * @param authState {@code ok}, or {@code reauthorize} once the token endpoint refused the refresh
 *     token: authorize Baton again and save the new tokens
 * @param authError what the token endpoint said when it refused the refresh token
 */
record JiraConnectionView(
    UUID integrationId,
    String baseUrl,
    AuthView auth,
    String authState,
    @Nullable String authError,
    List<JiraConnection.OwnedField> fields,
    String mode,
    @Nullable String accountId,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * @param kind {@code basic}, {@code bearer} or {@code oauth}
   * @param email the account of a Basic credential
   * @param credentialSet whether a token is stored (its value is write-only); for {@code oauth},
   *     whether an access token is held
   * @param clientId the OAuth client ({@code oauth})
   * @param clientSecretFingerprint the first 4 bytes of the client secret's SHA-256, hex
   * @param refreshTokenFingerprint the same for the current refresh token (it changes on every
   *     refresh: Atlassian rotates refresh tokens)
   * @param tokenUrl the token endpoint
   * @param accessTokenExpiresAt when the current access token expires
   */
  record AuthView(
      String kind,
      @Nullable String email,
      boolean credentialSet,
      @Nullable String clientId,
      @Nullable String clientSecretFingerprint,
      @Nullable String refreshTokenFingerprint,
      @Nullable String tokenUrl,
      @Nullable Instant accessTokenExpiresAt) {}

  static JiraConnectionView of(JiraConnection c) {
    JiraConnection.OAuth o = c.oauth();
    AuthView auth =
        o == null
            ? new AuthView(c.authKind().wireName(), c.email(), true, null, null, null, null, null)
            : new AuthView(
                c.authKind().wireName(),
                null,
                c.credential() != null,
                o.clientId(),
                o.clientSecretFingerprint(),
                o.refreshTokenFingerprint(),
                o.tokenUrl().toString(),
                o.expiresAt());
    return new JiraConnectionView(
        c.integrationId(),
        c.baseUrl().toString(),
        auth,
        c.authState().wireName(),
        c.authError(),
        c.fields(),
        c.mode().wireName(),
        c.accountId(),
        c.version(),
        c.createdAt(),
        c.updatedAt());
  }
}
