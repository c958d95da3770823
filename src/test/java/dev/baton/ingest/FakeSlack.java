package dev.baton.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's side on loopback: {@code POST /api/views.open} answers like Slack (checking the bearer
 * token and that a modal came with a trigger_id) and {@code POST /actions/...} stands for
 * interactions' {@code response_url}s. Every call is recorded for the test to inspect.
 */
final class FakeSlack implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request Slack received. */
  record Call(String path, String authorization, String contentType, JsonNode body) {}

  private final HttpServer server;
  private final BlockingQueue<Call> viewsOpened = new LinkedBlockingQueue<>();
  private final BlockingQueue<Call> responses = new LinkedBlockingQueue<>();
  private final AtomicInteger views = new AtomicInteger();
  private volatile String botToken;

  private FakeSlack(String botToken) throws IOException {
    this.botToken = botToken;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/views.open", this::viewsOpen);
    server.createContext("/actions/", this::response);
    server.start();
  }

  /** Starts a fake that accepts {@code botToken}. */
  static FakeSlack start(String botToken) {
    try {
      return new FakeSlack(botToken);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
  }

  /** A response_url as Slack hands out, pointing here. */
  String responseUrl(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/actions/T0ACME/" + name;
  }

  /** Forgets what was recorded and accepts {@code token} from now on. */
  void reset(String token) {
    botToken = token;
    viewsOpened.clear();
    responses.clear();
  }

  /** The views.open calls so far (views.open is answered before Baton answers Slack). */
  BlockingQueue<Call> viewsOpened() {
    return viewsOpened;
  }

  /**
   * The next message posted to a response_url. Baton posts them without waiting, so this waits at
   * most {@code timeout}; null when none came.
   */
  Call nextResponse(Duration timeout) throws InterruptedException {
    return responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether another response_url message arrives within {@code timeout}. */
  boolean noMoreResponses(Duration timeout) throws InterruptedException {
    return responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) == null;
  }

  private void viewsOpen(HttpExchange exchange) throws IOException {
    Call call = record(exchange);
    viewsOpened.add(call);
    if (!("Bearer " + botToken).equals(call.authorization())) {
      answer(exchange, "{\"ok\":false,\"error\":\"invalid_auth\"}");
      return;
    }
    JsonNode view = call.body().path("view");
    if (call.body().path("trigger_id").asString("").isEmpty() || !view.isObject()) {
      answer(exchange, "{\"ok\":false,\"error\":\"invalid_arguments\"}");
      return;
    }
    int n = views.incrementAndGet();
    ObjectNode opened = ((ObjectNode) view).deepCopy();
    opened.put("id", "V0FAKE" + n);
    opened.put("team_id", "T0ACME");
    opened.put("hash", "1700000000." + n);
    opened.put("root_view_id", "V0FAKE" + n);
    opened.put("app_id", "A0BATON");
    opened.put("bot_id", "B0BATON");
    opened.putObject("state").putObject("values");
    ObjectNode answer = JSON.createObjectNode().put("ok", true);
    answer.set("view", opened);
    answer(exchange, JSON.writeValueAsString(answer));
  }

  private void response(HttpExchange exchange) throws IOException {
    responses.add(record(exchange));
    answer(exchange, "ok");
  }

  private static Call record(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    return new Call(
        exchange.getRequestURI().getPath(),
        exchange.getRequestHeaders().getFirst("Authorization"),
        contentType == null ? "" : contentType.toLowerCase(Locale.ROOT),
        JSON.readTree(body.isEmpty() ? "{}" : body));
  }

  private static void answer(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
