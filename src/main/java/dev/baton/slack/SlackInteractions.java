package dev.baton.slack;

import static dev.baton.slack.SlackMessages.escape;

import dev.baton.assignment.AssignmentAction;
import dev.baton.escalation.Approvals;
import dev.baton.ingest.Integration;
import dev.baton.ingest.SlackBotTokens;
import dev.baton.ingest.SlackEntryPoint.SlackReply;
import dev.baton.platform.BatonException;
import dev.baton.roster.Person;
import dev.baton.workitem.WorkItemActions;
import dev.baton.workitem.WorkItems;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Interactions ({@code payload=<json>}): the Accept, Decline and Reassign buttons ({@code
 * block_actions} whose {@code value} is the work item id), the Approve and Deny buttons of an
 * approval request's DM (whose {@code value} is the approval id) and the submission of the decline
 * dialog ({@code view_submission}). Buttons are answered with an empty 200 (Slack ignores a body
 * there) and a message to the payload's {@code response_url}; the dialog's submission is answered
 * in the body, with {@code response_action}. Other interactions are acknowledged and ignored.
 */
@Component
class SlackInteractions {

  static final String ACCEPT = "baton.accept";
  static final String DECLINE = "baton.decline";
  static final String REASSIGN = "baton.reassign";
  static final String APPROVE = "baton.approve";
  static final String DENY = "baton.deny";

  /** What a Slack user who is not one of a request's approvers is told. */
  static final String NOT_AN_APPROVER = "You are not an approver of this request.";

  /** The reason recorded for a reassign from Slack (a button carries none). */
  static final String REASSIGN_REASON = "reassigned from Slack";

  static final SlackReply ACKNOWLEDGED = new SlackReply(200, null);

  private final SlackPeople people;
  private final SlackWorkItems items;
  private final WorkItemActions actions;
  private final SlackApi slack;
  private final ObjectProvider<SlackBotTokens> tokens;
  private final Approvals approvals;

  SlackInteractions(
      SlackPeople people,
      SlackWorkItems items,
      WorkItemActions actions,
      SlackApi slack,
      ObjectProvider<SlackBotTokens> tokens,
      Approvals approvals) {
    this.people = people;
    this.items = items;
    this.actions = actions;
    this.slack = slack;
    this.tokens = tokens;
    this.approvals = approvals;
  }

  SlackReply answer(Integration integration, JsonNode payload) {
    if (!payload.isObject()) {
      throw new BatonException.BadRequest("form field 'payload' is not a JSON object");
    }
    return switch (payload.path("type").asString("")) {
      case "block_actions" -> buttons(integration, payload);
      case "view_submission" -> submission(integration, payload);
      case "" -> throw new BatonException.BadRequest("payload has no 'type'");
      default -> ACKNOWLEDGED;
    };
  }

  private SlackReply buttons(Integration integration, JsonNode payload) {
    JsonNode action = payload.path("actions").path(0);
    if (!action.isObject()) {
      throw new BatonException.BadRequest("block_actions payload has no 'actions'");
    }
    String actionId = action.path("action_id").asString("");
    if (!actionId.startsWith("baton.")) {
      return ACKNOWLEDGED; // someone else's button, or a link button: nothing for Baton to do
    }
    if (actionId.equals(APPROVE) || actionId.equals(DENY)) {
      return decide(integration, payload, action, actionId.equals(APPROVE));
    }
    if (!actionId.equals(ACCEPT) && !actionId.equals(DECLINE) && !actionId.equals(REASSIGN)) {
      throw new BatonException.BadRequest("action_id '" + actionId + "' is not a Baton action");
    }
    UUID workItem = workItemId(action.path("value").asString(""), "the button's value");
    String user = SlackPeople.userId(text(payload.path("user"), "id"), "payload's user.id");
    String triggerId = text(payload, "trigger_id");
    if (actionId.equals(DECLINE) && triggerId == null) {
      throw new BatonException.BadRequest("block_actions payload has no 'trigger_id'");
    }
    String responseUrl = text(payload, "response_url");
    Optional<Person> person = people.find(integration, user);
    if (person.isEmpty()) {
      slack.respond(responseUrl, SlackMessages.reply(SlackPeople.unknown(user)));
      return ACKNOWLEDGED;
    }
    WorkItemActions.Acting acting = SlackPeople.acting(integration, person.get(), user);
    String reply =
        switch (actionId) {
          case ACCEPT -> accept(acting, workItem);
          case REASSIGN -> reassign(acting, workItem);
          default -> decline(integration, acting, workItem, triggerId);
        };
    if (reply != null) {
      slack.respond(responseUrl, SlackMessages.reply(reply));
    }
    return ACKNOWLEDGED;
  }

  /**
   * Approve or Deny of an approval request's DM: decides it as the Slack user's person, exactly as
   * {@code POST /api/v1/approvals/{id}/approve|deny} would (only an approver may). The DM itself is
   * updated by the Slack connector on the outcome's event.
   */
  private SlackReply decide(
      Integration integration, JsonNode payload, JsonNode action, boolean approve) {
    String approvalId = action.path("value").asString("");
    try {
      UUID.fromString(approvalId);
    } catch (IllegalArgumentException e) {
      throw new BatonException.BadRequest("the button's value is not an approval id");
    }
    String user = SlackPeople.userId(text(payload.path("user"), "id"), "payload's user.id");
    String responseUrl = text(payload, "response_url");
    Optional<Person> person = people.find(integration, user);
    if (person.isEmpty()) {
      slack.respond(responseUrl, SlackMessages.reply(SlackPeople.unknown(user)));
      return ACKNOWLEDGED;
    }
    WorkItemActions.Acting acting = SlackPeople.acting(integration, person.get(), user);
    String verb = approve ? "approve" : "deny";
    String reply;
    try {
      Approvals.View decided =
          approvals.decide(
              integration.tenantId(),
              approvalId,
              acting.actor(),
              SlackPeople.SOURCE,
              approve,
              null);
      reply =
          "You "
              + (approve ? "approved" : "denied")
              + " the "
              + escape(decided.action())
              + " of "
              + items.label(integration.tenantId(), decided.workItem())
              + ".";
    } catch (BatonException.Forbidden e) {
      reply = NOT_AN_APPROVER;
    } catch (BatonException e) {
      reply = "You cannot " + verb + " this request: " + escape(SlackMessages.messageOf(e));
    }
    slack.respond(responseUrl, SlackMessages.reply(reply));
    return ACKNOWLEDGED;
  }

