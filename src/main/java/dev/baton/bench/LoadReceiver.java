package dev.baton.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The load generator's loopback stand-in for everything Baton sends to: Slack's Web API ({@code
 * /slack/api/chat.postMessage}, {@code chat.update}, {@code conversations.*}, answered like Slack)
 * and its interactions' {@code response_url}s, a Jira Cloud site ({@code /jira}: the assignee PUT,
 * comments with their entity properties, issue PUTs) and a webhook subscriber ({@code /webhook}).
 * It answers at once, counts what arrives by the delivery id each carries (the {@code webhook-id},
 * Slack message metadata, the Jira comment's {@code baton.delivery} property) and queues an {@link
 * Arrival} for each, so the generator can time the delivery and press the buttons it got.
 */
final class LoadReceiver implements AutoCloseable {

  private static final JsonMapper JSON = BatonClient.JSON;

  /** What arrived, and when: a routed event's webhook, a DM with its Accept button, a comment. */
  record Arrival(Kind kind, String key, Instant at, @Nullable SlackMessage message) {}

  enum Kind {
    /** A webhook of a routed event; key: its correlation id. */
    WEBHOOK_ROUTED,
    /** A Slack message Baton posted; key: its work item id. */
    SLACK_POST,
    /** A Jira comment; key: the issue key. */
    JIRA_COMMENT
  }

  /** A Slack message as posted, with the work item its Accept button acts on (null if none). */
  record SlackMessage(String user, String channel, String ts, @Nullable String acceptValue) {}

  /** Receipts of one destination kind: per delivery id how often it came, and unidentified ones. */
  static final class Receipts {
    final Map<String, AtomicInteger> ids = new ConcurrentHashMap<>();
    final AtomicLong withoutId = new AtomicLong();

    void add(@Nullable String id) {
      if (id == null) {
        withoutId.incrementAndGet();
      } else {
        ids.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      }
    }

    long repeats() {
      return ids.values().stream().mapToLong(n -> n.get() - 1L).sum();
    }
  }

  final Receipts webhooks = new Receipts();
  final Receipts slackPosts = new Receipts();
  final Receipts jiraComments = new Receipts();
  final AtomicLong slackUpdates = new AtomicLong();
  final AtomicLong slackUpdatesOfUnknown = new AtomicLong();
  final AtomicLong jiraAssignees = new AtomicLong();
  final AtomicLong jiraOther = new AtomicLong();
  final AtomicLong slackResponses = new AtomicLong();
  final List<String> slackResponseTexts = new CopyOnWriteArrayList<>();
  final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

  /** Slack's messages per channel id, newest last. */
  private final Map<String, List<ObjectNode>> channels = new ConcurrentHashMap<>();

