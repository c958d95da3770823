package dev.baton.bench;

import dev.baton.ingest.HookSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signed webhook deliveries in the vendors' shapes: GitHub {@code issues} (opened, edited, closed),
 * Jira {@code jira:issue_created} and {@code jira:issue_updated}, and Slack {@code block_actions}
 * presses of Baton's Accept button. The shapes are the vendor fixtures' ({@code
 * BATON_VENDOR_FIXTURES} or {@code ../shared/fixtures}, read where they lie) when present, else the
 * bench's own small templates in {@code bench/}; the bench sets the fields that identify the item,
 * its version and the action.
 */
final class LoadPayloads {

  private static final JsonMapper JSON = BatonClient.JSON;
  private static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  /** A request ready to send: the delivery id that dedupes it, its headers and raw body. */
  record Signed(String deliveryId, Map<String, String> headers, byte[] body) {}

  private final ObjectNode github;
  private final ObjectNode jira;
  private final ObjectNode slack;
  private final String source;

  LoadPayloads() {
    Path fixtures = fixtures();
    this.source =
        fixtures == null ? "bench templates (no vendor fixtures found)" : fixtures.toString();
    this.github =
        template(fixtures, "github/issues.opened.json", "bench/github-issues-opened.json");
    this.jira = template(fixtures, "jira/jira_issue_created.json", "bench/jira-issue-created.json");
    this.slack = slackTemplate(fixtures);
  }

  /** Where the shapes came from. */
  String source() {
    return source;
  }

