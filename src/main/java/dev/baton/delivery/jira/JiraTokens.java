package dev.baton.delivery.jira;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.delivery.Connector.Outcome;
import dev.baton.platform.Actor;
import dev.baton.platform.SecretBox;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens of {@code oauth} Jira connections (OAuth 2.0 3LO): refreshed with the client and
 * the refresh token when missing, about to expire, or refused by Jira with a 401.
 *
 * <p>Refreshes are serialized per connection across nodes: each runs in a short transaction that
 * holds the connection's row lock ({@code select … for update}) while it calls the token endpoint,
 * and reads the token again once it holds the lock, so a token another node has just refreshed is
 * used as it is. Atlassian rotates refresh tokens: the new one is stored with the access token. A
 * refresh refused with 400 or 401 ({@code invalid_grant}) marks the connection {@code reauthorize};
 * later sends fail at once until new tokens are saved.
 */
@Component
class JiraTokens {

  /** A token expiring within this is refreshed before it is used. */
  static final Duration EARLY = Duration.ofSeconds(60);

  private final JiraConnections connections;
  private final JiraHttp http;
  private final SecretBox box;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final AuditLog audit;
  private final JsonMapper json;
  private final Clock clock;

  JiraTokens(
      JiraConnections connections,
      JiraHttp http,
      SecretBox box,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      AuditLog audit,
      JsonMapper json,
      Clock clock) {
    this.connections = connections;
    this.http = http;
    this.box = box;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
  }

  /** No token could be had: the delivery ends with {@link #outcome()}. */
  static final class Refused extends Exception {

    private final Outcome outcome;

    Refused(Outcome outcome) {
      super(outcome.toString(), null, false, false);
      this.outcome = outcome;
    }

    Outcome outcome() {
      return outcome;
    }
  }

  /** Either an {@code Authorization} header or why there is none. */
  private record Result(@Nullable String authorization, @Nullable Outcome refused) {}

  /**
   * The {@code Authorization} header to send with: for {@code oauth}, refreshed first when the
   * access token is missing or expires within {@link #EARLY}.
   *
   * @param uncertain whether the delivery may have landed before (kept on a transient failure)
   */
  String authorization(JiraConnection c, boolean uncertain) throws Refused {
    if (c.authKind() != JiraConnection.AuthKind.OAUTH) {
      return connections.authorization(c);
    }
    if (c.authState() == JiraConnection.AuthState.REAUTHORIZE) {
      throw new Refused(reauthorize(c));
    }
    if (fresh(c)) {
      return connections.authorization(c);
    }
    return refresh(c, null, uncertain);
  }

  /**
   * After Jira answered 401 to {@code rejected}: a new access token, refreshed unless another node
   * already has.
   */
  String afterUnauthorized(JiraConnection c, String rejected, boolean uncertain) throws Refused {
    return refresh(c, rejected, uncertain);
  }

  private String refresh(JiraConnection c, @Nullable String rejected, boolean uncertain)
      throws Refused {
    Result result =
        Objects.requireNonNull(
            transactions.execute(tx -> refreshLocked(c, rejected, uncertain)), "refresh result");
    if (result.refused() != null) {
      throw new Refused(result.refused());
    }
    return Objects.requireNonNull(result.authorization());
  }

  /** In a transaction holding the row lock: the stored token when it will do, else a new one. */
  private Result refreshLocked(JiraConnection seen, @Nullable String rejected, boolean uncertain) {
    Optional<JiraConnection> locked = connections.lock(seen.tenantId(), seen.integrationId());
    if (locked.isEmpty()) {
      return refused(
          new Outcome.Skipped("integration " + seen.integrationId() + " has no Jira connection"));
    }
    JiraConnection c = locked.get();
    JiraConnection.OAuth oauth = c.oauth();
    if (c.authKind() != JiraConnection.AuthKind.OAUTH || oauth == null) {
      return granted(connections.authorization(c)); // replaced by other credentials meanwhile
    }
    if (c.authState() == JiraConnection.AuthState.REAUTHORIZE) {
      return refused(reauthorize(c));
    }
    if (fresh(c)) {
      String stored = connections.authorization(c);
      if (!stored.equals(rejected)) {
        return granted(stored); // another node refreshed it while this one waited for the lock
      }
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "refresh_token");
    body.put("client_id", oauth.clientId());
    body.put(
        "client_secret",
        box.open(
            oauth.clientSecret(),
            JiraConnection.clientSecretContext(c.tenantId(), c.integrationId())));
    body.put(
        "refresh_token",
        box.open(
            oauth.refreshToken(),
            JiraConnection.refreshTokenContext(c.tenantId(), c.integrationId())));
    JiraAnswer answer;
    try {
      answer = http.send("POST", oauth.tokenUrl(), null, json.writeValueAsString(body));
    } catch (HttpConnectTimeoutException | ConnectException e) {
      return transient_(null, "could not connect to the OAuth token endpoint: " + e, uncertain);
    } catch (HttpTimeoutException e) {
      return transient_(null, "the OAuth token endpoint did not answer in time: " + e, uncertain);
    } catch (IOException e) {
      return transient_(null, "connection to the OAuth token endpoint failed: " + e, uncertain);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return transient_(null, "interrupted while refreshing the OAuth token", uncertain);
    }
    Instant now = Instant.now(clock);
    if (refusedGrant(answer)) {
      String message =
          "the OAuth token endpoint refused the refresh token ("
              + answer.status()
              + "): "
              + providerMessage(answer)
              + "; authorize Baton again and save the new tokens";
      markReauthorize(c, message);
      return refused(new Outcome.Permanent(answer.status(), message, answer.excerpt()));
    }
    if (!answer.ok()) {
      return refused(
          new Outcome.Transient(
              answer.status(),
              "the OAuth token endpoint answered "
                  + answer.status()
                  + ": "
                  + providerMessage(answer),
              uncertain,
              answer.retryAfter(now),
              answer.excerpt()));
    }
    JsonNode tree;
    try {
      tree = json.readTree(answer.body());
    } catch (RuntimeException e) {
      return transient_(answer.status(), "the OAuth token endpoint answered no JSON", uncertain);
    }
    String accessToken = tree.path("access_token").asString("");
    if (accessToken.isBlank()) {
      return transient_(
          answer.status(), "the OAuth token endpoint answered without an access_token", uncertain);
    }
    Instant expiresAt =
        tree.path("expires_in").canConvertToLong()
            ? now.plusSeconds(tree.path("expires_in").asLong()).truncatedTo(ChronoUnit.MICROS)
            : null;
    String rotated = tree.path("refresh_token").asString("");
    store(c, accessToken, expiresAt, rotated.isBlank() ? null : rotated);
    return granted("Bearer " + accessToken);
  }

