package dev.baton.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.audit.AuditEntry;
import dev.baton.audit.AuditLog;
import dev.baton.platform.Actor;
import dev.baton.tenant.ConsoleRole;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's users page: only an admin may open it or change anything; each change goes through
 * {@link ConsoleUsers}, is audited with the signed-in admin, and applies at once (a disabled or
 * re-roled user's session ends); an admin cannot disable themselves or drop their own admin role; a
 * form without its CSRF token, another tenant's user and bad input change nothing.
 */
class ConsoleUsersIntegrationTest extends IntegrationTest {

  static final String PASSWORD = "correct-horse-battery";
  static final Pattern SHOWN_PASSWORD =
      Pattern.compile("shown only this once:</p>\\s*<p><code>([^<]+)</code>");

  @Autowired ConsoleUsers users;
  @Autowired AuditLog audit;

  ConsoleSession root;

  @BeforeEach
  void users() {
    Actor test = Actor.system("test");
    users.create("acme", "root", "admin", null, PASSWORD, test, "test");
    users.create("acme", "olga", "operator", null, PASSWORD, test, "test");
    users.create("acme", "vic", "viewer", null, PASSWORD, test, "test");
    users.create("globex", "gina", "admin", null, PASSWORD, test, "test");
    root = new ConsoleSession(port);
    root.signIn("root", PASSWORD);
  }

  @Test
  void anAdminSeesTheTenantsUsersAndTheOthersAreRefused() {
    HttpResponse<String> page = root.get("/users");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"user-olga\"", "id=\"user-vic\"", "id=\"user-root\"", "password")
        .doesNotContain("gina");
    assertThat(root.get("/").body()).contains("href=\"/users\"");

    for (String name : List.of("olga", "vic")) {
      ConsoleSession other = new ConsoleSession(port);
      other.signIn(name, PASSWORD);
      assertThat(other.get("/").body()).doesNotContain("href=\"/users\"");
      assertThat(other.get("/users").statusCode()).isEqualTo(403);
      assertThat(other.post("/users/vic/disable", Map.of()).statusCode()).isEqualTo(403);
      assertThat(other.post("/users", Map.of("username", "eve", "role", "admin")).statusCode())
          .isEqualTo(403);
    }
    assertThat(users.get("acme", "vic").disabled()).isFalse();
    assertThat(users.findByUsername("eve")).isEmpty();
  }

  @Test
  void anAdminCreatesAUserWhosePasswordIsShownOnce() {
    root.get("/users");
    HttpResponse<String> created =
        root.post("/users", Map.of("username", "lee", "role", "operator", "person", ""));
    assertThat(created.statusCode()).isEqualTo(302);
    assertThat(ConsoleSession.location(created)).endsWith("/users");

    String page = root.get("/users").body();
    assertThat(page).contains("Created lee (operator).");
    String password = shownPassword(page);
    assertThat(root.get("/users").body()).doesNotContain(password);
    new ConsoleSession(port).signIn("lee", password);
    assertThat(users.get("acme", "lee").role()).isEqualTo(ConsoleRole.OPERATOR);
    assertThat(lastAudit("lee").action()).isEqualTo("console-user.created");
    assertThat(lastAudit("lee").actor().toString()).isEqualTo("console:root");
    assertThat(lastAudit("lee").toString()).doesNotContain(password);
  }

  @Test
  void badInputIsToldAndCreatesNothing() {
    root.get("/users");
    root.post("/users", Map.of("username", "Not A Name", "role", "viewer"));
    assertThat(root.get("/users").body()).contains("username: must be 1-128 characters");
    root.post("/users", Map.of("username", "olga", "role", "viewer"));
    assertThat(root.get("/users").body()).contains("a console user &#39;olga&#39; already exists");
    root.post("/users", Map.of("username", "zed", "role", "boss"));
    assertThat(root.get("/users").body()).contains("&#39;boss&#39; is not a role");
    assertThat(users.list("acme"))
        .extracting(u -> u.username())
        .containsExactly("olga", "root", "vic");
  }

  @Test
  void aRoleChangeIsAuditedAndEndsTheUsersSession() {
    ConsoleSession olga = new ConsoleSession(port);
    olga.signIn("olga", PASSWORD);

    root.get("/users");
    root.post("/users/olga/role", Map.of("role", "viewer"));

    assertThat(root.get("/users").body()).contains("olga is now viewer.");
    assertThat(users.get("acme", "olga").role()).isEqualTo(ConsoleRole.VIEWER);
    AuditEntry entry = lastAudit("olga");
    assertThat(entry.action()).isEqualTo("console-user.role-changed");
    assertThat(entry.actor().toString()).isEqualTo("console:root");
    assertThat(Objects.requireNonNull(entry.before()).get("role").asString()).isEqualTo("operator");
    assertThat(Objects.requireNonNull(entry.after()).get("role").asString()).isEqualTo("viewer");
    HttpResponse<String> next = olga.get("/");
    assertThat(next.statusCode()).isEqualTo(302);
    assertThat(ConsoleSession.location(next)).endsWith("/login");
  }

  @Test
  void aResetPasswordReplacesTheOldOne() {
    root.get("/users");
    root.post("/users/vic/password", Map.of());
    String page = root.get("/users").body();
    assertThat(page).contains("New password for vic.");
    String password = shownPassword(page);

    new ConsoleSession(port).signIn("vic", password);
    assertThat(signInStatus("vic", PASSWORD)).endsWith("/login?error");
    assertThat(lastAudit("vic").action()).isEqualTo("console-user.password-reset");
    assertThat(lastAudit("vic").actor().toString()).isEqualTo("console:root");
  }

  @Test
  void aDisabledUserCannotSignInAndTheirSessionEndsUntilEnabled() {
    ConsoleSession vic = new ConsoleSession(port);
    vic.signIn("vic", PASSWORD);

    root.get("/users");
    root.post("/users/vic/disable", Map.of());

    assertThat(root.get("/users").body()).contains("vic is disabled");
    assertThat(vic.get("/").statusCode()).isEqualTo(302);
    assertThat(signInStatus("vic", PASSWORD)).endsWith("/login?error");
    assertThat(lastAudit("vic").action()).isEqualTo("console-user.disabled");

    root.post("/users/vic/enable", Map.of());
    assertThat(root.get("/users").body()).contains("vic may sign in again.");
    assertThat(lastAudit("vic").action()).isEqualTo("console-user.enabled");
    new ConsoleSession(port).signIn("vic", PASSWORD);
  }

  @Test
  void anAdminCannotDisableThemselvesOrDropTheirOwnAdminRole() {
    int entries = audit.entriesFor("acme", "console-user", "root").size();
    root.get("/users");
    root.post("/users/root/disable", Map.of());
    assertThat(root.get("/users").body()).contains("you cannot disable yourself");
    root.post("/users/root/role", Map.of("role", "operator"));
    assertThat(root.get("/users").body()).contains("you cannot take away your own admin role");

    assertThat(users.get("acme", "root").role()).isEqualTo(ConsoleRole.ADMIN);
    assertThat(users.get("acme", "root").disabled()).isFalse();
    assertThat(audit.entriesFor("acme", "console-user", "root")).hasSize(entries);
  }

  @Test
  void aFormWithoutItsCsrfTokenOrForAnotherTenantsUserChangesNothing() {
    root.get("/users");
    HttpResponse<String> forged = root.post("/users/vic/disable", Map.of("_csrf", "forged"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(users.get("acme", "vic").disabled()).isFalse();

    root.get("/users");
    root.post("/users/gina/disable", Map.of());
    assertThat(root.get("/users").body()).contains("console user &#39;gina&#39; does not exist");
    assertThat(users.get("globex", "gina").disabled()).isFalse();
  }

  private String signInStatus(String username, String password) {
    ConsoleSession session = new ConsoleSession(port);
    session.get("/login");
    return ConsoleSession.location(
        session.post("/login", Map.of("username", username, "password", password)));
  }

  private AuditEntry lastAudit(String username) {
    List<AuditEntry> trail = audit.entriesFor("acme", "console-user", username);
    return trail.get(trail.size() - 1);
  }

  private static String shownPassword(String page) {
    Matcher m = SHOWN_PASSWORD.matcher(page);
    assertThat(m.find()).as("a password shown on the page").isTrue();
    return m.group(1);
  }
}