  /** A GitHub {@code issues} delivery: {@code action} on issue {@code n} at {@code version}. */
  Signed github(String secret, String deliveryId, String action, long n, Instant version) {
    ObjectNode body = github.deepCopy();
    body.put("action", action);
    ObjectNode issue = (ObjectNode) body.get("issue");
    String repo =
        "https://api.github.com/repos/"
            + body.path("repository").path("full_name").asString("bench/load");
    issue.put("id", 900_000_000L + n);
    issue.put("node_id", "I_load" + n);
    issue.put("number", n);
    issue.put(
        "title",
        "Load issue "
            + n
            + ("edited".equals(action) ? " (edited " + version.toEpochMilli() + ")" : ""));
    issue.put("url", repo + "/issues/" + n);
    issue.put("html_url", "https://github.com/bench/load/issues/" + n);
    issue.put("state", "closed".equals(action) ? "closed" : "open");
    issue.put("updated_at", version.toString());
    issue.putNull("assignee");
    issue.putArray("assignees");
    if ("closed".equals(action)) {
      issue.put("closed_at", version.toString());
    } else {
      issue.putNull("closed_at");
    }
    if ("edited".equals(action)) {
      body.putObject("changes").putObject("title").put("from", "Load issue " + n);
    } else {
      body.remove("changes");
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", "GitHub-Hookshot/load-bench");
    headers.put("X-GitHub-Event", "issues");
    headers.put("X-GitHub-Delivery", deliveryId);
    headers.put("X-Hub-Signature-256", HookSignatures.sha256(secret, bytes));
    return new Signed(deliveryId, headers, bytes);
  }

  /**
   * A Jira issue event on issue {@code n} ({@code LOAD-n}) at {@code version}: {@code created}, an
   * {@code updated} summary change, or {@code closed} (status moved to Done).
   */
  Signed jira(
      String secret, String deliveryId, String action, long n, Instant version, long change) {
    ObjectNode body = jira.deepCopy();
    String key = key(n);
    boolean created = action.equals("created");
    body.put("webhookEvent", created ? "jira:issue_created" : "jira:issue_updated");
    body.put("issue_event_type_name", created ? "issue_created" : "issue_generic");
    body.put("timestamp", version.toEpochMilli());
    ObjectNode issue = (ObjectNode) body.get("issue");
    issue.put("id", Long.toString(700_000 + n));
    issue.put("key", key);
    issue.put("self", "https://load-bench.atlassian.net/rest/api/2/issue/" + (700_000 + n));
    ObjectNode fields = (ObjectNode) issue.get("fields");
    fields.put(
        "summary",
        "Load issue "
            + key
            + (action.equals("updated") ? " (edited " + version.toEpochMilli() + ")" : ""));
    fields.put("updated", JIRA_TIME.format(version));
    fields.putNull("assignee");
    ObjectNode category =
        fields.putObject("status").put("name", action.equals("closed") ? "Done" : "To Do");
    category.putObject("statusCategory").put("key", action.equals("closed") ? "done" : "new");
    ObjectNode changelog = body.putObject("changelog").put("id", Long.toString(change));
    ArrayNode items = changelog.putArray("items");
    if (action.equals("updated")) {
      items
          .addObject()
          .put("field", "summary")
          .put("fieldtype", "jira")
          .put("fieldId", "summary")
          .put("fromString", "Load issue " + key)
          .put("toString", fields.path("summary").asString());
    } else if (action.equals("closed")) {
      items
          .addObject()
          .put("field", "status")
          .put("fieldtype", "jira")
          .put("fieldId", "status")
          .put("fromString", "To Do")
          .put("toString", "Done");
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", "Atlassian Webhook HTTP Client");
    headers.put("X-Atlassian-Webhook-Identifier", deliveryId);
    headers.put("X-Hub-Signature", HookSignatures.sha256(secret, bytes));
    return new Signed(deliveryId, headers, bytes);
  }

  static String key(long n) {
    return "LOAD-" + n;
  }

  /**
   * A press of the Accept button on a message Baton posted: Slack's {@code block_actions} form,
   * signed with the signing secret at {@code now}. Slack dedupes a click by team, user, {@code
   * action_ts} and {@code action_id}, which is what the returned delivery id stands for.
   */
  Signed slackAccept(
      String signingSecret,
      LoadReceiver.SlackMessage message,
      String workItem,
      String responseUrl,
      Instant now,
      long n) {
    ObjectNode payload = slack.deepCopy();
    payload.put("type", "block_actions");
    payload.putObject("team").put("id", "T0LOADBENCH").put("domain", "load-bench");
    payload
        .putObject("user")
        .put("id", message.user())
        .put("name", message.user().toLowerCase(java.util.Locale.ROOT))
        .put("team_id", "T0LOADBENCH");
    payload.put("trigger_id", n + ".1000.load" + n);
    payload.put("response_url", responseUrl);
    payload
        .putObject("container")
        .put("type", "message")
        .put("message_ts", message.ts())
        .put("channel_id", message.channel())
        .put("is_ephemeral", false);
    payload.putObject("channel").put("id", message.channel()).put("name", "directmessage");
    ObjectNode posted = payload.putObject("message").put("type", "message").put("ts", message.ts());
    posted.put("text", "Load bench item");
    String actionTs =
        String.format(java.util.Locale.ROOT, "%d.%06d", now.getEpochSecond(), n % 1_000_000);
    ArrayNode actions = payload.putArray("actions");
    ObjectNode action = actions.addObject();
    action.put("type", "button").put("action_id", "baton.accept").put("block_id", "baton.item");
    action.put("value", workItem).put("action_ts", actionTs);
    action.putObject("text").put("type", "plain_text").put("text", "Accept");
    byte[] bytes =
        ("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    long timestamp = now.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)");
    headers.put("X-Slack-Request-Timestamp", Long.toString(timestamp));
    headers.put("X-Slack-Signature", HookSignatures.slack(signingSecret, timestamp, bytes));
    return new Signed(
        "T0LOADBENCH:" + message.user() + ":" + actionTs + ":baton.accept", headers, bytes);
  }

  private static @Nullable Path fixtures() {
    String configured = System.getenv("BATON_VENDOR_FIXTURES");
    Path dir =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of("..", "shared", "fixtures");
    return Files.isDirectory(dir) ? dir : null;
  }

  private static ObjectNode template(@Nullable Path fixtures, String fixture, String resource) {
    if (fixtures != null && Files.isRegularFile(fixtures.resolve(fixture))) {
      try {
        return (ObjectNode) JSON.readTree(Files.readAllBytes(fixtures.resolve(fixture)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return resource(resource);
  }

  private static ObjectNode slackTemplate(@Nullable Path fixtures) {
    Path form = fixtures == null ? null : fixtures.resolve("slack/block_actions.button.form");
    if (form != null && Files.isRegularFile(form)) {
      try {
        String text = Files.readString(form, StandardCharsets.UTF_8).replace("\uFEFF", "").trim();
        String encoded = text.startsWith("payload=") ? text.substring("payload=".length()) : text;
        JsonNode payload = JSON.readTree(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        if (payload instanceof ObjectNode object) {
          return object;
        }
      } catch (IOException | RuntimeException e) {
        // an unreadable fixture: the bench's own template has the same shape
      }
    }
    return resource("bench/slack-block-actions.json");
  }

  private static ObjectNode resource(String name) {
    try (InputStream in = LoadPayloads.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing");
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
