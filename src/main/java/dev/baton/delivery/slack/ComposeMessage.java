package dev.baton.delivery.slack;

import dev.baton.delivery.Connector.OutboxEvent;
import dev.baton.roster.People;
import dev.baton.roster.Person;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Reads an assignment event into the {@link AssignmentMessage} that shows it. */
@Component
class ComposeMessage {

  private final People people;
  private final ItemHistory history;

  ComposeMessage(People people, ItemHistory history) {
    this.people = people;
    this.history = history;
  }

  AssignmentMessage of(OutboxEvent event) {
    JsonNode data = event.cloudEvent().path("data");
    JsonNode item = data.path("workItem");
    String state = data.path("assignment").path("state").asString("UNASSIGNED");
    return new AssignmentMessage(
        event.subject(),
        orEmpty(AssignmentMessage.text(item, "title")),
        AssignmentMessage.text(item, "externalKey"),
        AssignmentMessage.text(item, "url"),
        orEmpty(AssignmentMessage.text(item, "priority")),
        state,
        ownerLabel(event.tenantId(), data),
        why(event, data),
        change(event.type(), data));
  }

  /** The thread reply of an escalation: to whom, and why when a reason was given. */
  String escalationReply(OutboxEvent event) {
    JsonNode data = event.cloudEvent().path("data");
    String owner = ownerLabel(event.tenantId(), data);
    String reason = AssignmentMessage.text(data, "reason");
    String text = ":rotating_light: Escalated to " + (owner == null ? "nobody" : owner);
    if (reason != null && !reason.isBlank()) {
      text += ": " + AssignmentMessage.escape(reason);
    }
    return AssignmentMessage.truncate(text, AssignmentMessage.MAX_TEXT);
  }

  /**
   * The thread reply for {@code sla.at_risk} or {@code sla.breached}: which target (time to accept
   * or to resolve) and when it runs or ran out.
   */
  String slaReply(OutboxEvent event) {
    JsonNode sla = event.cloudEvent().path("data").path("sla");
    String metric = sla.path("metric").asString("");
    String breachAt = sla.path("breachAt").asString("");
    boolean breached = event.type().equals("sla.breached");
    String text =
        (breached ? ":red_circle: SLA breached: time to " : ":warning: SLA at risk: time to ")
            + AssignmentMessage.escape(metric)
            + (breached ? " ran out at " : " runs out at ")
            + AssignmentMessage.escape(breachAt);
    return AssignmentMessage.truncate(text, AssignmentMessage.MAX_TEXT);
  }

  /**
   * Reads an approval event into the DM to an approver: the request itself ({@code
   * approval.requested}, whose data has {@code workItem} and {@code approval}) or an outcome (whose
   * data is the decided request; the work item's summary comes from the request's event).
   */
  ApprovalMessage approval(OutboxEvent event) {
    JsonNode data = event.cloudEvent().path("data");
    boolean requested = event.type().equals(PlanSlackDeliveries.APPROVAL_REQUESTED);
    JsonNode approval = requested ? data.path("approval") : data;
    JsonNode item =
        requested
            ? data.path("workItem")
            : history
                .approvalRequest(
                    event.tenantId(), event.subject(), approval.path("id").asString(""))
                .map(d -> d.path("workItem"))
                .orElse(data.path("workItem"));
    String action = AssignmentMessage.escape(approval.path("action").asString("?"));
    String to = AssignmentMessage.text(approval, "to");
    if (to != null) {
      action += " to " + label(event.tenantId(), to);
    }
    String requestedBy = AssignmentMessage.text(approval, "requestedBy");
    String decidedBy = AssignmentMessage.text(approval, "decidedBy");
    String title = AssignmentMessage.text(item, "title");
    return new ApprovalMessage(
        approval.path("id").asString(""),
        title == null ? event.subject() : title,
        AssignmentMessage.text(item, "externalKey"),
        AssignmentMessage.text(item, "url"),
        action,
        requestedBy == null ? "someone" : label(event.tenantId(), requestedBy),
        AssignmentMessage.text(approval, "reason"),
        approval.path("state").asString("pending"),
        decidedBy == null ? null : label(event.tenantId(), decidedBy),
        AssignmentMessage.text(approval, "decisionReason"));
  }

  /** The owner as Slack should show it: a mention when the person has a Slack identity. */
  @Nullable String ownerLabel(String tenantId, JsonNode data) {
    String owner = AssignmentMessage.text(data.path("assignment"), "owner");
    return owner == null ? null : label(tenantId, owner);
  }

  /**
   * An owner or actor ({@code person:alice}, {@code person:alice via slack:U…}, {@code
   * queue:triage}) as Slack should show it: a person as a mention when they use Slack, else by
   * name.
   */
  String label(String tenantId, String who) {
    int via = who.indexOf(" via ");
    String owner = via > 0 ? who.substring(0, via) : who;
    if (owner.startsWith("person:")) {
      Optional<Person> person = people.find(tenantId, owner.substring("person:".length()));
      if (person.isPresent()) {
        String slack = person.get().identities().slack();
        return slack != null ? "<@" + slack + ">" : AssignmentMessage.escape(person.get().name());
      }
    }
    if (owner.startsWith("queue:")) {
      return "queue " + AssignmentMessage.escape(owner.substring("queue:".length()));
    }
    return AssignmentMessage.escape(owner);
  }

  /** The why of this event's decision, else of the latest earlier one. */
  private @Nullable String why(OutboxEvent event, JsonNode data) {
    String why = AssignmentMessage.text(data.path("decision"), "why");
    if (why != null) {
      return why;
    }
    List<ItemHistory.Earlier> earlier =
        history.before(event.tenantId(), event.subject(), event.sequence());
    for (int i = earlier.size() - 1; i >= 0; i--) {
      String found = AssignmentMessage.text(earlier.get(i).data().path("decision"), "why");
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** "Accepted by person:alice: reason", for every event but routing's own. */
  private static @Nullable String change(String type, JsonNode data) {
    if (type.equals("assignment.routed") || type.equals("assignment.queued")) {
      return null;
    }
    String verb = type.substring(type.indexOf('.') + 1);
    String text =
        Character.toUpperCase(verb.charAt(0)) + verb.substring(1).toLowerCase(Locale.ROOT);
    String actor = AssignmentMessage.text(data, "actor");
    if (actor != null) {
      text += " by " + actor;
    }
    String reason = AssignmentMessage.text(data, "reason");
    if (reason != null && !reason.isBlank()) {
      text += ": " + reason;
    }
    return AssignmentMessage.escape(text);
  }

  private static String orEmpty(@Nullable String text) {
    return text == null ? "" : text;
  }
}
