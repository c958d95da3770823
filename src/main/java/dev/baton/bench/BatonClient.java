package dev.baton.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The load generator's calls to Baton's API with an admin token; every failure is loud. */
final class BatonClient {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final String url;
  private final String token;
  private final HttpClient http;

  BatonClient(String url, String token, HttpClient http) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = token;
    this.http = http;
  }

  String url() {
    return url;
  }

  HttpClient http() {
    return http;
  }

  /** The answer's body as JSON, when the status is the one expected. */
  JsonNode send(String method, String path, String body, String contentType, int... expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", contentType);
    request.method(
        method,
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    for (int status : expected) {
      if (answer.statusCode() == status) {
        return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
      }
    }
    throw new IllegalStateException(
        method + " " + path + " answered HTTP " + answer.statusCode() + ": " + answer.body());
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send("GET", path, "", "application/json", 200);
  }

  JsonNode post(String path, String json) throws IOException, InterruptedException {
    return send("POST", path, json, "application/json", 200, 201);
  }

  /** Actuator text, which needs no token; empty when the endpoint is not exposed. */
  String prometheus() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    return answer.statusCode() == 200 ? answer.body() : "";
  }
}
