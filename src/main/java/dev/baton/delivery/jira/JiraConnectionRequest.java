package dev.baton.delivery.jira;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A connection as a caller writes it with {@code PUT /api/v1/integrations/{id}/jira-connection}.
 * {@code auth} is required to create and may be left out to keep the stored credentials.
 */
record JiraConnectionRequest(
    @Nullable String baseUrl,
    @Nullable Auth auth,
    @Nullable List<Field> fields,
    @Nullable String mode,
    @Nullable String accountId) {

  /**
   * Either {@code email} + {@code apiToken} (Basic), {@code bearer} (an OAuth 2.0 access token used
   * as given), or OAuth 2.0 (3LO) with refresh: {@code clientId}, {@code clientSecret}, {@code
   * refreshToken}, optionally the current {@code accessToken} with {@code accessTokenExpiresAt}
   * (ISO 8601) and a {@code tokenUrl} (default {@code https://auth.atlassian.com/oauth/token}).
   */
  record Auth(
      @Nullable String email,
      @Nullable String apiToken,
      @Nullable String bearer,
      @Nullable String clientId,
      @Nullable String clientSecret,
      @Nullable String refreshToken,
      @Nullable String accessToken,
      @Nullable String accessTokenExpiresAt,
      @Nullable String tokenUrl) {

    Auth(@Nullable String email, @Nullable String apiToken, @Nullable String bearer) {
      this(email, apiToken, bearer, null, null, null, null, null, null);
    }

    boolean oauth() {
      return present(clientId)
          || present(clientSecret)
          || present(refreshToken)
          || present(accessToken)
          || present(accessTokenExpiresAt)
          || present(tokenUrl);
    }

    private static boolean present(@Nullable String s) {
      return s != null && !s.isBlank();
    }
  }

  /** An owned custom field; {@code type} defaults to {@code text}. */
  record Field(@Nullable String id, @Nullable String value, @Nullable String type) {}
}