  private String accept(WorkItemActions.Acting acting, UUID workItem) {
    try {
      WorkItems.WithAssignment after =
          actions.apply(
              acting, workItem.toString(), new WorkItemActions.Request("accept", null, null), null);
      return "You accepted " + SlackWorkItems.headline(after.item()) + ".";
    } catch (BatonException e) {
      return refused(acting, "accept", workItem, e);
    }
  }

  private String reassign(WorkItemActions.Acting acting, UUID workItem) {
    try {
      WorkItemActions.Submitted done =
          actions.reassignByPolicy(acting, workItem.toString(), REASSIGN_REASON);
      WorkItems.WithAssignment after = done.applied();
      if (after == null) {
        return done.held() instanceof Approvals.View request
            ? escape(
                "Reassigning to "
                    + request.to()
                    + " needs approval: request "
                    + request.id()
                    + " waits for "
                    + String.join(", ", request.approvers())
                    + ".")
            : "Reassigning this needs approval first.";
      }
      return "Reassigned "
          + SlackWorkItems.headline(after.item())
          + ": "
          + items.standing(acting.tenantId(), after.assignment())
          + "."
          + items.why(acting.tenantId(), after.assignment()).map(w -> "\n>" + escape(w)).orElse("");
    } catch (BatonException e) {
      return refused(acting, "reassign", workItem, e);
    }
  }

  /** Checks that the user may decline now, then asks for the reason in a dialog. */
  private @Nullable String decline(
      Integration integration,
      WorkItemActions.Acting acting,
      UUID workItem,
      @Nullable String triggerId) {
    WorkItems.WithAssignment current;
    try {
      current = actions.checkMayAct(acting, workItem.toString(), AssignmentAction.DECLINE);
    } catch (BatonException e) {
      return refused(acting, "decline", workItem, e);
    }
    SlackBotTokens configured = tokens.getIfAvailable();
    Optional<String> token =
        configured == null ? Optional.empty() : configured.botToken(integration);
    if (token.isEmpty() || triggerId == null) {
      return "Baton cannot open the decline dialog: this Slack integration has no bot token"
          + " configured. Decline "
          + SlackWorkItems.label(current.item())
          + " through the API, giving a reason.";
    }
    Optional<String> failed =
        slack.openView(token.get(), triggerId, DeclineDialog.view(current.item()));
    return failed
        .map(
            error -> "Baton could not open the decline dialog: Slack said `" + escape(error) + "`.")
        .orElse(null);
  }

  /** The decline dialog's submission: declines with the reason, which re-routes the work. */
  private SlackReply submission(Integration integration, JsonNode payload) {
    JsonNode view = payload.path("view");
    if (!view.isObject()) {
      throw new BatonException.BadRequest("view_submission payload has no 'view'");
    }
    if (!DeclineDialog.CALLBACK_ID.equals(view.path("callback_id").asString(""))) {
      return ACKNOWLEDGED; // not Baton's dialog
    }
    UUID workItem =
        workItemId(view.path("private_metadata").asString(""), "the view's private_metadata");
    String user = SlackPeople.userId(text(payload.path("user"), "id"), "payload's user.id");
    String reason = DeclineDialog.reason(view);
    if (reason == null) {
      return new SlackReply(200, DeclineDialog.error("Say why you decline it."));
    }
    Optional<Person> person = people.find(integration, user);
    if (person.isEmpty()) {
      return new SlackReply(200, DeclineDialog.error(plainText(SlackPeople.unknown(user))));
    }
    WorkItemActions.Acting acting = SlackPeople.acting(integration, person.get(), user);
    try {
      WorkItems.WithAssignment after =
          actions.apply(
              acting,
              workItem.toString(),
              new WorkItemActions.Request("decline", null, reason),
              null);
      String tenant = integration.tenantId();
      return new SlackReply(
          200,
          DeclineDialog.done(
              "You declined "
                  + SlackWorkItems.headline(after.item())
                  + ". It is now "
                  + items.standing(tenant, after.assignment())
                  + "."
                  + items.why(tenant, after.assignment()).map(w -> "\n>" + escape(w)).orElse("")));
    } catch (BatonException e) {
      return new SlackReply(
          200, DeclineDialog.error("You cannot decline it: " + SlackMessages.messageOf(e)));
    }
  }

  private String refused(
      WorkItemActions.Acting acting, String what, UUID workItem, BatonException e) {
    return "You cannot "
        + what
        + " "
        + items.label(acting.tenantId(), workItem)
        + ": "
        + escape(SlackMessages.messageOf(e));
  }

  /** Dialog errors are plain text: Slack's mention and code marks are dropped. */
  private static String plainText(String mrkdwn) {
    return mrkdwn.replaceAll("<@([A-Za-z0-9]+)>", "$1").replace("`", "");
  }

  private static UUID workItemId(String value, String where) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new BatonException.BadRequest(where + " is not a work item id");
    }
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() && !value.asString().isBlank() ? value.asString() : null;
  }
}