  private final Map<String, List<ObjectNode>> jiraCommentsByIssue = new ConcurrentHashMap<>();
  private final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);
  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  LoadReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
    server.createContext("/slack/api/", this::slack);
    server.createContext("/slack/respond/", this::respond);
    server.createContext("/jira/", this::jira);
    server.createContext("/webhook", this::webhook);
    server.setExecutor(threads);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String slackApiUrl() {
    return base() + "/slack/api";
  }

  String jiraUrl() {
    return base() + "/jira";
  }

  String webhookUrl() {
    return base() + "/webhook";
  }

  String responseUrl(long n) {
    return base() + "/slack/respond/" + n;
  }

  private void webhook(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Instant at = BenchClock.now();
      answer(exchange, 204, "");
      webhooks.add(exchange.getRequestHeaders().getFirst("webhook-id"));
      JsonNode event = JSON.readTree(body);
      if ("dev.baton.assignment.routed".equals(event.path("type").asString(""))) {
        arrivals.add(
            new Arrival(
                Kind.WEBHOOK_ROUTED, event.path("batoncorrelationid").asString(""), at, null));
      }
    }
  }

  private void respond(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode message = JSON.readTree(exchange.getRequestBody().readAllBytes());
      slackResponses.incrementAndGet();
      slackResponseTexts.add(message.path("text").asString(""));
      answer(exchange, 200, "ok");
    }
  }

  private void slack(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestURI().getPath().substring("/slack/api/".length());
      Map<String, String> params = form(exchange.getRequestURI().getRawQuery());
      params.putAll(
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      ObjectNode answer =
          switch (method) {
            case "chat.postMessage" -> post(params);
            case "chat.update" -> update(params);
            case "conversations.open" -> {
              ObjectNode ok = ok();
              ok.putObject("channel").put("id", "D" + params.getOrDefault("users", ""));
              yield ok;
            }
            case "conversations.history", "conversations.replies" -> history(params);
            case "conversations.list" -> {
              ObjectNode ok = ok();
              ok.putArray("channels")
                  .addObject()
                  .put("id", "C0LOADBENCH")
                  .put("name", "load-bench");
              ok.putObject("response_metadata").put("next_cursor", "");
              yield ok;
            }
            default -> JSON.createObjectNode().put("ok", false).put("error", "unknown_method");
          };
      answer(exchange, 200, answer.toString());
    }
  }

  private ObjectNode post(Map<String, String> params) {
    Instant at = BenchClock.now();
    String channel = params.getOrDefault("channel", "");
    String id =
        channel.startsWith("U") ? "D" + channel : channel.startsWith("#") ? "C0LOADBENCH" : channel;
    String messageTs = nextTs();
    ObjectNode stored =
        JSON.createObjectNode().put("type", "message").put("text", params.getOrDefault("text", ""));
    stored.put("ts", messageTs);
    String deliveryId = null;
    String workItem = null;
    String metadata = params.get("metadata");
    if (metadata != null && !metadata.isBlank()) {
      JsonNode meta = JSON.readTree(metadata);
      stored.set("metadata", meta);
      deliveryId = meta.path("event_payload").path("delivery_id").asString(null);
      workItem = meta.path("event_payload").path("work_item_id").asString(null);
    }
    if (params.get("thread_ts") != null) {
      stored.put("thread_ts", params.get("thread_ts"));
    }
    channels.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(stored);
    slackPosts.add(deliveryId);
    if (workItem != null && params.get("thread_ts") == null) {
      String accept = acceptValue(params.get("blocks"));
      arrivals.add(
          new Arrival(
              Kind.SLACK_POST,
              workItem,
              at,
              new SlackMessage(channel, id, messageTs, channel.startsWith("U") ? accept : null)));
    }
    return ok().put("channel", id).put("ts", messageTs);
  }

  private ObjectNode update(Map<String, String> params) {
    String channel = params.getOrDefault("channel", "");
    String messageTs = params.getOrDefault("ts", "");
    slackUpdates.incrementAndGet();
    boolean known =
        channels.getOrDefault(channel, List.of()).stream()
            .anyMatch(m -> m.path("ts").asString("").equals(messageTs));
    if (!known) {
      slackUpdatesOfUnknown.incrementAndGet();
      return JSON.createObjectNode().put("ok", false).put("error", "message_not_found");
    }
    return ok().put("channel", channel).put("ts", messageTs);
  }

  private ObjectNode history(Map<String, String> params) {
    String thread = params.get("ts");
    ObjectNode ok = ok().put("has_more", false);
    ArrayNode messages = ok.putArray("messages");
    List<ObjectNode> all = new ArrayList<>(channels.getOrDefault(params.get("channel"), List.of()));
    java.util.Collections.reverse(all);
    for (ObjectNode m : all) {
      boolean inThread = m.has("thread_ts");
      if (thread == null ? !inThread : thread.equals(m.path("thread_ts").asString(""))) {
        messages.add(m);
      }
    }
    return ok;
  }

  /** The value of the {@code baton.accept} button among the message's blocks. */
  private static @Nullable String acceptValue(@Nullable String blocks) {
    if (blocks == null || blocks.isBlank()) {
      return null;
    }
    for (JsonNode block : JSON.readTree(blocks)) {
      for (JsonNode element : block.path("elements")) {
        if ("baton.accept".equals(element.path("action_id").asString(""))) {
          return element.path("value").asString(null);
        }
      }
    }
    return null;
  }

  private void jira(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      Instant at = BenchClock.now();
      String issue = issueKey(path);
      if (method.equals("PUT") && path.endsWith("/assignee")) {
        jiraAssignees.incrementAndGet();
        answer(exchange, 204, "");
      } else if (method.equals("POST") && path.endsWith("/comment") && issue != null) {
        JsonNode sent = JSON.readTree(body);
        String deliveryId = null;
        for (JsonNode property : sent.path("properties")) {
          if ("baton.delivery".equals(property.path("key").asString(""))) {
            deliveryId = property.path("value").path("deliveryId").asString(null);
          }
        }
        List<ObjectNode> comments =
            jiraCommentsByIssue.computeIfAbsent(issue, k -> new CopyOnWriteArrayList<>());
        ObjectNode comment = JSON.createObjectNode().put("id", Long.toString(10_000 + ts.get()));
        comment.set("body", sent.path("body"));
        comment.set("properties", sent.path("properties"));
        comments.add(comment);
        answer(exchange, 201, comment.toString());
        jiraComments.add(deliveryId);
        arrivals.add(new Arrival(Kind.JIRA_COMMENT, issue, at, null));
      } else if (method.equals("GET") && path.endsWith("/comment") && issue != null) {
        List<ObjectNode> comments =
            new ArrayList<>(jiraCommentsByIssue.getOrDefault(issue, List.of()));
        java.util.Collections.reverse(comments);
        ObjectNode page = JSON.createObjectNode().put("startAt", 0).put("maxResults", 100);
        page.put("total", comments.size());
        ArrayNode list = page.putArray("comments");
        comments.forEach(list::add);
        answer(exchange, 200, page.toString());
      } else {
        jiraOther.incrementAndGet();
        answer(exchange, 204, "");
      }
    }
  }

  /** {@code /jira/rest/api/3/issue/KEY/...} gives KEY. */
  private static @Nullable String issueKey(String path) {
    String marker = "/rest/api/3/issue/";
    int at = path.indexOf(marker);
    if (at < 0) {
      return null;
    }
    String rest = path.substring(at + marker.length());
    int slash = rest.indexOf('/');
    return URLDecoder.decode(slash < 0 ? rest : rest.substring(0, slash), StandardCharsets.UTF_8);
  }

  private String nextTs() {
    long micros = ts.incrementAndGet();
    return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
  }

  private static ObjectNode ok() {
    return JSON.createObjectNode().put("ok", true);
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

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0) {
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
