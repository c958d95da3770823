package dev.baton.delivery.jira;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.Connector.DeliveryRequest;
import dev.baton.delivery.Connector.OutboxEvent;
import dev.baton.delivery.Connector.Outcome;
import dev.baton.platform.Actor;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.workitem.NewWorkItem;
import dev.baton.workitem.WorkItems;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth 2.0 (3LO) Jira connections against a fake Jira and a fake Atlassian token endpoint, both on
 * loopback: refresh before an expiring token is used, refresh and one retry after a 401, rotated
 * refresh tokens, a refused grant, and bad input.
 */
@TestPropertySource(
    properties = {
      "baton.jira.allow-loopback-http=true",
      "baton.jira.request-timeout=2s",
      "baton.delivery.dispatch=false"
    })
class JiraOAuthIntegrationTest extends IntegrationTest {

  @org.springframework.test.context.DynamicPropertySource
  static void ownDatabase(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add(
        dev.baton.testsupport.TestDatabase.DATABASE_PROPERTY,
        () -> dev.baton.testsupport.TestDatabase.separate("jira_oauth"));
  }

  private static final String SETUP =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice Smith, identities: { jira: 5b10ac8d82e05b22cc7d4ef5 } }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: triage-team }
      spec: { members: [alice] }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: triage }
      spec: { team: triage-team }
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: inbound }
      spec:
        rules:
          - name: bugs-to-alice
            when: item.type == "bug"
            assign: { person: alice }
        fallback: { queue: triage }
      """;

  @Autowired JiraConnector connector;
  @Autowired WorkItems workItems;
  @Autowired TransactionTemplate transactions;
  @Autowired JsonMapper json;

  FakeJira jira;
  FakeTokenEndpoint auth;
  String integration;

  @BeforeEach
  void siteTokenEndpointAndRoster() throws Exception {
    jira = new FakeJira();
    auth = new FakeTokenEndpoint("rt-0");
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    integration = JiraConnectorIntegrationTest.integration(acme, "jira", "acme-jira");
  }

  @AfterEach
  void stop() {
    jira.close();
    auth.close();
  }

  @Test
  void anExpiringAccessTokenIsRefreshedBeforeSending() {
    JsonNode saved = connect("old-access-token", Instant.now().plusSeconds(30));
    assertThat(saved.get("auth").get("kind").asString()).isEqualTo("oauth");
    assertThat(saved.get("auth").get("refreshTokenFingerprint").asString())
        .isEqualTo(JiraConnection.fingerprint("rt-0"));
    UUID item = jiraItem("PROJ-1");

    Outcome outcome = send(item);

    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Delivered.class);
    assertThat(auth.requests()).hasSize(1);
    JsonNode refresh = auth.requests().get(0);
    assertThat(refresh.get("grant_type").asString()).isEqualTo("refresh_token");
    assertThat(refresh.get("client_id").asString()).isEqualTo(FakeTokenEndpoint.CLIENT_ID);
    assertThat(refresh.get("client_secret").asString()).isEqualTo(FakeTokenEndpoint.CLIENT_SECRET);
    assertThat(refresh.get("refresh_token").asString()).isEqualTo("rt-0");
    assertThat(jira.requests()).isNotEmpty();
    assertThat(jira.requests())
        .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer at-1"));
    jira.requests().forEach(JiraShapes::assertValid);

    JsonNode view = acme.get(path()).json();
    assertThat(view.get("authState").asString()).isEqualTo("ok");
    assertThat(view.get("auth").get("credentialSet").asBoolean()).isTrue();
    assertThat(view.get("auth").get("refreshTokenFingerprint").asString())
        .isEqualTo(JiraConnection.fingerprint("rt-1"));
    assertThat(Instant.parse(view.get("auth").get("accessTokenExpiresAt").asString()))
        .isAfter(Instant.now().plus(Duration.ofMinutes(55)));
    String text = acme.get(path()).body();
    assertThat(text)
        .doesNotContain("at-1")
        .doesNotContain("rt-1")
        .doesNotContain(FakeTokenEndpoint.CLIENT_SECRET)
        .contains(FakeTokenEndpoint.CLIENT_ID);
    assertThat(
            jdbc.sql(
                    "select count(*) from jira_connections where position(convert_to('at-1', 'UTF8')"
                        + " in credential) > 0 or position(convert_to('rt-1', 'UTF8') in"
                        + " oauth_refresh_token) > 0 or position(convert_to(:s, 'UTF8') in"
                        + " oauth_client_secret) > 0")
                .param("s", FakeTokenEndpoint.CLIENT_SECRET)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aFreshAccessTokenIsUsedAsGiven() {
    connect("fresh-access-token", Instant.now().plus(Duration.ofHours(1)));

    Outcome outcome = send(jiraItem("PROJ-2"));

    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Delivered.class);
    assertThat(auth.requests()).isEmpty();
    assertThat(jira.requests())
        .allSatisfy(
            r -> assertThat(r.header("Authorization")).isEqualTo("Bearer fresh-access-token"));
  }

  @Test
  void a401RefreshesTheTokenOnceAndRetriesTheRequestOnce() {
    connect("revoked-access-token", Instant.now().plus(Duration.ofHours(1)));
    jira.next("PUT", "/assignee", 401, Map.of(), "{\"errorMessages\":[\"Unauthorized\"]}");

    Outcome outcome = send(jiraItem("PROJ-3"));

    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Delivered.class);
    assertThat(auth.requests()).hasSize(1);
    List<FakeJira.Recorded> assignee = jira.requests("PUT", "/assignee");
    assertThat(assignee).hasSize(2);
    assertThat(assignee.get(0).header("Authorization")).isEqualTo("Bearer revoked-access-token");
    assertThat(assignee.get(1).header("Authorization")).isEqualTo("Bearer at-1");
    assertThat(jira.requests("POST", "/comment")).hasSize(1);
    assertThat(jira.requests("POST", "/comment").get(0).header("Authorization"))
        .isEqualTo("Bearer at-1");

    // a second 401 within one send is Jira's answer: no second refresh, no third try
    jira.next("PUT", "/assignee", 401, Map.of(), "{\"errorMessages\":[\"Unauthorized\"]}");
    jira.next("PUT", "/assignee", 401, Map.of(), "{\"errorMessages\":[\"Still unauthorized\"]}");
    Outcome twice = send(jiraItem("PROJ-4"));
    assertThat(twice).as("%s", twice).isInstanceOf(Outcome.Permanent.class);
    assertThat(((Outcome.Permanent) twice).status()).isEqualTo(401);
    assertThat(((Outcome.Permanent) twice).error()).contains("Still unauthorized");
    assertThat(auth.requests()).hasSize(2);
    assertThat(jira.requests("PUT", "/assignee")).hasSize(4);
  }

  @Test
  void theRotatedRefreshTokenIsStoredAndUsedNextTime() {
    connect(null, null);

    assertThat(send(jiraItem("PROJ-5"))).isInstanceOf(Outcome.Delivered.class);
    assertThat(auth.requests()).hasSize(1);
    assertThat(auth.requests().get(0).get("refresh_token").asString()).isEqualTo("rt-0");

    // the access token nears its end: the next send refreshes with the rotated refresh token
    jdbc.sql("update jira_connections set oauth_expires_at = now() + interval '10 seconds'")
        .update();
    assertThat(send(jiraItem("PROJ-6"))).isInstanceOf(Outcome.Delivered.class);

    assertThat(auth.requests()).hasSize(2);
    assertThat(auth.requests().get(1).get("refresh_token").asString()).isEqualTo("rt-1");
    assertThat(auth.validRefreshToken()).isEqualTo("rt-2");
    assertThat(jira.requests("POST", "/comment").get(1).header("Authorization"))
        .isEqualTo("Bearer at-2");
    assertThat(acme.get(path()).json().get("auth").get("refreshTokenFingerprint").asString())
        .isEqualTo(JiraConnection.fingerprint("rt-2"));
  }

  @Test
  void aRefusedRefreshTokenIsPermanentAndAsksForReauthorization() {
    connect(null, null);
    auth.revoke();
    int versionBefore = acme.get(path()).json().get("version").asInt();

    Outcome outcome = send(jiraItem("PROJ-7"));

    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Permanent.class);
    Outcome.Permanent permanent = (Outcome.Permanent) outcome;
    assertThat(permanent.status()).isEqualTo(403);
    assertThat(permanent.error())
        .contains("invalid_grant")
        .contains("Unknown or invalid refresh token.");
    assertThat(jira.requests()).isEmpty();
    JsonNode view = acme.get(path()).json();
    assertThat(view.get("authState").asString()).isEqualTo("reauthorize");
    assertThat(view.get("authError").asString()).contains("invalid_grant");
    assertThat(view.get("version").asInt()).isEqualTo(versionBefore);
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_entries where tenant_id = 'acme' and action ="
                        + " 'jira-connection.reauthorization-needed'")
                .query(Long.class)
                .single())
        .isEqualTo(1);

    // later sends fail at once, without asking the token endpoint again
    Outcome again = send(jiraItem("PROJ-8"));
    assertThat(again).as("%s", again).isInstanceOf(Outcome.Permanent.class);
    assertThat(((Outcome.Permanent) again).error()).contains("re-authorization");
    assertThat(auth.requests()).hasSize(1);

    // saving new tokens clears the state
    auth.grant("rt-regranted");
    JsonNode saved = connect(null, null);
    assertThat(saved.get("authState").asString()).isEqualTo("ok");
    assertThat(saved.get("authError").isNull()).isTrue();
    assertThat(send(jiraItem("PROJ-9"))).isInstanceOf(Outcome.Delivered.class);
  }

  @Test
  void aFailingTokenEndpointIsTransient() {
    connect(null, null);
    auth.next(503, "{\"error\":\"temporarily_unavailable\"}");

    Outcome outcome = send(jiraItem("PROJ-10"));

    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Transient.class);
    assertThat(((Outcome.Transient) outcome).error()).contains("503");
    assertThat(jira.requests()).isEmpty();
    assertThat(acme.get(path()).json().get("authState").asString()).isEqualTo("ok");
    assertThat(send(jiraItem("PROJ-11"))).isInstanceOf(Outcome.Delivered.class);
  }

  @Test
  void concurrentSendsSpendOneRefresh() throws Exception {
    connect(null, null);
    auth.delay(Duration.ofMillis(500));
    UUID first = jiraItem("PROJ-12");
    UUID second = jiraItem("PROJ-13");

    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Future<Outcome> a = pool.submit(() -> send(first));
      java.util.concurrent.Future<Outcome> b = pool.submit(() -> send(second));
      assertThat(a.get(30, java.util.concurrent.TimeUnit.SECONDS))
          .isInstanceOf(Outcome.Delivered.class);
      assertThat(b.get(30, java.util.concurrent.TimeUnit.SECONDS))
          .isInstanceOf(Outcome.Delivered.class);
    } finally {
      pool.shutdownNow();
    }

    // the second waited for the row lock and found the token the first had just stored
    assertThat(auth.requests()).hasSize(1);
    assertThat(jira.requests())
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer at-1"));
    assertThat(acme.get(path()).json().get("authState").asString()).isEqualTo("ok");
  }

  @Test
  void badOAuthInputIsRefusedAndChangesNothing() {
    JsonNode saved = connect("access", Instant.now().plus(Duration.ofHours(1)));

    JsonNode missing =
        assertProblem(
            acme.put(
                path(),
                "{\"baseUrl\":\""
                    + jira.baseUrl()
                    + "\",\"auth\":{\"clientSecret\":\"s\",\"accessToken\":\"a\"}}"),
            422);
    assertThat(fields(missing))
        .contains("auth.clientId", "auth.refreshToken", "auth.accessTokenExpiresAt");

    JsonNode badUrl =
        assertProblem(
            acme.put(
                path(),
                "{\"baseUrl\":\""
                    + jira.baseUrl()
                    + "\",\"auth\":{\"clientId\":\"c\",\"clientSecret\":\"s\",\"refreshToken\":\"r\","
                    + "\"tokenUrl\":\"http://auth.example.com/oauth/token\","
                    + "\"accessToken\":\"a\",\"accessTokenExpiresAt\":\"tomorrow\"}}"),
            422);
    assertThat(fields(badUrl)).contains("auth.tokenUrl", "auth.accessTokenExpiresAt");

    JsonNode mixed =
        assertProblem(
            acme.put(
                path(),
                "{\"baseUrl\":\""
                    + jira.baseUrl()
                    + "\",\"auth\":{\"bearer\":\"b\",\"clientId\":\"c\",\"clientSecret\":\"s\","
                    + "\"refreshToken\":\"r\"}}"),
            422);
    assertThat(fields(mixed)).contains("auth");

    JsonNode after = acme.get(path()).json();
    assertThat(after).isEqualTo(saved);
  }

  @Test
  void theDefaultTokenUrlIsAtlassians() {
    Api.Response saved =
        acme.put(
            path(),
            "{\"baseUrl\":\""
                + jira.baseUrl()
                + "\",\"auth\":{\"clientId\":\"c\",\"clientSecret\":\"s\",\"refreshToken\":\"r\"}}");
    assertThat(saved.status()).as("%s", saved).isEqualTo(201);
    assertThat(saved.json().get("auth").get("tokenUrl").asString())
        .isEqualTo("https://auth.atlassian.com/oauth/token");
    assertThat(saved.json().get("auth").get("credentialSet").asBoolean()).isFalse();
  }

  // --- helpers

  private String path() {
    return "/api/v1/integrations/" + integration + "/jira-connection";
  }

  /** Saves an oauth connection to the fake site and token endpoint; the view it answered. */
  private JsonNode connect(@Nullable String accessToken, @Nullable Instant expiresAt) {
    String token =
        accessToken == null
            ? ""
            : ",\"accessToken\":\""
                + accessToken
                + "\",\"accessTokenExpiresAt\":\""
                + expiresAt
                + "\"";
    Api.Response saved =
        acme.put(
            path(),
            "{\"baseUrl\":\""
                + jira.baseUrl()
                + "\",\"auth\":{\"clientId\":\""
                + FakeTokenEndpoint.CLIENT_ID
                + "\",\"clientSecret\":\""
                + FakeTokenEndpoint.CLIENT_SECRET
                + "\",\"refreshToken\":\""
                + auth.validRefreshToken()
                + "\",\"tokenUrl\":\""
                + auth.tokenUrl()
                + "\""
                + token
                + "},\"mode\":\"on\"}");
    assertThat(saved.status()).as("%s", saved).isIn(200, 201);
    return saved.json();
  }

  private Outcome send(UUID item) {
    OutboxEvent event =
        jdbc.sql(
                "select id, seq, type, subject, cloud_event from outbox_events where tenant_id ="
                    + " 'acme' and subject = :subject and type = 'assignment.routed' order by seq"
                    + " desc limit 1")
            .param("subject", item.toString())
            .query(
                (rs, n) ->
                    new OutboxEvent(
                        "acme",
                        rs.getObject("id", UUID.class),
                        rs.getLong("seq"),
                        rs.getString("type"),
                        rs.getString("subject"),
                        json.readTree(rs.getString("cloud_event"))))
            .single();
    return connector.send(
        new DeliveryRequest("acme", UUID.randomUUID(), "jira:" + integration, event, 1, false));
  }

  private UUID jiraItem(String key) {
    NewWorkItem issue =
        new NewWorkItem(
            "Login fails for SSO users",
            "bug",
            "P2",
            null,
            null,
            null,
            null,
            null,
            null,
            new NewWorkItem.SourceRef(
                "jira", "100" + key.hashCode(), key, "https://acme.atlassian.net/browse/" + key),
            null);
    return transactions.execute(
        tx ->
            workItems
                .createFromSource(
                    "acme",
                    issue,
                    UUID.fromString(integration),
                    1,
                    Actor.system("test"),
                    "test",
                    true)
                .item()
                .id());
  }
}
