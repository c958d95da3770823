package dev.baton.delivery.slack;

import static dev.baton.delivery.slack.AssignmentMessage.escape;
import static dev.baton.delivery.slack.AssignmentMessage.truncate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Block Kit DM to one approver of an approval request: the work item's title linked to the
 * source, the action asked for, who asked and why, and Approve / Deny buttons while the request is
 * pending; once decided, the outcome in place of the buttons. Buttons carry the approval id as
 * their {@code value}. Text from people and sources is escaped.
 *
 * @param action what is asked, already escaped, e.g. "reassign to <@U0DAVE01>"
 * @param requester who asked, already escaped (a mention when they use Slack)
 * @param state the request's state: {@code pending}, {@code approved}, {@code denied}, {@code
 *     expired} or {@code failed}
 * @param decidedBy who decided, already escaped, when decided
 */
record ApprovalMessage(
    String approvalId,
    String title,
    @Nullable String externalKey,
    @Nullable String url,
    String action,
    String requester,
    @Nullable String reason,
    String state,
    @Nullable String decidedBy,
    @Nullable String decisionReason) {

  static final String APPROVE = "baton.approve";
  static final String DENY = "baton.deny";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  String headline() {
    return new AssignmentMessage("", title, externalKey, url, "", "", null, null, null).headline();
  }

  /** The notification text (and what clients without Block Kit show). */
  String text() {
    return truncate(
        (state.equals("pending") ? "Approval requested" : "Approval " + state)
            + ": "
            + action
            + " of "
            + headline()
            + ", asked by "
            + requester,
        AssignmentMessage.MAX_TEXT);
  }

  ArrayNode blocks() {
    ArrayNode blocks = NODES.arrayNode();
    blocks.add(section("*Approval requested:* *" + headline() + "*"));
    ObjectNode facts = NODES.objectNode().put("type", "section");
    ArrayNode fields = facts.putArray("fields");
    fields.add(mrkdwn("*Action*\n" + action));
    fields.add(mrkdwn("*Requested by*\n" + requester));
    if (reason != null && !reason.isBlank()) {
      fields.add(mrkdwn("*Reason*\n" + escape(reason)));
    }
    blocks.add(facts);
    if (state.equals("pending")) {
      ObjectNode actions =
          NODES.objectNode().put("type", "actions").put("block_id", "baton.approval");
      actions
          .putArray("elements")
          .add(button("Approve", APPROVE, "primary"))
          .add(button("Deny", DENY, "danger"));
      blocks.add(actions);
    } else {
      blocks.add(context(outcome()));
    }
    return blocks;
  }

  /** "Approved by <@U…>: reason", "Expired: no decision within PT24H; the policy denies", …. */
  String outcome() {
    String text =
        switch (state) {
          case "approved" -> ":white_check_mark: Approved";
          case "denied" -> ":no_entry: Denied";
          case "expired" -> ":hourglass: Expired";
          case "failed" -> ":warning: Failed";
          default -> escape(state);
        };
    if (decidedBy != null && !state.equals("expired")) {
      text += " by " + decidedBy;
    }
    if (decisionReason != null && !decisionReason.isBlank()) {
      text += ": " + escape(decisionReason);
    }
    return text;
  }

  private ObjectNode button(String label, String actionId, String style) {
    ObjectNode button = NODES.objectNode().put("type", "button").put("action_id", actionId);
    button.set("text", NODES.objectNode().put("type", "plain_text").put("text", label));
    button.put("value", approvalId);
    button.put("style", style);
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
    return NODES
        .objectNode()
        .put("type", "mrkdwn")
        .put("text", truncate(text, AssignmentMessage.MAX_FIELD));
  }
}
