package dev.baton.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.Actor;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.tenant.Scopes;
import dev.baton.testsupport.IntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without {@code --demo} there is no sandbox: its API and its console page answer 404. */
class SandboxOffIntegrationTest extends IntegrationTest {

  static final String PASSWORD = "correct-horse-battery";

  @Autowired ConsoleUsers users;

  @Test
  void withoutTheDemoTheSandboxPathsAnswer404() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    assertThat(
            send(client, post("/sandbox/slack/api/chat.postMessage", "channel=%23incidents"))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            send(client, post("/sandbox/jira/rest/api/3/issue/SHOP-1/comment", "{}")).statusCode())
        .isEqualTo(404);
    assertThat(send(client, get("/sandbox/jira/rest/api/3/issue/SHOP-1/comment")).statusCode())
        .isEqualTo(404);

    tenants.create("default", "Default", List.of(Scopes.ADMIN), Actor.system("test"), "test", null);
    users.create("default", "dee", "admin", null, PASSWORD, Actor.system("test"), "test");
    String token = csrf(send(client, get("/login")).body());
    HttpResponse<String> signedIn =
        send(client, form("/login", "username=dee&password=" + PASSWORD + "&_csrf=" + token));
    assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
    HttpResponse<String> overview = send(client, get("/"));
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body()).doesNotContain("/sandbox");
    assertThat(send(client, get("/sandbox")).statusCode()).isEqualTo(404);
    assertThat(send(client, get("/sandbox/feed")).statusCode()).isEqualTo(404);
    String formToken = csrf(overview.body());
    assertThat(
            send(
                    client,
                    form(
                        "/sandbox/press",
                        "conversation=C0DEMOINC&ts=1.2&action=baton.accept&_csrf=" + formToken))
                .statusCode())
        .isEqualTo(404);
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a CSRF field in the page").isTrue();
    return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
  }

  private HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer xoxb-demo-sandbox-bot-token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest form(String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request)
      throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
