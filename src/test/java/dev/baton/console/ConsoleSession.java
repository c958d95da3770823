package dev.baton.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for console tests: keeps cookies, follows no redirect on its own (so
 * tests see each one), signs in by password or through the OpenID provider's login form, and posts
 * forms with the CSRF token of the page last read.
 */
final class ConsoleSession {

  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
  private static final int MAX_HOPS = 12;

  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final String base;
  private String csrf = "";

  ConsoleSession(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String pathOrUrl) {
    HttpResponse<String> page =
        send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").build());
    remember(page.body());
    return page;
  }

  /** Posts a form with the CSRF token of the last page read (unless the form names its own). */
  HttpResponse<String> post(String pathOrUrl, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.putIfAbsent("_csrf", csrf);
    String body =
        all.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(uri(pathOrUrl))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Signs in with a password and reads the overview (for a CSRF token to post with). */
  void signIn(String username, String password) {
    get("/login");
    HttpResponse<String> answer =
        post("/login", Map.of("username", username, "password", password));
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(location(answer)).as("signed in").doesNotContain("error");
    assertThat(get("/").statusCode()).isEqualTo(200);
  }

  /**
   * Signs in through single sign-on as a browser would: Baton's SSO link, the provider's login form
   * (filled with {@code username} and {@code password}), and every redirect back to Baton. Returns
   * the first page that is not a redirect; it is read, so its CSRF token is posted next.
   */
  HttpResponse<String> signInWithSso(String username, String password) {
    HttpResponse<String> page = get("/oauth2/authorization/sso");
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      if (page.statusCode() / 100 == 3) {
        page = get(page.uri().resolve(location(page)).toString());
      } else if (page.statusCode() == 200
          && !page.uri().toString().startsWith(base)
          && page.uri().getPath().equals("/login")) {
        page = post(page.uri().toString(), Map.of("username", username, "password", password));
      } else {
        return page;
      }
    }
    throw new AssertionError("single sign-on did not settle in " + MAX_HOPS + " redirects");
  }

  static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse("");
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
  }

  private void remember(String html) {
    Matcher m = CSRF.matcher(html);
    if (m.find()) {
      csrf = m.group(1) != null ? m.group(1) : m.group(2);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
