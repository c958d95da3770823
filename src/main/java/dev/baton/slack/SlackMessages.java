package dev.baton.slack;

import dev.baton.platform.BatonException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack message and Block Kit pieces as JSON-ready maps, kept within Slack's limits: a section's
 * text at most {@value #MAX_SECTION} characters, a message's fallback text at most {@value
 * #MAX_TEXT}, a button's label at most 75, at most {@value #MAX_BLOCKS} blocks a message.
 */
final class SlackMessages {

  static final int MAX_SECTION = 3000;
  static final int MAX_TEXT = 3000;
  static final int MAX_BLOCKS = 50;

  private SlackMessages() {}

  /** Seen only by the user who asked. */
  static Map<String, Object> ephemeral(String text) {
    return message("ephemeral", text, List.of());
  }

  /** Posted to the channel for everyone. */
  static Map<String, Object> inChannel(String text) {
    return message("in_channel", text, List.of());
  }

  /**
   * A message with blocks; {@code text} is the notification and fallback text.
   *
   * @param responseType {@code ephemeral} or {@code in_channel}
   */
  static Map<String, Object> message(
      String responseType, String text, List<Map<String, Object>> blocks) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("response_type", responseType);
    message.put("text", truncate(text, MAX_TEXT));
    if (!blocks.isEmpty()) {
      message.put("blocks", List.copyOf(blocks.subList(0, Math.min(blocks.size(), MAX_BLOCKS))));
    }
    return message;
  }

  /** For a {@code response_url}: an ephemeral message that leaves the clicked message as it is. */
  static Map<String, Object> reply(String text) {
    Map<String, Object> message = ephemeral(text);
    message.put("replace_original", false);
    return message;
  }

  static Map<String, Object> section(String mrkdwn) {
    return Map.of("type", "section", "text", mrkdwn(mrkdwn));
  }

  static Map<String, Object> actions(List<Map<String, Object>> elements) {
    return Map.of("type", "actions", "elements", List.copyOf(elements));
  }

  /**
   * @param style {@code primary}, {@code danger} or empty for the default
   */
  static Map<String, Object> button(String label, String actionId, String value, String style) {
    Map<String, Object> button = new LinkedHashMap<>();
    button.put("type", "button");
    button.put("text", plain(truncate(label, 75)));
    button.put("action_id", actionId);
    button.put("value", value);
    if (!style.isEmpty()) {
      button.put("style", style);
    }
    return button;
  }

  static Map<String, Object> mrkdwn(String text) {
    return Map.of("type", "mrkdwn", "text", truncate(text, MAX_SECTION));
  }

  static Map<String, Object> plain(String text) {
    return Map.of("type", "plain_text", "text", text);
  }

  /** Text from users or sources, made safe inside mrkdwn: Slack's three control characters. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** What a refusal says, never null. */
  static String messageOf(BatonException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
