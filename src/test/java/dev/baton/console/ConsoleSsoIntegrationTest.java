package dev.baton.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.audit.AuditEntry;
import dev.baton.audit.AuditLog;
import dev.baton.platform.Actor;
import dev.baton.tenant.ConsoleUser;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.OidcProvider;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OpenID Connect sign-in to the console against Spring Authorization Server running on loopback,
 * through the whole authorization-code flow over HTTP (Baton's SSO link, the provider's login form,
 * the redirect back): a known user lands on the console with their role, matched by e-mail ignoring
 * case; a viewer is refused an action; an unknown, a disabled and an impostor identity are refused
 * with a clear message and nothing is created or linked.
 */
class ConsoleSsoIntegrationTest extends IntegrationTest {

  static @Nullable OidcProvider provider;

  @Autowired ConsoleUsers users;
  @Autowired AuditLog audit;

  @DynamicPropertySource
  static void sso(DynamicPropertyRegistry registry) {
    registry.add("baton.console.oidc.issuer-uri", () -> provider().issuer());
    registry.add("baton.console.oidc.client-id", () -> OidcProvider.CLIENT_ID);
    registry.add("baton.console.oidc.client-secret", () -> OidcProvider.CLIENT_SECRET);
    registry.add("baton.console.oidc.tenant", () -> "acme");
  }

  static synchronized OidcProvider provider() {
    if (provider == null) {
      provider = OidcProvider.start();
    }
    return provider;
  }

  @AfterAll
  static void stopProvider() {
    if (provider != null) {
      provider.close();
      provider = null;
    }
  }

  @BeforeEach
  void registerBaton() {
    provider().registerClient(port);
    users.create("acme", "ada@example.com", "operator", null, null, Actor.system("test"), "test");
    users.create("acme", "vic@example.com", "viewer", null, null, Actor.system("test"), "test");
  }

  @Test
  void theSignInPageOffersSingleSignOn() {
    assertThat(new ConsoleSession(port).get("/login").body())
        .contains("href=\"/oauth2/authorization/sso\"");
  }

  @Test
  void aKnownUserSignsInThroughSsoWithTheirRoleAndActsAsThemselves() {
    String id = newItem();
    ConsoleSession ada = new ConsoleSession(port);

    HttpResponse<String> landed = ada.signInWithSso("ada-at-idp", OidcProvider.PASSWORD);

    assertThat(landed.uri().toString()).isEqualTo("http://127.0.0.1:" + port + "/");
    assertThat(landed.statusCode()).isEqualTo(200);
    assertThat(landed.body()).contains("ada@example.com").contains(">operator<");
    ConsoleUser linked = users.get("acme", "ada@example.com");
    assertThat(linked.ssoSubject()).isEqualTo("ada-at-idp");
    assertThat(linked.lastSignInAt()).isNotNull();
    assertThat(linked.signInMethods()).isEqualTo("password, sso");
    assertThat(auditActions("ada@example.com"))
        .containsExactly("console-user.created", "console-user.sso-linked");

    ada.get("/work-items/" + id);
    HttpResponse<String> done =
        ada.post("/work-items/" + id + "/actions", Map.of("action", "close"));
    assertThat(done.statusCode()).isEqualTo(302);
    var trail = acme.get("/api/v1/work-items/" + id + "/audit").json().get("items");
    var last = trail.get(trail.size() - 1);
    assertThat(last.get("action").asString()).isEqualTo("assignment.closed");
    assertThat(last.get("actor").get("type").asString()).isEqualTo("console");
    assertThat(last.get("actor").get("id").asString()).isEqualTo("ada@example.com");

    // the second sign-in finds the user by the linked subject
    HttpResponse<String> again =
        new ConsoleSession(port).signInWithSso("ada-at-idp", OidcProvider.PASSWORD);
    assertThat(again.body()).contains("ada@example.com");
  }

  @Test
  void aViewerSignedInThroughSsoIsRefusedAnAction() {
    String id = newItem();
    ConsoleSession vic = new ConsoleSession(port);
    assertThat(vic.signInWithSso("vic-at-idp", OidcProvider.PASSWORD).body()).contains(">viewer<");

    vic.get("/work-items/" + id);
    HttpResponse<String> refused =
        vic.post("/work-items/" + id + "/actions", Map.of("action", "close"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(state(id)).isEqualTo("UNASSIGNED");
  }

  @Test
  void anUnknownIdentityIsRefusedAndNothingIsCreated() {
    int before = userCount();
    ConsoleSession stranger = new ConsoleSession(port);

    HttpResponse<String> page = stranger.signInWithSso("stranger-at-idp", OidcProvider.PASSWORD);

    assertThat(page.uri().getPath()).isEqualTo("/login");
    assertThat(page.body()).contains("There is no console user &#39;stranger@example.com&#39;");
    assertThat(userCount()).isEqualTo(before);
    assertThat(stranger.get("/").statusCode()).isEqualTo(302);
    assertThat(auditActions("stranger@example.com")).isEmpty();
  }

  @Test
  void aDisabledUserCannotSignInThroughSso() {
    users.disable("acme", "vic@example.com", Actor.system("test"), "test");

    HttpResponse<String> page =
        new ConsoleSession(port).signInWithSso("vic-at-idp", OidcProvider.PASSWORD);

    assertThat(page.uri().getPath()).isEqualTo("/login");
    assertThat(page.body()).contains("is disabled");
    assertThat(users.get("acme", "vic@example.com").ssoSubject()).isNull();
  }

  @Test
  void anotherIdentityWithTheSameEmailIsRefused() {
    new ConsoleSession(port).signInWithSso("ada-at-idp", OidcProvider.PASSWORD);

    HttpResponse<String> page =
        new ConsoleSession(port).signInWithSso("mallory-at-idp", OidcProvider.PASSWORD);

    assertThat(page.uri().getPath()).isEqualTo("/login");
    assertThat(page.body()).contains("signs in with another identity");
    assertThat(users.get("acme", "ada@example.com").ssoSubject()).isEqualTo("ada-at-idp");
  }

  private String newItem() {
    return acme.post(
            "/api/v1/work-items", "{\"title\":\"Closable\",\"type\":\"bug\",\"priority\":\"P3\"}")
        .json()
        .get("id")
        .asString();
  }

  private String state(String id) {
    return acme.get("/api/v1/work-items/" + id).json().get("assignment").get("state").asString();
  }

  private int userCount() {
    return jdbc.sql("select count(*) from console_users").query(Integer.class).single();
  }

  private List<String> auditActions(String username) {
    return audit.entriesFor("acme", "console-user", username).stream()
        .map(AuditEntry::action)
        .toList();
  }
}
