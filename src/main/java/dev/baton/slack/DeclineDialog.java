package dev.baton.slack;

import static dev.baton.slack.SlackMessages.plain;
import static dev.baton.slack.SlackMessages.section;

import dev.baton.workitem.WorkItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The modal that asks why someone declines work ({@code views.open}), and what its submission
 * carries back: the work item id in {@code private_metadata} and the reason in the input block.
 * Titles and button labels stay within Slack's 24 characters.
 */
final class DeclineDialog {

  static final String CALLBACK_ID = "baton.decline";
  static final String REASON_BLOCK = "reason";
  static final String REASON_ACTION = "reason";

  /** The longest reason an action takes. */
  static final int MAX_REASON = 2000;

  private DeclineDialog() {}

  static Map<String, Object> view(WorkItem item) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("type", "input");
    input.put("block_id", REASON_BLOCK);
    input.put("label", plain("Why can't you take it?"));
    input.put(
        "element",
        Map.of(
            "type",
            "plain_text_input",
            "action_id",
            REASON_ACTION,
            "multiline",
            true,
            "max_length",
            MAX_REASON));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("type", "modal");
    view.put("callback_id", CALLBACK_ID);
    view.put("private_metadata", item.id().toString());
    view.put("title", plain("Decline work"));
    view.put("submit", plain("Decline"));
    view.put("close", plain("Cancel"));
    view.put(
        "blocks",
        List.of(
            section(
                SlackWorkItems.headline(item)
                    + "\nIt will be routed to someone else, never back to you."),
            input));
    return view;
  }

  /** The reason typed into the submitted view, or null when there is none. */
  static @Nullable String reason(JsonNode view) {
    JsonNode value =
        view.path("state").path("values").path(REASON_BLOCK).path(REASON_ACTION).path("value");
    return value.isString() && !value.asString().isBlank() ? value.asString().strip() : null;
  }

  /** Keeps the dialog open with a message under the reason field. */
  static Map<String, Object> error(String message) {
    return Map.of(
        "response_action",
        "errors",
        "errors",
        Map.of(REASON_BLOCK, SlackMessages.truncate(message, 300)));
  }

  /** Replaces the dialog with what happened. */
  static Map<String, Object> done(String mrkdwn) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("type", "modal");
    view.put("title", plain("Declined"));
    view.put("close", plain("Close"));
    view.put("blocks", List.of(section(mrkdwn)));
    return Map.of("response_action", "update", "view", view);
  }
}
