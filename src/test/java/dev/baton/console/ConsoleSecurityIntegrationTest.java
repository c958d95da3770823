package dev.baton.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.Actor;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.testsupport.IntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's security chain beside the API's: pages need a signed-in user, the session never
 * authenticates an API call, a wrong password or a missing CSRF token is refused, and a viewer's
 * POST is refused while an operator's goes through and is audited with the console user.
 */
class ConsoleSecurityIntegrationTest extends IntegrationTest {

  static final String PASSWORD = "correct-horse-battery";

  @Autowired ConsoleUsers users;

  @BeforeEach
  void users() {
    users.create("acme", "olga", "operator", null, PASSWORD, Actor.system("test"), "test");
    users.create("acme", "vic", "viewer", null, PASSWORD, Actor.system("test"), "test");
  }

  @Test
  void pagesNeedASignedInUserAndTheSessionDoesNotOpenTheApi() throws Exception {
    HttpClient anonymous = client();
    HttpResponse<String> page = send(anonymous, get("/work-items"));
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");

    assertThat(send(anonymous, get("/login")).body())
        .as("no single sign-on without an issuer")
        .doesNotContain("/oauth2/authorization/sso");

    HttpClient signedIn = client();
    signIn(signedIn, "olga", PASSWORD);
    assertThat(send(signedIn, get("/work-items")).statusCode()).isEqualTo(200);
    HttpResponse<String> api = send(signedIn, get("/api/v1/work-items"));
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(acme.get("/api/v1/work-items").status()).isEqualTo(200);
  }

  @Test
  void aWrongPasswordAndAMissingCsrfTokenAreRefused() throws Exception {
    HttpClient client = client();
    String token = csrf(send(client, get("/login")).body());
    HttpResponse<String> wrong =
        send(client, form("/login", "username=olga&password=nope-nope-nope&_csrf=" + token));
    assertThat(wrong.statusCode()).isEqualTo(302);
    assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/login?error");

    HttpResponse<String> noToken =
        send(client(), form("/login", "username=olga&password=" + PASSWORD));
    assertThat(noToken.statusCode()).isEqualTo(403);
  }

  @Test
  void aViewerIsRefusedAnActionAnOperatorTakesItAudited() throws Exception {
    String id =
        acme.post(
                "/api/v1/work-items",
                "{\"title\":\"Closable\",\"type\":\"bug\",\"priority\":\"P3\"}")
            .json()
            .get("id")
            .asString();

    HttpClient viewer = client();
    String viewerToken = signIn(viewer, "vic", PASSWORD);
    HttpResponse<String> refused =
        send(viewer, form("/work-items/" + id + "/actions", "action=close&_csrf=" + viewerToken));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(
            acme.get("/api/v1/work-items/" + id).json().get("assignment").get("state").asString())
        .isEqualTo("UNASSIGNED");

    HttpClient operator = client();
    String operatorToken = signIn(operator, "olga", PASSWORD);
    HttpResponse<String> done =
        send(
            operator,
            form("/work-items/" + id + "/actions", "action=close&_csrf=" + operatorToken));
    assertThat(done.statusCode()).isEqualTo(302);
    assertThat(
            acme.get("/api/v1/work-items/" + id).json().get("assignment").get("state").asString())
        .isEqualTo("CLOSED");
    var trail = acme.get("/api/v1/work-items/" + id + "/audit").json().get("items");
    var last = trail.get(trail.size() - 1);
    assertThat(last.get("action").asString()).isEqualTo("assignment.closed");
    assertThat(last.get("actor").get("type").asString()).isEqualTo("console");
    assertThat(last.get("actor").get("id").asString()).isEqualTo("olga");
  }

  /** Signs in and returns a CSRF token of the new session, for the forms to post. */
  private String signIn(HttpClient client, String username, String password) throws Exception {
    String token = csrf(send(client, get("/login")).body());
    HttpResponse<String> answer =
        send(
            client,
            form("/login", "username=" + username + "&password=" + password + "&_csrf=" + token));
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location").orElse("")).doesNotContain("error");
    return csrf(send(client, get("/")).body());
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a CSRF field in the page").isTrue();
    return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
  }

  private HttpRequest form(String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
