package dev.baton.console;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A console user's browser without a browser: a cookie jar, a signed-in session, and the CSRF token
 * its forms carry. Redirects are not followed, so a test sees where an action sends the user.
 */
final class ConsoleClient {

  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private String csrf = "";

  private ConsoleClient(int port) {
    this.port = port;
  }

  /** Signs {@code username} in and keeps the session's CSRF token. */
  static ConsoleClient signedIn(int port, String username, String password) {
    ConsoleClient client = new ConsoleClient(port);
    String token = token(client.get("/login").body());
    HttpResponse<String> answer =
        client.postRaw(
            "/login", "username=" + username + "&password=" + password + "&_csrf=" + token);
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location").orElse("")).doesNotContain("error");
    client.csrf = token(client.get("/").body());
    return client;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).build());
  }

  /** A GET that must answer 200; its page. */
  String page(String path) {
    HttpResponse<String> answer = get(path);
    assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
    return answer.body();
  }

  /** Posts a form ({@code name=value&...}, values already encoded) with the CSRF token. */
  HttpResponse<String> post(String path, String form) {
    return postRaw(path, (form.isEmpty() ? "" : form + "&") + "_csrf=" + csrf);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> postRaw(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String token(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a CSRF field in the page").isTrue();
    return encode(m.group(1));
  }
}
