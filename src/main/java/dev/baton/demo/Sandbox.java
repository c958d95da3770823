package dev.baton.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's stand-in for Slack and Jira, as the console's sandbox page shows it: the Slack
 * messages Baton posted (with their buttons) and the Jira issues it changed (assignee, comments),
 * the calls it made, and the buttons, which press like Slack's: a signed interaction to Baton's own
 * Slack hook as the person the message is for.
 */
public class Sandbox {

  /** The demo Slack integration's bot token, which the sandbox's Web API checks. */
  public static final String BOT_TOKEN = "xoxb-demo-sandbox-bot-token";

  static final String TEAM = "T0DEMO";
  static final String DECLINE_REASON = "Declined in the demo sandbox";

  private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)>");
  private static final Pattern LINK = Pattern.compile("<([^<>|]+)\\|([^<>]*)>");

  /** A Slack message as a person would see it. */
  public record SlackMessageView(
      String channel,
      String conversation,
      String ts,
      String headline,
      List<Field> fields,
      List<String> notes,
      List<Button> buttons,
      List<String> replies,
      int updates,
      Instant postedAt) {}

  /** A labelled field of a message. */
  public record Field(String label, String value) {}

  /** A button: its Slack action id, label and style. */
  public record Button(String actionId, String label, @Nullable String style) {}

  /** A Jira issue as Baton left it. */
  public record JiraIssueView(String key, String assignee, List<CommentView> comments) {}

  /** A Jira comment, its ADF body as plain lines. */
  public record CommentView(Instant created, List<String> lines) {}

  /** One call Baton made to Slack or Jira. */
  public record CallView(Instant at, String system, String call, String target, String outcome) {}

  /** What pressing a button did. */
  public record Pressed(boolean sent, String message) {}

  private final SlackSandbox slack;
  private final JiraSandbox jira;
  private final DemoPeople people;
  private final DemoHooks hooks;
  private final JsonMapper json;
  private final Clock clock;
  private final Deque<String> replies = new ArrayDeque<>();
  private long actions;

  Sandbox(
      SlackSandbox slack,
      JiraSandbox jira,
      DemoPeople people,
      DemoHooks hooks,
      JsonMapper json,
      Clock clock) {
    this.slack = slack;
    this.jira = jira;
    this.people = people;
    this.hooks = hooks;
    this.json = json;
    this.clock = clock;
  }

  /** Slack's top-level messages, newest first, with their thread replies. */
  public List<SlackMessageView> slackMessages() {
    List<SlackSandbox.Message> all = slack.messages();
    List<SlackMessageView> views = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      SlackSandbox.Message m = all.get(i);
      if (m.threadTs() != null) {
        continue;
      }
      List<String> thread =
          all.stream()
              .filter(r -> r.channel().equals(m.channel()) && m.ts().equals(r.threadTs()))
              .map(r -> plain(r.text()))
              .toList();
      views.add(view(m, thread));
    }
    return views;
  }

  /** The Jira issues Baton changed, most recently changed first. */
  public List<JiraIssueView> jiraIssues() {
    return jira.issues().stream()
        .map(
            i ->
                new JiraIssueView(
                    i.key(),
                    i.assignee() == null
                        ? "Unassigned"
                        : people
                            .byJira(i.assignee())
                            .map(DemoPeople.Person::name)
                            .orElse(i.assignee()),
                    i.comments().stream()
                        .map(c -> new CommentView(c.created(), adf(c.body())))
                        .toList()))
        .toList();
  }

  /** The newest {@code limit} calls to Slack and Jira, newest first. */
  public List<CallView> calls(int limit) {
    List<Map.Entry<Instant, CallView>> all = new ArrayList<>();
    for (SlackSandbox.Call c : slack.calls()) {
      all.add(
          Map.entry(c.at(), new CallView(c.at(), "Slack", c.method(), c.channel(), c.outcome())));
    }
    for (JiraSandbox.Call c : jira.calls()) {
      all.add(
          Map.entry(
              c.at(),
              new CallView(
                  c.at(), "Jira", c.method() + " " + c.path(), "", Integer.toString(c.status()))));
    }
    return all.stream()
        .sorted(Map.Entry.<Instant, CallView>comparingByKey(Comparator.reverseOrder()))
        .limit(limit)
        .map(Map.Entry::getValue)
        .toList();
  }

  /** What Baton told the people who pressed buttons (Slack's ephemeral answers), newest first. */
  public synchronized List<String> replies() {
    List<String> newestFirst = new ArrayList<>(replies);
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  /**
   * Presses a message's button as Slack would: a signed {@code block_actions} interaction to
   * Baton's Slack hook, as the person the message is for. A Decline then submits the dialog Baton
   * opened, with a fixed reason.
   */
  public Pressed press(String conversation, String ts, String actionId) {
    Optional<SlackSandbox.Message> found = slack.message(conversation, ts);
    if (found.isEmpty()) {
      return new Pressed(false, "That message is no longer in the sandbox.");
    }
    SlackSandbox.Message message = found.get();
    Optional<JsonNode> button =
        message.buttons().stream()
            .filter(b -> b.path("action_id").asString("").equals(actionId))
            .findFirst();
    Optional<String> user = message.presser();
    if (button.isEmpty() || user.isEmpty()) {
      return new Pressed(false, "The message has no such button, or nobody to press it as.");
    }
    String trigger = trigger();
    ObjectNode payload = blockActions(message, button.get(), user.get(), trigger);
    DemoHooks.Answer answer = hooks.slackInteraction(payload.toString());
    if (answer.status() != 200) {
      return new Pressed(false, "Baton answered " + answer.status() + ": " + answer.body());
    }
    if (actionId.equals("baton.decline")) {
      Optional<SlackSandbox.OpenedView> view = slack.view(trigger);
      if (view.isEmpty()) {
        return new Pressed(true, "Decline pressed; Baton opened no dialog (see its reply).");
      }
      DemoHooks.Answer submitted =
          hooks.slackInteraction(submission(view.get().view(), user.get(), trigger).toString());
      return new Pressed(
          submitted.status() == 200,
          "Declined as " + name(user.get()) + " with the reason \"" + DECLINE_REASON + "\".");
    }
    return new Pressed(true, label(button.get()) + " pressed as " + name(user.get()) + ".");
  }

  synchronized void reply(String body) {
    String text = body;
    try {
      text = json.readTree(body).path("text").asString(body);
    } catch (tools.jackson.core.JacksonException notJson) {
      // Slack takes what it is given; show it as is
    }
    replies.addLast(plain(text));
    while (replies.size() > 50) {
      replies.removeFirst();
    }
  }

  /** The messages offering work with an Accept button, for the simulated people. */
  List<SlackSandbox.Message> offers() {
    return slack.messages().stream()
        .filter(m -> m.threadTs() == null && m.channel().startsWith("D"))
        .filter(
            m ->
                m.buttons().stream()
                    .anyMatch(b -> "baton.accept".equals(b.path("action_id").asString(""))))
        .toList();
  }

  private ObjectNode blockActions(
      SlackSandbox.Message message, JsonNode button, String user, String trigger) {
    ObjectNode payload = json.createObjectNode();
    payload.put("type", "block_actions");
    payload.putObject("team").put("id", TEAM).put("domain", "baton-demo");
    String login = people.bySlack(user).map(DemoPeople.Person::id).orElse(user.toLowerCase());
    payload
        .putObject("user")
        .put("id", user)
        .put("username", login)
        .put("name", login)
        .put("team_id", TEAM);
    payload.put("api_app_id", "A0DEMOBATON");
    payload.put("token", "demo-verification-token");
    payload
        .putObject("container")
        .put("type", "message")
        .put("message_ts", message.ts())
        .put("channel_id", message.channel())
        .put("is_ephemeral", false);
    payload.put("trigger_id", trigger);
    payload.putObject("channel").put("id", message.channel()).put("name", channelName(message));
    ObjectNode original =
        payload
            .putObject("message")
            .put("type", "message")
            .put("subtype", "bot_message")
            .put("text", message.text())
            .put("ts", message.ts());
    if (message.blocks() != null) {
      original.set("blocks", message.blocks());
    }
    payload.put("response_url", hooks.responseUrl());
    ObjectNode action = payload.putArray("actions").addObject();
    action.put("action_id", button.path("action_id").asString());
    action.put("block_id", "baton.item");
    action.set("text", button.path("text"));
    action.put("value", button.path("value").asString());
    action.put("type", "button");
    action.put("action_ts", actionTs());
    return payload;
  }

  private ObjectNode submission(JsonNode opened, String user, String trigger) {
    ObjectNode view = ((ObjectNode) opened).deepCopy();
    view.put("id", "V" + trigger.replace(".", ""));
    view.put("hash", trigger);
    view.putObject("state")
        .putObject("values")
        .putObject("reason")
        .putObject("reason")
        .put("type", "plain_text_input")
        .put("value", DECLINE_REASON);
    ObjectNode payload = json.createObjectNode();
    payload.put("type", "view_submission");
    payload.putObject("team").put("id", TEAM).put("domain", "baton-demo");
    payload.putObject("user").put("id", user).put("team_id", TEAM);
    payload.put("api_app_id", "A0DEMOBATON");
    payload.put("token", "demo-verification-token");
    payload.put("trigger_id", trigger + "1");
    payload.set("view", view);
    payload.putArray("response_urls");
    return payload;
  }

  private SlackMessageView view(SlackSandbox.Message m, List<String> thread) {
    String headline = plain(m.text());
    List<Field> fields = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Button> buttons = new ArrayList<>();
    if (m.blocks() != null) {
      boolean first = true;
      for (JsonNode block : m.blocks()) {
        String type = block.path("type").asString("");
        if (type.equals("section") && block.path("text").isObject() && first) {
          headline = plain(block.path("text").path("text").asString(""));
          first = false;
        }
        for (JsonNode field : block.path("fields")) {
          String text = field.path("text").asString("");
          int nl = text.indexOf('\n');
          fields.add(
              nl < 0
                  ? new Field("", plain(text))
                  : new Field(plain(text.substring(0, nl)), plain(text.substring(nl + 1))));
        }
        if (type.equals("context")) {
          block.path("elements").forEach(e -> notes.add(plain(e.path("text").asString(""))));
        }
      }
      for (JsonNode b : m.buttons()) {
        buttons.add(
            new Button(
                b.path("action_id").asString(""),
                label(b),
                b.path("style").isString() ? b.path("style").asString() : null));
      }
    }
    return new SlackMessageView(
        m.channel(),
        conversationName(m),
        m.ts(),
        headline,
        fields,
        notes,
        buttons,
        thread,
        m.updates(),
        m.postedAt());
  }

  private String conversationName(SlackSandbox.Message m) {
    if (m.channel().startsWith("D")) {
      return "DM with " + name(m.channel().substring(1));
    }
    return "#" + channelName(m);
  }

  private static String channelName(SlackSandbox.Message m) {
    return SlackSandbox.CHANNELS.entrySet().stream()
        .filter(e -> e.getValue().equals(m.channel()))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(m.channel());
  }

  private String name(String slackUser) {
    return people.bySlack(slackUser).map(DemoPeople.Person::name).orElse(slackUser);
  }

  private static String label(JsonNode button) {
    return button.path("text").path("text").asString("");
  }

  /** Slack mrkdwn as the text a person reads: mentions by name, links by label, no markers. */
  String plain(String mrkdwn) {
    Matcher mention = MENTION.matcher(mrkdwn);
    StringBuilder out = new StringBuilder();
    while (mention.find()) {
      mention.appendReplacement(out, Matcher.quoteReplacement("@" + name(mention.group(1))));
    }
    mention.appendTail(out);
    String text = LINK.matcher(out.toString()).replaceAll("$2");
    return text.replace("*", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .strip();
  }

  /** An Atlassian Document Format body as lines of plain text, one per paragraph. */
  static List<String> adf(JsonNode body) {
    List<String> lines = new ArrayList<>();
    for (JsonNode block : body.path("content")) {
      StringBuilder line = new StringBuilder();
      text(block, line);
      if (!line.isEmpty()) {
        lines.add(line.toString());
      }
    }
    return lines;
  }

  private static void text(JsonNode node, StringBuilder out) {
    if (node.path("text").isString()) {
      out.append(node.path("text").asString());
    }
    for (JsonNode child : node.path("content")) {
      text(child, out);
    }
  }

  private synchronized String trigger() {
    return clock.millis() + "." + (++actions) + ".demo";
  }

  private synchronized String actionTs() {
    long micros = clock.millis() * 1000 + (++actions % 1000);
    return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
  }
}
