package dev.baton.delivery.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.platform.BatonException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The checks of an OAuth 2.0 (3LO) connection request. */
class JiraOAuthChecksTest {

  private static JiraConnectionRequest request(JiraConnectionRequest.Auth auth) {
    return new JiraConnectionRequest("https://acme.atlassian.net", auth, null, "on", null);
  }

  private static JiraConnectionRequest.Auth oauth(
      @Nullable String clientId,
      @Nullable String clientSecret,
      @Nullable String refreshToken,
      @Nullable String accessToken,
      @Nullable String expiresAt,
      @Nullable String tokenUrl) {
    return new JiraConnectionRequest.Auth(
        null, null, null, clientId, clientSecret, refreshToken, accessToken, expiresAt, tokenUrl);
  }

  @Test
  void clientSecretAndRefreshTokenMakeAConnectionWithAtlassiansTokenUrl() {
    JiraConnectionChecks.Checked checked =
        JiraConnectionChecks.check(
            request(oauth("client", "secret", "refresh", null, null, null)), false, false);

    assertThat(checked.tokenUrl()).isEqualTo(URI.create("https://auth.atlassian.com/oauth/token"));
    assertThat(checked.accessTokenExpiresAt()).isNull();
    assertThat(checked.auth()).isNotNull().matches(JiraConnectionRequest.Auth::oauth);
  }

  @Test
  void theCurrentAccessTokenComesWithItsExpiry() {
    JiraConnectionChecks.Checked checked =
        JiraConnectionChecks.check(
            request(
                oauth(
                    "client",
                    "secret",
                    "refresh",
                    "access",
                    "2026-11-23T17:00:00Z",
                    "https://auth.example.com/oauth/token")),
            false,
            false);

    assertThat(checked.accessTokenExpiresAt()).isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
    assertThat(checked.tokenUrl()).isEqualTo(URI.create("https://auth.example.com/oauth/token"));
  }

  @Test
  void everyMissingOrBadPartIsNamed() {
    assertThat(
            fieldsOf(
                request(oauth(null, "", "refresh", "access", null, "ftp://auth.example.com/x"))))
        .contains(
            "auth.clientId", "auth.clientSecret", "auth.accessTokenExpiresAt", "auth.tokenUrl");
    assertThat(fieldsOf(request(oauth("c", "s", "r", null, "yesterday", null))))
        .contains("auth.accessTokenExpiresAt");
  }

  @Test
  void plainHttpTokenUrlsOnlyToLoopbackWhenAllowed() {
    JiraConnectionRequest loopback =
        request(oauth("c", "s", "r", null, null, "http://127.0.0.1:8080/oauth/token"));
    assertThat(fieldsOf(loopback)).contains("auth.tokenUrl");
    assertThat(JiraConnectionChecks.check(loopback, false, true).tokenUrl())
        .isEqualTo(URI.create("http://127.0.0.1:8080/oauth/token"));
    assertThat(fieldsOf(request(oauth("c", "s", "r", null, null, "http://auth.example.com/token"))))
        .contains("auth.tokenUrl");
  }

  @Test
  void oauthCannotBeMixedWithOtherCredentials() {
    JiraConnectionRequest mixed =
        request(
            new JiraConnectionRequest.Auth(
                "a@b.c", "token", null, "client", "secret", "refresh", null, null, null));
    assertThat(fieldsOf(mixed)).containsExactly("auth");
  }

  private static List<String> fieldsOf(JiraConnectionRequest r) {
    BatonException.InvalidInput e =
        catchThrowableOfType(
            BatonException.InvalidInput.class, () -> JiraConnectionChecks.check(r, false, false));
    assertThat(e).as("a 422 was expected").isNotNull();
    return e.errors().stream().map(BatonException.FieldProblem::field).toList();
  }
}