  private void store(
      JiraConnection c, String accessToken, @Nullable Instant expiresAt, @Nullable String rotated) {
    String context = JiraConnection.secretContext(c.tenantId(), c.integrationId());
    var update =
        jdbc.sql(
                rotated == null
                    ? """
                      update jira_connections set credential = :credential,
                        oauth_expires_at = :expiresAt, auth_state = 'ok', auth_error = null
                      where tenant_id = :tenant and integration_id = :id
                      """
                    : """
                      update jira_connections set credential = :credential,
                        oauth_expires_at = :expiresAt, oauth_refresh_token = :refreshToken,
                        oauth_refresh_token_fp = :refreshTokenFp, auth_state = 'ok',
                        auth_error = null
                      where tenant_id = :tenant and integration_id = :id
                      """)
            .param("tenant", c.tenantId())
            .param("id", c.integrationId())
            .param("credential", box.seal(accessToken, context))
            .param(
                "expiresAt",
                expiresAt == null ? null : Timestamp.from(expiresAt),
                java.sql.Types.TIMESTAMP);
    if (rotated != null) {
      update =
          update
              .param(
                  "refreshToken",
                  box.seal(
                      rotated, JiraConnection.refreshTokenContext(c.tenantId(), c.integrationId())))
              .param("refreshTokenFp", JiraConnection.fingerprint(rotated));
    }
    update.update();
  }

  private void markReauthorize(JiraConnection c, String message) {
    jdbc.sql(
            """
            update jira_connections set auth_state = 'reauthorize', auth_error = :error
            where tenant_id = :tenant and integration_id = :id
            """)
        .param("tenant", c.tenantId())
        .param("id", c.integrationId())
        .param("error", message)
        .update();
    JiraConnection after =
        new JiraConnection(
            c.tenantId(),
            c.integrationId(),
            c.baseUrl(),
            c.authKind(),
            c.email(),
            c.credential(),
            c.fields(),
            c.mode(),
            c.accountId(),
            c.oauth(),
            JiraConnection.AuthState.REAUTHORIZE,
            message,
            c.version(),
            c.createdAt(),
            c.updatedAt());
    audit.append(
        c.tenantId(),
        new AuditRecord(
            Actor.system("jira-connector"),
            "delivery",
            "integration",
            c.integrationId().toString(),
            "jira-connection.reauthorization-needed",
            message,
            JiraConnectionView.of(c),
            JiraConnectionView.of(after)));
  }

  /** Whether the stored access token is there and does not expire within {@link #EARLY}. */
  private boolean fresh(JiraConnection c) {
    JiraConnection.OAuth oauth = c.oauth();
    if (c.credential() == null || oauth == null) {
      return false;
    }
    Instant expiresAt = oauth.expiresAt();
    return expiresAt == null || expiresAt.isAfter(Instant.now(clock).plus(EARLY));
  }

  private static Outcome reauthorize(JiraConnection c) {
    return new Outcome.Permanent(
        null,
        "the Jira connection needs re-authorization"
            + (c.authError() == null ? "" : ": " + c.authError()),
        "");
  }

  /**
   * Whether the token endpoint refused the grant itself: 400 or 401 (RFC 6749), or any 4xx whose
   * {@code error} is {@code invalid_grant} (Atlassian answers 403 to an unknown or expired refresh
   * token).
   */
  private boolean refusedGrant(JiraAnswer answer) {
    if (answer.status() == 400 || answer.status() == 401) {
      return true;
    }
    if (answer.status() < 400 || answer.status() > 499) {
      return false;
    }
    try {
      return json.readTree(answer.body()).path("error").asString("").equals("invalid_grant");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** {@code error: error_description} of an OAuth error answer, else its excerpt. */
  private String providerMessage(JiraAnswer answer) {
    try {
      JsonNode tree = json.readTree(answer.body());
      String error = tree.path("error").asString("");
      String description = tree.path("error_description").asString("");
      if (!error.isBlank() || !description.isBlank()) {
        String text = description.isBlank() ? error : error + ": " + description;
        return text.length() > JiraAnswer.EXCERPT ? text.substring(0, JiraAnswer.EXCERPT) : text;
      }
    } catch (RuntimeException e) {
      // not JSON: the excerpt says what it was
    }
    return answer.excerpt().isBlank() ? "(no body)" : answer.excerpt();
  }

  private static Result granted(String authorization) {
    return new Result(authorization, null);
  }

  private static Result refused(Outcome outcome) {
    return new Result(null, outcome);
  }

  private static Result transient_(@Nullable Integer status, String error, boolean uncertain) {
    return refused(new Outcome.Transient(status, error, uncertain, null, ""));
  }
}
