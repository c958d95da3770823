package dev.baton.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's Web API as the sandbox answers it, for the calls Baton makes: {@code chat.postMessage},
 * {@code chat.update}, {@code conversations.history}, {@code conversations.replies}, {@code
 * conversations.list}, {@code conversations.open} and {@code views.open}. It checks the bot token
 * like Slack, keeps the messages (the newest {@value #MAX_MESSAGES} conversations' top-level
 * messages with their thread replies) and records every call, bounded.
 */
final class SlackSandbox {

  static final int MAX_MESSAGES = 100;
  static final int MAX_CALLS = 300;

  /** The workspace's channels: name to id. */
  static final Map<String, String> CHANNELS =
      Map.of("incidents", "C0DEMOINC", "payments", "C0DEMOPAY", "web", "C0DEMOWEB");

  private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)>");

  /** A message as Slack keeps it. */
  record Message(
      String channel,
      String ts,
      @Nullable String threadTs,
      String text,
      @Nullable JsonNode blocks,
      Instant postedAt,
      Instant updatedAt,
      int updates) {

    /** The Slack user the message's buttons are pressed as: the DM's user, else the owner. */
    Optional<String> presser() {
      if (channel.startsWith("D")) {
        return Optional.of(channel.substring(1));
      }
      if (blocks == null) {
        return Optional.empty();
      }
      for (JsonNode block : blocks) {
        for (JsonNode field : block.path("fields")) {
          String text = field.path("text").asString("");
          if (text.startsWith("*Owner*")) {
            Matcher m = MENTION.matcher(text);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
          }
        }
      }
      return Optional.empty();
    }

    /** The work item the message's buttons name, if it has buttons. */
    Optional<String> workItem() {
      return buttons().stream().map(b -> b.path("value").asString("")).findFirst();
    }

    List<JsonNode> buttons() {
      List<JsonNode> buttons = new ArrayList<>();
      if (blocks != null) {
        for (JsonNode block : blocks) {
          if ("actions".equals(block.path("type").asString(""))) {
            block.path("elements").forEach(buttons::add);
          }
        }
      }
      return buttons;
    }
  }

  /** One Web API call Baton made. */
  record Call(long seq, Instant at, String method, String channel, String outcome) {}

  /** A modal Baton opened with {@code views.open}. */
  record OpenedView(String triggerId, JsonNode view) {}

  private final JsonMapper json;
  private final Clock clock;
  private final List<Message> messages = new ArrayList<>();
  private final Deque<Call> calls = new ArrayDeque<>();
  private final Deque<OpenedView> views = new ArrayDeque<>();
  private long seq;
  private long tsCounter;

  SlackSandbox(JsonMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  synchronized ObjectNode call(
      String method, @Nullable String authorization, Map<String, String> params) {
    ObjectNode answer;
    if (!("Bearer " + Sandbox.BOT_TOKEN).equals(authorization)) {
      answer = error("invalid_auth");
    } else {
      answer =
          switch (method) {
            case "chat.postMessage" -> post(params);
            case "chat.update" -> update(params);
            case "conversations.history" -> history(params, false);
            case "conversations.replies" -> history(params, true);
            case "conversations.list" -> list();
            case "conversations.open" -> open(params);
            case "views.open" -> view(params);
            default -> error("unknown_method");
          };
    }
    calls.addLast(
        new Call(
            ++seq,
            clock.instant(),
            method,
            params.getOrDefault("channel", params.getOrDefault("users", "")),
            answer.path("ok").asBoolean() ? "ok" : answer.path("error").asString("error")));
    while (calls.size() > MAX_CALLS) {
      calls.removeFirst();
    }
    return answer;
  }

  synchronized List<Message> messages() {
    return List.copyOf(messages);
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized Optional<Message> message(String channel, String ts) {
    return messages.stream()
        .filter(m -> m.channel().equals(channel) && m.ts().equals(ts))
        .findFirst();
  }

  synchronized Optional<OpenedView> view(String triggerId) {
    return views.stream().filter(v -> v.triggerId().equals(triggerId)).findFirst();
  }

  private ObjectNode post(Map<String, String> params) {
    String channel = conversation(params.getOrDefault("channel", ""));
    if (channel == null) {
      return error("channel_not_found");
    }
    String ts = nextTs();
    Instant now = clock.instant();
    String threadTs = params.get("thread_ts");
    messages.add(
        new Message(
            channel, ts, threadTs, params.getOrDefault("text", ""), blocks(params), now, now, 0));
    trim();
    ObjectNode ok = ok().put("channel", channel).put("ts", ts);
    ok.putObject("message").put("type", "message").put("text", params.get("text")).put("ts", ts);
    return ok;
  }

  private ObjectNode update(Map<String, String> params) {
    String channel = params.getOrDefault("channel", "");
    String ts = params.getOrDefault("ts", "");
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.channel().equals(channel) && m.ts().equals(ts)) {
        messages.set(
            i,
            new Message(
                channel,
                ts,
                m.threadTs(),
                params.getOrDefault("text", m.text()),
                params.containsKey("blocks") ? blocks(params) : m.blocks(),
                m.postedAt(),
                clock.instant(),
                m.updates() + 1));
        return ok().put("channel", channel).put("ts", ts).put("text", params.get("text"));
      }
    }
    return error("message_not_found");
  }

  private ObjectNode history(Map<String, String> params, boolean replies) {
    String channel = params.getOrDefault("channel", "");
    ObjectNode ok = ok().put("has_more", false);
    ArrayNode list = ok.putArray("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      Message m = messages.get(i);
      boolean inThread = m.threadTs() != null;
      if (!m.channel().equals(channel)
          || (replies ? !params.getOrDefault("ts", "").equals(m.threadTs()) : inThread)) {
        continue;
      }
      list.addObject().put("type", "message").put("text", m.text()).put("ts", m.ts());
    }
    return ok;
  }

  private ObjectNode list() {
    ObjectNode ok = ok();
    ArrayNode channels = ok.putArray("channels");
    CHANNELS.forEach((name, id) -> channels.addObject().put("id", id).put("name", name));
    ok.putObject("response_metadata").put("next_cursor", "");
    return ok;
  }

  private ObjectNode open(Map<String, String> params) {
    ObjectNode ok = ok();
    ok.putObject("channel").put("id", "D" + params.getOrDefault("users", ""));
    return ok;
  }

  private ObjectNode view(Map<String, String> params) {
    String trigger = params.getOrDefault("trigger_id", "");
    String view = params.get("view");
    if (trigger.isBlank() || view == null) {
      return error("invalid_arguments");
    }
    JsonNode parsed = json.readTree(view);
    views.addLast(new OpenedView(trigger, parsed));
    while (views.size() > 20) {
      views.removeFirst();
    }
    ObjectNode ok = ok();
    ok.set("view", parsed);
    return ok;
  }

  private @Nullable JsonNode blocks(Map<String, String> params) {
    String blocks = params.get("blocks");
    return blocks == null ? null : json.readTree(blocks);
  }

  private static @Nullable String conversation(String channel) {
    String name = channel.startsWith("#") ? channel.substring(1) : channel;
    if (CHANNELS.containsKey(name)) {
      return CHANNELS.get(name);
    }
    if (CHANNELS.containsValue(channel) || channel.startsWith("D")) {
      return channel;
    }
    if (channel.startsWith("U")) {
      return "D" + channel;
    }
    return null;
  }

  /** Drops the oldest top-level message (and its replies) beyond the bound. */
  private void trim() {
    while (messages.stream().filter(m -> m.threadTs() == null).count() > MAX_MESSAGES) {
      Message oldest =
          messages.stream().filter(m -> m.threadTs() == null).findFirst().orElseThrow();
      messages.removeIf(
          m ->
              m == oldest
                  || (m.channel().equals(oldest.channel()) && oldest.ts().equals(m.threadTs())));
    }
  }

  private String nextTs() {
    long micros = Math.max(clock.millis() * 1000, tsCounter + 1);
    tsCounter = micros;
    return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
  }

  private ObjectNode ok() {
    return json.createObjectNode().put("ok", true);
  }

  private ObjectNode error(String error) {
    return json.createObjectNode().put("ok", false).put("error", error);
  }
}
