package dev.baton.delivery.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's Web API on loopback, answering like Slack: {@code chat.postMessage} (a new {@code ts},
 * the conversation id), {@code chat.update} (only of a message it holds), {@code
 * conversations.history} and {@code conversations.replies} (with message metadata), {@code
 * conversations.list} and {@code conversations.open}. It checks the bearer token and records every
 * call; a test can queue a canned failure for a method, or have it hold its answer (after storing
 * the message) until released, so the caller times out with the message landed. Messages to an
 * interaction's {@code response_url} ({@link #responseUrl}) are recorded as they come. A {@link
 * Mode} applies to every Web API call until changed (the fault tests' phases), and each answer is
 * logged with the time of a clock the test may set ({@link #answered}).
 */
public final class FakeSlackWebApi implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One request: the method, its Authorization header, its form (or query) parameters and its W3C
   * {@code traceparent} header.
   */
  public record Call(
      String method,
      @Nullable String authorization,
      Map<String, String> params,
      @Nullable String traceparent) {

    public String param(String name) {
      String value = params.get(name);
      if (value == null) {
        throw new AssertionError(method + " had no " + name + ": " + params);
      }
      return value;
    }

    public JsonNode json(String name) {
      return JSON.readTree(param(name));
    }
  }

  /** A message as Slack keeps it. */
  public record Stored(
      String channel,
      String ts,
      @Nullable String threadTs,
      String text,
      @Nullable String metadata) {}

  /** A canned answer: HTTP status, Retry-After (or null) and body. */
  record Canned(int status, @Nullable String retryAfter, String body) {}

  /** Channel names the workspace has, with their ids. */
  public static final Map<String, String> CHANNELS =
      Map.of("incidents", "C0INCIDENTS", "ops", "C0OPS0001");

  /** How every Web API call is answered until the mode changes. */
  public enum Mode {
    /** As Slack would. */
    NORMAL,
    /** Does the work, then answers only after {@link #SLOW_ANSWER}: past a client's timeout. */
    SLOW,
    /** HTTP 429 {@code ratelimited} with {@code Retry-After} {@link #THROTTLE_SECONDS}. */
    THROTTLED,
    /** 503 and dropped connections (closed without an answer), in turn; nothing is done. */
    FAILING
  }

  public static final java.time.Duration SLOW_ANSWER = java.time.Duration.ofMillis(2500);
  public static final int THROTTLE_SECONDS = 30;

  /**
   * One answer: when it came ({@link System#nanoTime}), the clock's time then, the method, and the
   * status (0 for a dropped connection).
   */
  public record Answered(long wallNanos, java.time.Instant at, String method, int status) {}

  private volatile Mode mode = Mode.NORMAL;
  private volatile java.util.function.Supplier<java.time.Instant> now = java.time.Instant::now;
  private final List<Answered> answered = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger failures =
      new java.util.concurrent.atomic.AtomicInteger();

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Stored> messages = new CopyOnWriteArrayList<>();
  private final List<JsonNode> responses = new CopyOnWriteArrayList<>();
  private final Map<String, List<Canned>> canned = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000100L);
  private volatile String botToken;

  private FakeSlackWebApi(String botToken) throws IOException {
    this.botToken = botToken;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/", this::handle);
    server.createContext("/actions/", this::respond);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  public static FakeSlackWebApi start(String botToken) {
    try {
      return new FakeSlackWebApi(botToken);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
  }

  public void reset(String token) {
    botToken = token;
    calls.clear();
    messages.clear();
    responses.clear();
    canned.clear();
    held.values().forEach(CountDownLatch::countDown);
    held.clear();
    mode = Mode.NORMAL;
    answered.clear();
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  /** The clock the {@link #answered} log reads (the test's clock). */
  public void clock(java.util.function.Supplier<java.time.Instant> now) {
    this.now = now;
  }

  public List<Answered> answered() {
    return List.copyOf(answered);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  public List<Stored> messages() {
    return List.copyOf(messages);
  }

  /** An interaction's {@code response_url} on this fake. */
  public String responseUrl(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/actions/" + name;
  }

  /** The JSON messages posted to response URLs so far. */
  public List<JsonNode> responses() {
    return List.copyOf(responses);
  }

  private void respond(HttpExchange exchange) throws IOException {
    try (exchange) {
      responses.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
      send(exchange, 200, "ok");
    }
  }

  /** The next call of {@code method} gets this answer instead of Slack's. */
  void fail(String method, Canned answer) {
    canned.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>()).add(answer);
  }

  /**
   * The next call of {@code method} is carried out but answered only after {@link #release} (or 10
   * seconds), so a client with a shorter timeout gives up with the message landed.
   */
  void hold(String method) {
    held.put(method, new CountDownLatch(1));
  }

  void release(String method) {
    CountDownLatch latch = held.remove(method);
    if (latch != null) {
      latch.countDown();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> params = form(exchange.getRequestURI().getRawQuery());
      params.putAll(form(body));
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      calls.add(
          new Call(
              method, authorization, params, exchange.getRequestHeaders().getFirst("traceparent")));
      Mode current = mode;
      if (current == Mode.FAILING) {
        if (failures.getAndIncrement() % 2 == 1) {
          answered.add(new Answered(System.nanoTime(), now.get(), method, 0));
          return;
        }
        answered.add(new Answered(System.nanoTime(), now.get(), method, 503));
        send(exchange, 503, "{\"ok\":false,\"error\":\"service_unavailable\"}");
        return;
      }
      if (current == Mode.THROTTLED) {
        answered.add(new Answered(System.nanoTime(), now.get(), method, 429));
        exchange.getResponseHeaders().add("Retry-After", Integer.toString(THROTTLE_SECONDS));
        send(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
        return;
      }
      answered.add(new Answered(System.nanoTime(), now.get(), method, 200));
      List<Canned> answers = canned.get(method);
      if (answers != null && !answers.isEmpty()) {
        Canned answer = answers.remove(0);
        if (answer.retryAfter() != null) {
          exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        send(exchange, answer.status(), answer.body());
        return;
      }
      ObjectNode answer;
      if (!("Bearer " + botToken).equals(authorization)) {
        answer = error("invalid_auth");
      } else {
        answer = answer(method, params);
      }
      if (current == Mode.SLOW) {
        try {
          Thread.sleep(SLOW_ANSWER);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      CountDownLatch latch = held.get(method);
      if (latch != null) {
        try {
          latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      send(exchange, 200, answer.toString());
    }
  }

  private ObjectNode answer(String method, Map<String, String> params) {
    return switch (method) {
      case "chat.postMessage" -> post(params);
      case "chat.update" -> update(params);
      case "conversations.history" -> history(params, false);
      case "conversations.replies" -> history(params, true);
      case "conversations.list" -> list();
      case "conversations.open" -> {
        ObjectNode ok = ok();
        ok.putObject("channel").put("id", "D" + params.get("users"));
        yield ok;
      }
      default -> error("unknown_method");
    };
  }

  private ObjectNode post(Map<String, String> params) {
    String channel = conversationId(params.getOrDefault("channel", ""));
    if (channel == null) {
      return error("channel_not_found");
    }
    String ts = nextTs();
    messages.add(
        new Stored(
            channel,
            ts,
            params.get("thread_ts"),
            params.getOrDefault("text", ""),
            params.get("metadata")));
    ObjectNode ok = ok().put("channel", channel).put("ts", ts);
    ok.putObject("message").put("type", "message").put("text", params.get("text")).put("ts", ts);
    return ok;
  }

  private ObjectNode update(Map<String, String> params) {
    String channel = params.getOrDefault("channel", "");
    String ts = params.getOrDefault("ts", "");
    for (int i = 0; i < messages.size(); i++) {
      Stored m = messages.get(i);
      if (m.channel().equals(channel) && m.ts().equals(ts)) {
        messages.set(
            i,
            new Stored(channel, ts, m.threadTs(), params.getOrDefault("text", ""), m.metadata()));
        return ok().put("channel", channel).put("ts", ts).put("text", params.get("text"));
      }
    }
    return error(
        CHANNELS.containsValue(channel) || channel.startsWith("D")
            ? "message_not_found"
            : "channel_not_found");
  }

  private ObjectNode history(Map<String, String> params, boolean replies) {
    String channel = params.getOrDefault("channel", "");
    boolean withMetadata =
        "true".equals(params.get("include_all_metadata"))
            || "1".equals(params.get("include_all_metadata"));
    ObjectNode ok = ok().put("has_more", false);
    ArrayNode list = ok.putArray("messages");
    List<Stored> newestFirst = new ArrayList<>(messages);
    java.util.Collections.reverse(newestFirst);
    for (Stored m : newestFirst) {
      boolean inThread = m.threadTs() != null;
      if (!m.channel().equals(channel)
          || (replies ? !params.getOrDefault("ts", "").equals(m.threadTs()) : inThread)) {
        continue;
      }
      ObjectNode message =
          list.addObject().put("type", "message").put("text", m.text()).put("ts", m.ts());
      if (withMetadata && m.metadata() != null) {
        message.set("metadata", JSON.readTree(m.metadata()));
      }
    }
    return ok;
  }

  private static ObjectNode list() {
    ObjectNode ok = ok();
    ArrayNode channels = ok.putArray("channels");
    CHANNELS.forEach((name, id) -> channels.addObject().put("id", id).put("name", name));
    ok.putObject("response_metadata").put("next_cursor", "");
    return ok;
  }

  /** The id a posted-to channel has: a name, an id the workspace has, or a user (their DM). */
  private static @Nullable String conversationId(String channel) {
    if (channel.startsWith("#")) {
      return CHANNELS.get(channel.substring(1));
    }
    if (CHANNELS.containsValue(channel)) {
      return channel;
    }
    if (channel.startsWith("U")) {
      return "D" + channel;
    }
    return null;
  }

  private String nextTs() {
    long micros = clock.incrementAndGet();
    return String.format(java.util.Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
  }

  private static ObjectNode ok() {
    return JSON.createObjectNode().put("ok", true);
  }

  private static ObjectNode error(String error) {
    return JSON.createObjectNode().put("ok", false).put("error", error);
  }

  private static Map<String, String> form(@Nullable String encoded) {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    } catch (IOException e) {
      // the client gave up waiting (a held answer): Slack would not notice either
    }
  }

  @Override
  public void close() {
    reset(botToken);
    server.stop(0);
  }
}
