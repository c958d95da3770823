package dev.baton.ingest;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack requests made from the real captures in the shared fixture corpus, with only ids and values
 * changed to a test's data. Slack's {@code view_submission} has no capture in the corpus (see its
 * SOURCES.md), so a submission is built from the view Baton opened, in the shape of Slack's
 * reference for view interaction payloads.
 */
public final class SlackPayloads {

  public static final String FORM = "application/x-www-form-urlencoded";
  static final String JSON_TYPE = "application/json";
  static final String TEAM = "T0ACME";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AtomicLong TRIGGERS = new AtomicLong();

  private SlackPayloads() {}

  /** Slack's signing example slash command, as {@code /baton <text>} typed by {@code userId}. */
  static byte[] slashCommand(String userId, String text, String responseUrl) {
    Map<String, String> form = parse(fixture("slack/slash_command.signing_example.form"));
    form.put("team_id", TEAM);
    form.put("user_id", userId);
    form.put("command", "/baton");
    form.put("text", text);
    form.put("response_url", responseUrl);
    form.put("trigger_id", trigger());
    return encode(form).getBytes(StandardCharsets.UTF_8);
  }

  /** The captured button click, as {@code userId} clicking {@code actionId} with {@code value}. */
  public static byte[] click(String userId, String actionId, String value, String responseUrl) {
    ObjectNode payload = buttonPayload();
    ((ObjectNode) payload.path("team")).put("id", TEAM);
    ((ObjectNode) payload.path("user")).put("id", userId);
    ObjectNode action = (ObjectNode) payload.path("actions").path(0);
    action.put("action_id", actionId);
    action.put("value", value);
    payload.put("response_url", responseUrl);
    payload.put("trigger_id", trigger());
    return interaction(payload);
  }

  /** The captured button click as it is: someone else's button. */
  static byte[] foreignClick() {
    return fixture("slack/block_actions.button.form");
  }

  static ObjectNode buttonPayload() {
    Map<String, String> form = parse(fixture("slack/block_actions.button.form"));
    return (ObjectNode) JSON.readTree(form.get("payload"));
  }

  /** {@code userId} submitting the view Slack opened, with {@code reason} typed in. */
  static byte[] submission(JsonNode openedView, String userId, String reason) {
    ObjectNode view = ((ObjectNode) openedView).deepCopy();
    ObjectNode values = view.putObject("state").putObject("values");
    values
        .putObject("reason")
        .putObject("reason")
        .put("type", "plain_text_input")
        .put("value", reason);
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "view_submission");
    payload.putObject("team").put("id", TEAM).put("domain", "acme");
    payload
        .putObject("user")
        .put("id", userId)
        .put("username", userId.toLowerCase())
        .put("name", userId.toLowerCase())
        .put("team_id", TEAM);
    payload.put("api_app_id", "A0BATON");
    payload.put("token", "VerificationToken");
    payload.put("trigger_id", trigger());
    payload.set("view", view);
    payload.putArray("response_urls");
    payload.put("is_enterprise_install", false);
    payload.putNull("enterprise");
    return interaction(payload);
  }

  static byte[] interaction(JsonNode payload) {
    return ("payload="
            + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] fixture(String path) {
    return VendorFixtures.bytes(path);
  }

  static Map<String, String> parse(byte[] body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String trigger() {
    return "398738663015.47445629121." + Long.toHexString(TRIGGERS.incrementAndGet());
  }
}
