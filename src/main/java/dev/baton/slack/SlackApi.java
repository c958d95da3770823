package dev.baton.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two calls Baton makes to Slack while answering it: {@code views.open} (the decline dialog,
 * synchronous because its {@code trigger_id} expires in 3 s) and a message to an interaction's
 * {@code response_url} (sent without waiting, since Slack ignores the body of a button's answer).
 */
@Component
@EnableConfigurationProperties(SlackProperties.class)
class SlackApi {

  private static final Logger log = LoggerFactory.getLogger(SlackApi.class);

  private final SlackProperties properties;
  private final JsonMapper json;
  private final HttpClient http;

  SlackApi(SlackProperties properties, JsonMapper json) {
    this.properties = properties;
    this.json = json;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.effectiveTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Opens a modal for the user who triggered {@code triggerId}.
   *
   * @return empty when Slack opened it, else what went wrong (Slack's {@code error}, or why Slack
   *     could not be reached)
   */
  Optional<String> openView(String botToken, String triggerId, Map<String, Object> view) {
    URI url = URI.create(properties.effectiveApiUrl() + "/views.open");
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(properties.effectiveTimeout())
            .header("Authorization", "Bearer " + botToken)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(body(Map.of("trigger_id", triggerId, "view", view)))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.of("Slack answered HTTP " + response.statusCode());
      }
      JsonNode answer = json.readTree(response.body());
      if (answer.path("ok").asBoolean(false)) {
        return Optional.empty();
      }
      return Optional.of(answer.path("error").asString("Slack refused the dialog"));
    } catch (JacksonException e) {
      return Optional.of("Slack's answer was not JSON");
    } catch (IOException e) {
      log.warn("views.open failed: {}", e.toString());
      return Optional.of("Slack could not be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  /**
   * Posts a message to an interaction's {@code response_url} without waiting for it; a failure is
   * logged. URLs that are not Slack's (nor under the configured API URL's host) are not called.
   */
  void respond(@Nullable String responseUrl, Map<String, Object> message) {
    if (responseUrl == null || !isSlack(responseUrl)) {
      log.info("Slack interaction answer not sent: no usable response_url ({})", responseUrl);
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(responseUrl))
            .timeout(properties.effectiveTimeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(body(message))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              if (failure != null) {
                log.warn("posting to Slack's response_url failed: {}", failure.toString());
              } else if (response.statusCode() != 200) {
                log.warn("Slack's response_url answered HTTP {}", response.statusCode());
              }
            });
  }

  /** Slack's own hosts over https, or the host of the configured API URL (a fake in tests). */
  boolean isSlack(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    URI api = properties.effectiveApiUrl();
    if (host.equalsIgnoreCase(api.getHost())
        && uri.getPort() == api.getPort()
        && Objects.equals(uri.getScheme(), api.getScheme())) {
      return true;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    return "https".equals(uri.getScheme())
        && (lower.equals("slack.com") || lower.endsWith(".slack.com"));
  }

  private HttpRequest.BodyPublisher body(Map<String, Object> value) {
    return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(value));
  }
}
