package dev.baton.delivery.slack;

import dev.baton.delivery.Connector.OutboxEvent;
import dev.baton.delivery.Connector.Planned;
import dev.baton.ingest.IntegrationView;
import dev.baton.roster.People;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Which Slack messages an assignment event needs: the channels its decision's notifications name, a
 * DM to the person it was offered to (routing, reassignment, escalation), and an update of every
 * message already meant for the work item (channels named by earlier decisions, earlier DMs,
 * messages posted). Reads only; never calls Slack.
 */
@Component
class PlanSlackDeliveries {

  /** The assignment events whose messages Slack shows. */
  static final Set<String> SHOWN =
      Set.of(
          "assignment.routed",
          "assignment.queued",
          "assignment.accepted",
          "assignment.declined",
          "assignment.started",
          "assignment.blocked",
          "assignment.unblocked",
          "assignment.reassigned",
          "assignment.escalated",
          "assignment.overridden",
          "assignment.closed",
          "assignment.reopened");

  /**
   * SLA warnings: a reply in the thread of each message already showing the item (its channels and
   * its DMs), so the people who see the work see its SLA at risk or breached.
   */
  static final Set<String> SLA = Set.of("sla.at_risk", "sla.breached");

  /** The events that hand the work to someone new, who gets a DM. */
  static final Set<String> OFFERS =
      Set.of("assignment.routed", "assignment.reassigned", "assignment.escalated");

  private final SlackIntegrations integrations;
  private final PostedMessages messages;
  private final ItemHistory history;
  private final People people;

  PlanSlackDeliveries(
      SlackIntegrations integrations, PostedMessages messages, ItemHistory history, People people) {
    this.integrations = integrations;
    this.messages = messages;
    this.history = history;
    this.people = people;
  }

  /** The approval events: the request (a DM to each approver) and its outcomes (their update). */
  static final String APPROVAL_REQUESTED = "approval.requested";

  static final Set<String> APPROVAL_OUTCOMES =
      Set.of("approval.granted", "approval.denied", "approval.expired", "approval.failed");

  List<Planned> plan(OutboxEvent event) {
    boolean approval =
        event.type().equals(APPROVAL_REQUESTED) || APPROVAL_OUTCOMES.contains(event.type());
    if (!SHOWN.contains(event.type()) && !approval && !SLA.contains(event.type())) {
      return List.of();
    }
    Optional<IntegrationView> sender = integrations.sender(event.tenantId());
    Optional<UUID> item = uuid(event.subject());
    if (sender.isEmpty() || item.isEmpty()) {
      return List.of();
    }
    UUID integrationId = sender.get().id();
    if (SLA.contains(event.type())) {
      return messages.targets(event.tenantId(), item.get(), integrationId).stream()
          .map(t -> new Planned(new SlackDestination(integrationId, t).toString(), event.subject()))
          .toList();
    }
    if (approval) {
      return planApproval(event, item.get(), integrationId).stream()
          .map(t -> new Planned(new SlackDestination(integrationId, t).toString(), event.subject()))
          .toList();
    }
    Set<String> targets = new LinkedHashSet<>();
    for (ItemHistory.Earlier earlier :
        history.before(event.tenantId(), event.subject(), event.sequence())) {
      targets.addAll(channels(earlier.data()));
      if (OFFERS.contains(earlier.type())) {
        dmTarget(event.tenantId(), earlier.data()).ifPresent(targets::add);
      }
    }
    targets.addAll(messages.targets(event.tenantId(), item.get(), integrationId));
    JsonNode data = event.cloudEvent().path("data");
    targets.addAll(channels(data));
    if (OFFERS.contains(event.type())) {
      dmTarget(event.tenantId(), data).ifPresent(targets::add);
    }
    return targets.stream()
        .map(t -> new Planned(new SlackDestination(integrationId, t).toString(), event.subject()))
        .toList();
  }

  /**
   * A request: a DM to each approver who uses Slack. An outcome: an update of each DM the request
   * posted.
   */
  private List<String> planApproval(OutboxEvent event, UUID item, UUID integrationId) {
    JsonNode data = event.cloudEvent().path("data");
    if (!event.type().equals(APPROVAL_REQUESTED)) {
      Optional<UUID> approval = uuid(data.path("id").asString(""));
      return approval
          .map(id -> messages.approvalTargets(event.tenantId(), item, integrationId, id))
          .orElse(List.of());
    }
    Optional<UUID> approval = uuid(data.path("approval").path("id").asString(""));
    if (approval.isEmpty()) {
      return List.of();
    }
    Set<String> targets = new LinkedHashSet<>();
    for (JsonNode target : data.path("targets")) {
      String person = target.asString("");
      if (!person.startsWith("person:")) {
        continue;
      }
      people
          .find(event.tenantId(), person.substring("person:".length()))
          .map(p -> p.identities().slack())
          .map(slack -> SlackDestination.approvalDm(integrationId, approval.get(), slack).target())
          .ifPresent(targets::add);
    }
    return List.copyOf(targets);
  }

  /** The Slack channels a decision's notifications name: {@code notify: {slack: {channel}}}. */
  static List<String> channels(JsonNode data) {
    Set<String> channels = new LinkedHashSet<>();
    for (JsonNode notification : data.path("decision").path("notifications")) {
      JsonNode channel = notification.path("target").path("slack").path("channel");
      if (channel.isString() && !channel.asString().isBlank()) {
        channels.add(channel.asString().trim());
      }
    }
    return List.copyOf(channels);
  }

  /** {@code dm:<user id>} of the person the event hands the work to, when they use Slack. */
  private Optional<String> dmTarget(String tenantId, JsonNode data) {
    String owner = AssignmentMessage.text(data.path("assignment"), "owner");
    if (owner == null || !owner.startsWith("person:")) {
      return Optional.empty();
    }
    return people
        .find(tenantId, owner.substring("person:".length()))
        .map(p -> p.identities().slack())
        .map(slack -> "dm:" + slack);
  }

  private static Optional<UUID> uuid(String subject) {
    try {
      return Optional.of(UUID.fromString(subject));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
