package dev.baton.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.audit.AuditEntry;
import dev.baton.audit.AuditLog;
import dev.baton.tenant.ConsoleRole;
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
 * With {@code baton.console.oidc.auto-create=true}, an identity the provider vouches for but Baton
 * does not know becomes a console user of the configured tenant with the default role (viewer),
 * audited with the identity as actor; as a viewer it may look but not act.
 */
class ConsoleSsoAutoCreateIntegrationTest extends IntegrationTest {

  static @Nullable OidcProvider provider;

  @Autowired ConsoleUsers users;
  @Autowired AuditLog audit;

  @DynamicPropertySource
  static void sso(DynamicPropertyRegistry registry) {
    registry.add("baton.console.oidc.issuer-uri", () -> provider().issuer());
    registry.add("baton.console.oidc.client-id", () -> OidcProvider.CLIENT_ID);
    registry.add("baton.console.oidc.client-secret", () -> OidcProvider.CLIENT_SECRET);
    registry.add("baton.console.oidc.tenant", () -> "acme");
    registry.add("baton.console.oidc.auto-create", () -> "true");
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
  }

  @Test
  void anUnknownIdentityBecomesAnAuditedViewerWhoCannotAct() {
    String id =
        acme.post(
                "/api/v1/work-items",
                "{\"title\":\"Closable\",\"type\":\"bug\",\"priority\":\"P3\"}")
            .json()
            .get("id")
            .asString();
    ConsoleSession stranger = new ConsoleSession(port);

    HttpResponse<String> landed = stranger.signInWithSso("stranger-at-idp", OidcProvider.PASSWORD);

    assertThat(landed.uri().getPath()).isEqualTo("/");
    assertThat(landed.body()).contains("stranger@example.com").contains(">viewer<");
    ConsoleUser created = users.get("acme", "stranger@example.com");
    assertThat(created.role()).isEqualTo(ConsoleRole.VIEWER);
    assertThat(created.ssoSubject()).isEqualTo("stranger-at-idp");
    assertThat(created.hasPassword()).isFalse();
    assertThat(created.signInMethods()).isEqualTo("sso");
    List<AuditEntry> trail = audit.entriesFor("acme", "console-user", "stranger@example.com");
    assertThat(trail).hasSize(1);
    assertThat(trail.get(0).action()).isEqualTo("console-user.created");
    assertThat(trail.get(0).actor().toString()).isEqualTo("oidc:stranger-at-idp");
    assertThat(trail.get(0).source()).isEqualTo("sso");
    assertThat(java.util.Objects.requireNonNull(trail.get(0).after()).get("role").asString())
        .isEqualTo("viewer");

    stranger.get("/work-items/" + id);
    assertThat(
            stranger.post("/work-items/" + id + "/actions", Map.of("action", "close")).statusCode())
        .isEqualTo(403);

    // signing in again finds the same user, nothing more is created
    new ConsoleSession(port).signInWithSso("stranger-at-idp", OidcProvider.PASSWORD);
    assertThat(audit.entriesFor("acme", "console-user", "stranger@example.com")).hasSize(1);
  }
}
