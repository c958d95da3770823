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
import java.util.Map;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Jira site on loopback that answers like Jira Cloud's REST API v3 for the few calls the
 * connector makes, keeps the comments it was given (with their properties) and records every
 * request. Answers can be scripted per call ({@link #next}), or held back ({@link #slow}) after the
 * call has done its work, as a Jira that is slow to answer a request that landed. A {@link Mode}
 * applies to every request until changed (the fault tests' phases), and each answer is logged with
 * the time of a clock the test may set ({@link #answered}).
 */
final class FakeJira implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request as it arrived. */
  record Recorded(
      String method, String path, String query, Map<String, List<String>> headers, String body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse("");
    }

    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  /** A scripted answer to the next request whose method and path end match. */
  record Scripted(
      String method, String pathEnd, int status, Map<String, String> headers, String body) {}

  /** How every request is answered until the mode changes. */
  enum Mode {
    /** As Jira would. */
    NORMAL,
    /** Does the work, then answers only after {@link #SLOW_ANSWER}: past a client's timeout. */
    SLOW,
    /** 429 with {@code Retry-After} {@link #THROTTLE_SECONDS} and a site-wide reason. */
    THROTTLED,
    /** 503 and dropped connections (closed without an answer), in turn; nothing is done. */
    FAILING
  }

  static final java.time.Duration SLOW_ANSWER = java.time.Duration.ofMillis(2500);
  static final int THROTTLE_SECONDS = 30;

  /**
   * One answer: when it came ({@link System#nanoTime}), the clock's time then, the request, and the
   * status (0 for a dropped connection).
   */
  record Answered(long wallNanos, java.time.Instant at, String method, String path, int status) {}

  private volatile Mode mode = Mode.NORMAL;
  private volatile java.util.function.Supplier<java.time.Instant> now = java.time.Instant::now;
  private final List<Answered> answered = new ArrayList<>();
  private int failures;

  private final HttpServer server;
  private final List<Recorded> requests = new ArrayList<>();
  private final Deque<Scripted> scripted = new ArrayDeque<>();
  private final ArrayNode comments = JSON.createArrayNode();
  private final Deque<Slow> slow = new ArrayDeque<>();

  /** The next request whose method and path end match is handled, then answered after a delay. */
  private record Slow(String method, String pathEnd, java.time.Duration delay) {}

  FakeJira() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  synchronized List<Recorded> requests(String method, String pathEnd) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().endsWith(pathEnd))
        .toList();
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  /** The clock the {@link #answered} log reads (the test's clock). */
  void clock(java.util.function.Supplier<java.time.Instant> now) {
    this.now = now;
  }

  synchronized List<Answered> answered() {
    return List.copyOf(answered);
  }

  /** The comments kept so far, with their properties. */
  synchronized List<JsonNode> comments() {
    List<JsonNode> list = new ArrayList<>();
    comments.forEach(list::add);
    return list;
  }

  synchronized void next(
      String method, String pathEnd, int status, Map<String, String> headers, String body) {
    scripted.add(new Scripted(method, pathEnd, status, headers, body));
  }

  /**
   * The next request matching {@code method} and {@code pathEnd} does what it asks (a comment is
   * kept), but its answer comes only after {@code delay}.
   */
  synchronized void slow(String method, String pathEnd, java.time.Duration delay) {
    slow.add(new Slow(method, pathEnd, delay));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Recorded r =
        new Recorded(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery() == null
                ? ""
                : exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            body);
    Scripted answer;
    java.time.Duration delay = java.time.Duration.ZERO;
    Mode current = mode;
    synchronized (this) {
      requests.add(r);
      if (current == Mode.FAILING && failures++ % 2 == 1) {
        answered.add(new Answered(System.nanoTime(), now.get(), r.method(), r.path(), 0));
        exchange.close();
        return;
      }
      answer =
          switch (current) {
            case THROTTLED ->
                new Scripted(
                    "",
                    "",
                    429,
                    Map.of(
                        "Retry-After",
                        Integer.toString(THROTTLE_SECONDS),
                        "RateLimit-Reason",
                        "jira-quota-tenant-based"),
                    "");
            case FAILING -> new Scripted("", "", 503, Map.of(), "");
            default -> {
              Scripted s = scripted(r);
              yield s == null ? normal(r) : s;
            }
          };
      if (current == Mode.SLOW) {
        delay = SLOW_ANSWER;
      }
      answered.add(
          new Answered(System.nanoTime(), now.get(), r.method(), r.path(), answer.status()));
      for (var it = slow.iterator(); it.hasNext(); ) {
        Slow s = it.next();
        if (s.method().equals(r.method()) && r.path().endsWith(s.pathEnd())) {
          it.remove();
          delay = s.delay();
          break;
        }
      }
    }
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    if (!answer.body().isEmpty()) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private @Nullable Scripted scripted(Recorded r) {
    for (var it = scripted.iterator(); it.hasNext(); ) {
      Scripted s = it.next();
      if (s.method().equals(r.method()) && r.path().endsWith(s.pathEnd())) {
        it.remove();
        return s;
      }
    }
    return null;
  }

  /** What Jira answers when nothing is scripted. */
  private Scripted normal(Recorded r) {
    if (r.method().equals("POST") && r.path().endsWith("/comment")) {
      JsonNode sent = r.json();
      ObjectNode comment = JSON.createObjectNode();
      comment.put("id", Integer.toString(10000 + comments.size()));
      comment.set("body", sent.get("body"));
      comment.set(
          "properties",
          sent.path("properties").isMissingNode()
              ? JSON.createArrayNode()
              : sent.get("properties"));
      comments.add(comment);
      ObjectNode answer = comment.deepCopy();
      answer.remove("properties");
      return new Scripted("", "", 201, Map.of(), answer.toString());
    }
    if (r.method().equals("GET") && r.path().endsWith("/comment")) {
      ObjectNode page = JSON.createObjectNode();
      page.put("startAt", 0);
      page.put("maxResults", 100);
      page.put("total", comments.size());
      page.set("comments", comments.deepCopy());
      return new Scripted("", "", 200, Map.of(), page.toString());
    }
    return new Scripted("", "", 204, Map.of(), "");
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
