package dev.baton.delivery.jira;

import dev.baton.platform.Traces;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Requests to Jira sites: JSON in and out, connect and request timeouts, no redirects, answers read
 * up to {@value #MAX_BODY} bytes; the current span's {@code traceparent} goes with each.
 */
@Component
class JiraHttp {

  static final int MAX_BODY = 1024 * 1024;

  private final HttpClient client;
  private final JiraProperties properties;
  private final Traces traces;

  JiraHttp(JiraProperties properties, Traces traces) {
    this.properties = properties;
    this.traces = traces;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(properties.connect())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Sends one request and reads its answer.
   *
   * @param authorization the {@code Authorization} header, or null for none (the token endpoint)
   * @param json the body, or null for none
   * @throws IOException when no answer came (connection refused or reset, timeout)
   */
  JiraAnswer send(String method, URI uri, @Nullable String authorization, @Nullable String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(properties.request())
            .header("Accept", "application/json")
            .header("User-Agent", "Baton");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    String traceparent = traces.traceparent();
    if (traceparent != null) {
      request.header(Traces.TRACEPARENT, traceparent);
    }
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
              }
            });
    return new JiraAnswer(response.statusCode(), headers, body);
  }
}
