package dev.baton.delivery.jira;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.ingest.IntegrationView;
import dev.baton.ingest.Integrations;
import dev.baton.ingest.Provider;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.SecretBox;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jira connections of a tenant's Jira integrations: save (create or replace), read, delete,
 * each audited; credentials are sealed and only ever opened to build the Authorization header.
 */
@Service
class JiraConnections {

  private final JdbcClient jdbc;
  private final Integrations integrations;
  private final SecretBox box;
  private final AuditLog audit;
  private final JsonMapper json;
  private final JiraProperties properties;
  private final Clock clock;

  JiraConnections(
      JdbcClient jdbc,
      Integrations integrations,
      SecretBox box,
      AuditLog audit,
      JsonMapper json,
      JiraProperties properties,
      Clock clock) {
    this.jdbc = jdbc;
    this.integrations = integrations;
    this.box = box;
    this.audit = audit;
    this.json = json;
    this.properties = properties;
    this.clock = clock;
  }

  /** A saved connection and whether the save created it. */
  record Saved(JiraConnectionView connection, boolean created) {}

  JiraConnectionView get(String tenantId, String integrationId) {
    UUID id = jiraIntegration(tenantId, integrationId);
    return find(tenantId, id)
        .map(JiraConnectionView::of)
        .orElseThrow(() -> new BatonException.NotFound("jira-connection", integrationId));
  }

