package dev.baton.delivery.jira;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Atlassian's OAuth 2.0 token endpoint ({@code POST /oauth/token}) on loopback, for the refresh
 * grant with rotating refresh tokens: it knows one client and one valid refresh token; each refresh
 * answers access token {@code at-<n>} (expires in 3600 s) and the new refresh token {@code rt-<n>},
 * after which the old one is refused like Atlassian does (403, {@code invalid_grant}). Answers can
 * be scripted ({@link #next}).
 */
final class FakeTokenEndpoint implements AutoCloseable {

  static final String CLIENT_ID = "baton-client-id";
  static final String CLIENT_SECRET = "baton-client-secret-Zq81";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A scripted answer to the next request. */
  private record Scripted(int status, String body) {}

  private final HttpServer server;
  private final List<JsonNode> requests = new ArrayList<>();
  private final Deque<Scripted> scripted = new ArrayDeque<>();
  private @Nullable String validRefreshToken;
  private int issued;
  private java.time.Duration delay = java.time.Duration.ZERO;

  FakeTokenEndpoint(String refreshToken) throws IOException {
    validRefreshToken = refreshToken;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/oauth/token", this::handle);
    server.start();
  }

  String tokenUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token";
  }

  synchronized List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** The refresh token it accepts now (the newest it issued). */
  synchronized @Nullable String validRefreshToken() {
    return validRefreshToken;
  }

  /** Forgets the grant: every refresh token is refused from now on. */
  synchronized void revoke() {
    validRefreshToken = null;
  }

  /** A new grant (the user authorized Baton again): this refresh token is accepted. */
  synchronized void grant(String refreshToken) {
    validRefreshToken = refreshToken;
  }

  /** Every later answer comes only after {@code delay}, as a slow token endpoint. */
  synchronized void delay(java.time.Duration delay) {
    this.delay = delay;
  }

  synchronized void next(int status, String body) {
    scripted.add(new Scripted(status, body));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Scripted answer;
    java.time.Duration wait;
    synchronized (this) {
      JsonNode request = JSON.readTree(body);
      requests.add(request);
      answer = scripted.isEmpty() ? answer(exchange, request) : scripted.removeFirst();
      wait = delay;
    }
    if (!wait.isZero()) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Scripted answer(HttpExchange exchange, JsonNode request) {
    if (!exchange.getRequestMethod().equals("POST")
        || !exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")
        || !request.path("grant_type").asString("").equals("refresh_token")) {
      return new Scripted(400, "{\"error\":\"unsupported_grant_type\"}");
    }
    if (!request.path("client_id").asString("").equals(CLIENT_ID)
        || !request.path("client_secret").asString("").equals(CLIENT_SECRET)) {
      return new Scripted(
          401, "{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}");
    }
    if (validRefreshToken == null
        || !request.path("refresh_token").asString("").equals(validRefreshToken)) {
      return new Scripted(
          403,
          "{\"error\":\"invalid_grant\",\"error_description\":\"Unknown or invalid refresh"
              + " token.\"}");
    }
    issued++;
    validRefreshToken = "rt-" + issued;
    ObjectNode token = JSON.createObjectNode();
    token.put("access_token", "at-" + issued);
    token.put("expires_in", 3600);
    token.put("token_type", "Bearer");
    token.put("refresh_token", validRefreshToken);
    token.put("scope", "read:jira-work write:jira-work offline_access");
    return new Scripted(200, token.toString());
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
