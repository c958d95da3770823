package dev.baton.delivery.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Block Kit message about one work item's assignment: its title linked to the source, priority,
 * state, owner, the decision's why sentence and the buttons that still make sense. Only the summary
 * an assignment event carries is shown, never a ticket's body or description. Text from people and
 * sources is escaped, so a title cannot mention {@code @channel} or forge a link.
 *
 * @param owner how the owner is shown: a mention ({@code <@U…>}), a name, or null when unowned
 * @param why the sentence of the decision that placed the work, when one did
 * @param change what the event did, e.g. "Accepted by person:alice", already escaped; null for none
 */
record AssignmentMessage(
    String workItemId,
    String title,
    @Nullable String externalKey,
    @Nullable String url,
    String priority,
    String state,
    @Nullable String owner,
    @Nullable String why,
    @Nullable String change) {

  static final String ACCEPT = "baton.accept";
  static final String DECLINE = "baton.decline";
  static final String REASSIGN = "baton.reassign";
  static final int MAX_TEXT = 3000;
  static final int MAX_FIELD = 2000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The title with its source key, linked to the source when it has an http(s) URL. */
  String headline() {
    String label = escape(externalKey == null ? title : externalKey + " " + title);
    if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
      return "<" + linkTarget(url) + "|" + label + ">";
    }
    return label;
  }

  /** The notification text (and what clients without Block Kit show). */
  String text() {
    String who = owner == null ? "unassigned" : owner;
    return truncate(
        "[" + escape(priority) + "] " + headline() + ": " + stateLabel() + ", " + who, MAX_TEXT);
  }

  ArrayNode blocks() {
    ArrayNode blocks = NODES.arrayNode();
    blocks.add(section("*" + headline() + "*"));
    ObjectNode facts = NODES.objectNode().put("type", "section");
    ArrayNode fields = facts.putArray("fields");
    fields.add(mrkdwn("*Priority*\n" + escape(priority)));
    fields.add(mrkdwn("*State*\n" + stateLabel()));
    fields.add(mrkdwn("*Owner*\n" + (owner == null ? "_nobody yet_" : owner)));
    blocks.add(facts);
    if (why != null && !why.isBlank()) {
      blocks.add(context("*Why:* " + escape(why)));
    }
    if (change != null) {
      blocks.add(context(change));
    }
    List<ObjectNode> buttons = buttons();
    if (!buttons.isEmpty()) {
      ObjectNode actions = NODES.objectNode().put("type", "actions").put("block_id", "baton.item");
      actions.putArray("elements").addAll(buttons);
      blocks.add(actions);
    }
    return blocks;
  }

  /**
   * The buttons the state allows: Accept and Decline while offered, Accept (claim) while queued,
   * Reassign while open; none once closed or unassigned.
   */
  List<ObjectNode> buttons() {
    List<ObjectNode> buttons = new ArrayList<>();
    switch (state) {
      case "OFFERED" -> {
        buttons.add(button("Accept", ACCEPT, "primary"));
        buttons.add(button("Decline", DECLINE, "danger"));
        buttons.add(button("Reassign", REASSIGN, null));
      }
      case "QUEUED" -> {
        buttons.add(button("Accept", ACCEPT, "primary"));
        buttons.add(button("Reassign", REASSIGN, null));
      }
      case "ACCEPTED", "IN_PROGRESS", "BLOCKED" -> buttons.add(button("Reassign", REASSIGN, null));
      default -> {}
    }
    return buttons;
  }

  String stateLabel() {
    String words = state.replace('_', ' ').toLowerCase(Locale.ROOT);
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private ObjectNode button(String label, String actionId, @Nullable String style) {
    ObjectNode button = NODES.objectNode().put("type", "button").put("action_id", actionId);
    button.set("text", NODES.objectNode().put("type", "plain_text").put("text", label));
    button.put("value", workItemId);
    if (style != null) {
      button.put("style", style);
    }
    return button;
  }

  private static ObjectNode section(String text) {
    ObjectNode section = NODES.objectNode().put("type", "section");
    section.set("text", mrkdwn(text));
    return section;
  }

  private static ObjectNode context(String text) {
    ObjectNode context = NODES.objectNode().put("type", "context");
    context.putArray("elements").add(mrkdwn(text));
    return context;
  }

  private static ObjectNode mrkdwn(String text) {
    return NODES.objectNode().put("type", "mrkdwn").put("text", truncate(text, MAX_FIELD));
  }

  /** Slack's three control characters, escaped as its formatting reference asks. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String linkTarget(String url) {
    return url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20");
  }

  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** The summary fields of an assignment event's {@code data.workItem}. */
  static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? value.asString() : null;
  }
}