  @Transactional
  Saved save(
      String tenantId,
      String integrationId,
      JiraConnectionRequest request,
      Actor actor,
      String source) {
    UUID id = jiraIntegration(tenantId, integrationId);
    Optional<JiraConnection> before = lock(tenantId, id);
    JiraConnectionChecks.Checked checked =
        JiraConnectionChecks.check(request, before.isPresent(), properties.allowLoopbackHttp());
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    JiraConnection.AuthKind kind;
    @Nullable String email;
    byte @Nullable [] credential;
    JiraConnection.@Nullable OAuth oauth;
    JiraConnection.AuthState state = JiraConnection.AuthState.OK;
    @Nullable String authError = null;
    JiraConnectionRequest.Auth auth = checked.auth();
    if (auth == null) {
      JiraConnection kept = before.orElseThrow();
      kind = kept.authKind();
      email = kept.email();
      credential = kept.credential();
      oauth = kept.oauth();
      state = kept.authState();
      authError = kept.authError();
    } else if (auth.oauth()) {
      kind = JiraConnection.AuthKind.OAUTH;
      email = null;
      String clientSecret = java.util.Objects.requireNonNull(auth.clientSecret());
      String refreshToken = java.util.Objects.requireNonNull(auth.refreshToken());
      String accessToken = auth.accessToken();
      credential =
          accessToken == null || accessToken.isBlank()
              ? null
              : box.seal(accessToken, JiraConnection.secretContext(tenantId, id));
      oauth =
          new JiraConnection.OAuth(
              java.util.Objects.requireNonNull(auth.clientId()),
              box.seal(clientSecret, JiraConnection.clientSecretContext(tenantId, id)),
              JiraConnection.fingerprint(clientSecret),
              box.seal(refreshToken, JiraConnection.refreshTokenContext(tenantId, id)),
              JiraConnection.fingerprint(refreshToken),
              java.util.Objects.requireNonNull(checked.tokenUrl()),
              credential == null || checked.accessTokenExpiresAt() == null
                  ? null
                  : java.util.Objects.requireNonNull(checked.accessTokenExpiresAt())
                      .truncatedTo(ChronoUnit.MICROS));
    } else if (auth.bearer() instanceof String bearer && !bearer.isBlank()) {
      kind = JiraConnection.AuthKind.BEARER;
      email = null;
      credential = box.seal(bearer, JiraConnection.secretContext(tenantId, id));
      oauth = null;
    } else {
      kind = JiraConnection.AuthKind.BASIC;
      email = auth.email();
      credential =
          box.seal(
              java.util.Objects.requireNonNull(auth.apiToken()),
              JiraConnection.secretContext(tenantId, id));
      oauth = null;
    }
    JiraConnection after =
        new JiraConnection(
            tenantId,
            id,
            checked.baseUrl(),
            kind,
            email,
            credential,
            checked.fields(),
            checked.mode(),
            checked.accountId(),
            oauth,
            state,
            authError,
            before.map(b -> b.version() + 1).orElse(1),
            before.map(JiraConnection::createdAt).orElse(now),
            now);
    write(after, before.isPresent());
    JiraConnectionView view = JiraConnectionView.of(after);
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "integration",
            id.toString(),
            before.isPresent() ? "jira-connection.updated" : "jira-connection.created",
            null,
            before.map(JiraConnectionView::of).orElse(null),
            view));
    return new Saved(view, before.isEmpty());
  }

  @Transactional
  void delete(String tenantId, String integrationId, Actor actor, String source) {
    UUID id = jiraIntegration(tenantId, integrationId);
    JiraConnection before =
        lock(tenantId, id)
            .orElseThrow(() -> new BatonException.NotFound("jira-connection", integrationId));
    jdbc.sql("delete from jira_connections where tenant_id = :tenant and integration_id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "integration",
            id.toString(),
            "jira-connection.deleted",
            null,
            JiraConnectionView.of(before),
            null));
  }

  /** The connection of an integration, for the connector. */
  Optional<JiraConnection> find(String tenantId, UUID integrationId) {
    return jdbc.sql(
            "select * from jira_connections where tenant_id = :tenant and integration_id = :id")
        .param("tenant", tenantId)
        .param("id", integrationId)
        .query(this::row)
        .optional();
  }

  /**
   * The value of the {@code Authorization} header for requests to the connection's site, with the
   * stored token: for {@code oauth}, the caller makes sure through {@link JiraTokens} that it is
   * there and fresh.
   */
  String authorization(JiraConnection c) {
    byte[] sealed = c.credential();
    if (sealed == null) {
      throw new IllegalStateException("Jira connection " + c.integrationId() + " has no token");
    }
    String secret = box.open(sealed, JiraConnection.secretContext(c.tenantId(), c.integrationId()));
    if (c.authKind() != JiraConnection.AuthKind.BASIC) {
      return "Bearer " + secret;
    }
    String pair = c.email() + ":" + secret;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** The id of one of the tenant's Jira integrations; any other id is not found. */
  private UUID jiraIntegration(String tenantId, String integrationId) {
    IntegrationView integration = integrations.get(tenantId, integrationId);
    if (!integration.provider().equals(Provider.JIRA.wireName())) {
      throw new BatonException.NotFound("jira integration", integrationId);
    }
    return integration.id();
  }

  /** The connection, its row locked until the transaction ends. */
  Optional<JiraConnection> lock(String tenantId, UUID id) {
    return jdbc.sql(
            "select * from jira_connections where tenant_id = :tenant and integration_id = :id"
                + " for update")
        .param("tenant", tenantId)
        .param("id", id)
        .query(this::row)
        .optional();
  }

  private void write(JiraConnection c, boolean exists) {
    JiraConnection.OAuth o = c.oauth();
    String sql =
        exists
            ? """
              update jira_connections set base_url = :baseUrl, auth_kind = :kind, email = :email,
                credential = :credential, fields = :fields, mode = :mode, account_id = :accountId,
                oauth_client_id = :clientId, oauth_client_secret = :clientSecret,
                oauth_client_secret_fp = :clientSecretFp, oauth_refresh_token = :refreshToken,
                oauth_refresh_token_fp = :refreshTokenFp, oauth_token_url = :tokenUrl,
                oauth_expires_at = :expiresAt, auth_state = :authState, auth_error = :authError,
                version = :version, updated_at = :updatedAt
              where tenant_id = :tenant and integration_id = :id
              """
            : """
              insert into jira_connections (tenant_id, integration_id, base_url, auth_kind, email,
                credential, fields, mode, account_id, oauth_client_id, oauth_client_secret,
                oauth_client_secret_fp, oauth_refresh_token, oauth_refresh_token_fp, oauth_token_url,
                oauth_expires_at, auth_state, auth_error, version, created_at, updated_at)
              values (:tenant, :id, :baseUrl, :kind, :email, :credential, :fields, :mode,
                :accountId, :clientId, :clientSecret, :clientSecretFp, :refreshToken, :refreshTokenFp,
                :tokenUrl, :expiresAt, :authState, :authError, :version, :createdAt, :updatedAt)
              """;
    jdbc.sql(sql)
        .param("tenant", c.tenantId())
        .param("id", c.integrationId())
        .param("baseUrl", c.baseUrl().toString())
        .param("kind", c.authKind().wireName())
        .param("email", c.email())
        .param("credential", c.credential(), java.sql.Types.BINARY)
        .param("fields", json.writeValueAsString(c.fields()))
        .param("mode", c.mode().wireName())
        .param("accountId", c.accountId())
        .param("clientId", o == null ? null : o.clientId())
        .param("clientSecret", o == null ? null : o.clientSecret(), java.sql.Types.BINARY)
        .param("clientSecretFp", o == null ? null : o.clientSecretFingerprint())
        .param("refreshToken", o == null ? null : o.refreshToken(), java.sql.Types.BINARY)
        .param("refreshTokenFp", o == null ? null : o.refreshTokenFingerprint())
        .param("tokenUrl", o == null ? null : o.tokenUrl().toString())
        .param(
            "expiresAt",
            o == null || o.expiresAt() == null
                ? null
                : Timestamp.from(java.util.Objects.requireNonNull(o.expiresAt())),
            java.sql.Types.TIMESTAMP)
        .param("authState", c.authState().wireName())
        .param("authError", c.authError())
        .param("version", c.version())
        .param("createdAt", Timestamp.from(c.createdAt()))
        .param("updatedAt", Timestamp.from(c.updatedAt()))
        .update();
  }

  JiraConnection row(ResultSet rs, int n) throws SQLException {
    List<JiraConnection.OwnedField> fields =
        json.readValue(rs.getString("fields"), new TypeReference<>() {});
    String clientId = rs.getString("oauth_client_id");
    Timestamp expiresAt = rs.getTimestamp("oauth_expires_at");
    JiraConnection.@Nullable OAuth oauth =
        clientId == null
            ? null
            : new JiraConnection.OAuth(
                clientId,
                rs.getBytes("oauth_client_secret"),
                rs.getString("oauth_client_secret_fp"),
                rs.getBytes("oauth_refresh_token"),
                rs.getString("oauth_refresh_token_fp"),
                URI.create(rs.getString("oauth_token_url")),
                expiresAt == null ? null : expiresAt.toInstant());
    return new JiraConnection(
        rs.getString("tenant_id"),
        rs.getObject("integration_id", UUID.class),
        URI.create(rs.getString("base_url")),
        JiraConnection.AuthKind.valueOf(
            rs.getString("auth_kind").toUpperCase(java.util.Locale.ROOT)),
        rs.getString("email"),
        rs.getBytes("credential"),
        fields,
        JiraConnection.Mode.valueOf(rs.getString("mode").toUpperCase(java.util.Locale.ROOT)),
        rs.getString("account_id"),
        oauth,
        JiraConnection.AuthState.valueOf(
            rs.getString("auth_state").toUpperCase(java.util.Locale.ROOT)),
        rs.getString("auth_error"),
        rs.getInt("version"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
