package dev.baton.delivery.slack;

import dev.baton.delivery.Connector;
import dev.baton.delivery.slack.PostedMessages.Posted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack as a delivery destination: one Block Kit message per work item and channel (or DM), posted
 * on the first event that needs it and updated in place ({@code chat.update}) on every later state
 * change; escalations also reply in the message's thread. An approval request is a DM of its own to
 * each approver on Slack, with Approve / Deny buttons, updated to show the outcome. Posts carry
 * message metadata with the delivery id, so after an uncertain attempt the channel's history tells
 * whether it landed.
 *
 * <p>Example: a policy rule with {@code notify: {slack: {channel: "#incidents"}}} routes an item to
 * Carol (Slack user {@code U0CAROL}); {@link #plan} answers {@code slack:<integration>:#incidents}
 * and {@code slack:<integration>:dm:U0CAROL}, both ordered by the work item id.
 */
@Component
class SlackConnector implements Connector {

  private final PlanSlackDeliveries planner;
  private final SlackIntegrations integrations;
  private final PostedMessages messages;
  private final ComposeMessage compose;
  private final SlackWebApi slack;
  private final ChannelBuckets buckets;
  private final WorkspacePauses pauses;
  private final Clock clock;

  SlackConnector(
      PlanSlackDeliveries planner,
      SlackIntegrations integrations,
      PostedMessages messages,
      ComposeMessage compose,
      SlackWebApi slack,
      SlackDeliveryProperties properties,
      Clock clock) {
    this.planner = planner;
    this.integrations = integrations;
    this.messages = messages;
    this.compose = compose;
    this.slack = slack;
    this.buckets =
        new ChannelBuckets(
            clock, properties.effectiveMessagesPerSecond(), properties.effectiveBurst());
    this.pauses = new WorkspacePauses(clock);
    this.clock = clock;
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public List<Planned> plan(OutboxEvent event) {
    return planner.plan(event);
  }

  @Override
  public Outcome send(DeliveryRequest delivery) {
    Optional<SlackDestination> parsed = SlackDestination.parse(delivery.destination());
    if (parsed.isEmpty()) {
      return new Outcome.Permanent(
          null, "bad_destination", "not a Slack destination: " + delivery.destination());
    }
    SlackDestination destination = parsed.get();
    Optional<SlackIntegrations.Sender> sender =
        integrations.find(delivery.tenantId(), destination.integrationId());
    if (sender.isEmpty()) {
      return new Outcome.Permanent(
          null, "integration_not_found", "Slack integration " + destination.integrationId());
    }
    if (!sender.get().integration().enabled()) {
      return new Outcome.Skipped(
          "Slack integration " + sender.get().integration().name() + " is disabled");
    }
    String mode = sender.get().integration().mode();
    if (mode != null && !mode.equals(SlackIntegrations.ON)) {
      return shadow(delivery, destination, sender.get().integration().name(), mode);
    }
    String token = sender.get().botToken();
    if (token == null) {
      return new Outcome.Permanent(
          null,
          "no_bot_token",
          "Slack integration " + sender.get().integration().name() + " has no bot token");
    }
    Optional<Duration> paused = pauses.remaining(destination.integrationId());
    if (paused.isPresent()) {
      return new Outcome.Held(
          paused.get(),
          "workspace_rate_limited: Slack asked (429) to wait before calling again through"
              + " integration "
              + sender.get().integration().name());
    }
    Optional<Duration> wait = buckets.take(destination.bucketKey());
    if (wait.isPresent()) {
      return new Outcome.Held(
          wait.get(),
          "channel_rate_limited: Baton's per-channel limit for " + destination.target());
    }
    Outcome outcome;
    try {
      outcome = deliver(delivery, destination, slack.session(token));
    } catch (SlackCallFailed e) {
      outcome = e.outcome();
    }
    if (outcome instanceof Outcome.Transient t
        && t.status() != null
        && t.status() == 429
        && t.retryAfter() != null) {
      pauses.limited(destination.integrationId(), t.retryAfter());
    }
    return outcome;
  }

  private Outcome deliver(
      DeliveryRequest delivery, SlackDestination destination, SlackWebApi.Session session) {
    OutboxEvent event = delivery.event();
    UUID workItem = UUID.fromString(event.subject());
    if (destination.approvalId().isPresent()) {
      return deliverApproval(delivery, destination, session, workItem);
    }
    if (PlanSlackDeliveries.SLA.contains(event.type())) {
      return deliverSlaReply(delivery, destination, session, workItem);
    }
    AssignmentMessage message = compose.of(event);
    String blocks = message.blocks().toString();
    var metadata = SlackWebApi.metadata(delivery.deliveryId(), event.subject());
    Optional<Posted> existing = messages.find(delivery.tenantId(), workItem, destination);
    if (existing.isEmpty()) {
      Optional<Posted> landed =
          delivery.uncertain()
              ? session
                  .channelId(destination)
                  .flatMap(channel -> session.findPosted(channel, delivery.deliveryId(), null))
              : Optional.empty();
      Posted posted =
          landed.orElseGet(
              () ->
                  session.post(destination.postChannel(), message.text(), blocks, metadata, null));
      messages.record(
          delivery.tenantId(), workItem, destination, posted, delivery.deliveryId(), now());
      return new Outcome.Delivered(
          200,
          (landed.isPresent() ? "found " : "posted ") + posted.channelId() + "/" + posted.ts());
    }
    Posted posted = existing.get();
    session.update(posted, message.text(), blocks);
    messages.touch(delivery.tenantId(), workItem, destination, now());
    if (!event.type().equals("assignment.escalated")) {
      return new Outcome.Delivered(200, "updated " + posted.channelId() + "/" + posted.ts());
    }
    Optional<Posted> replied =
        delivery.uncertain()
            ? session.findPosted(posted.channelId(), delivery.deliveryId(), posted.ts())
            : Optional.empty();
    Posted reply =
        replied.orElseGet(
            () ->
                session.post(
                    posted.channelId(),
                    compose.escalationReply(event),
                    null,
                    metadata,
                    posted.ts()));
    return new Outcome.Delivered(
        200, "updated " + posted.channelId() + "/" + posted.ts() + ", replied " + reply.ts());
  }

  /**
   * An approval request's DM to one approver: posted on the request, updated in place on its
   * outcome (the buttons give way to who decided and how). An outcome whose request never got a DM
   * posts nothing.
   */
  private Outcome deliverApproval(
      DeliveryRequest delivery,
      SlackDestination destination,
      SlackWebApi.Session session,
      UUID workItem) {
    OutboxEvent event = delivery.event();
    ApprovalMessage message = compose.approval(event);
    String blocks = message.blocks().toString();
    Optional<Posted> existing = messages.find(delivery.tenantId(), workItem, destination);
    if (existing.isPresent()) {
      Posted posted = existing.get();
      session.update(posted, message.text(), blocks);
      messages.touch(delivery.tenantId(), workItem, destination, now());
      return new Outcome.Delivered(200, "updated " + posted.channelId() + "/" + posted.ts());
    }
    if (!event.type().equals(PlanSlackDeliveries.APPROVAL_REQUESTED)) {
      return new Outcome.Skipped("no approval message was posted to " + destination.target());
    }
    var metadata = SlackWebApi.metadata(delivery.deliveryId(), event.subject());
    Optional<Posted> landed =
        delivery.uncertain()
            ? session
                .channelId(destination)
                .flatMap(channel -> session.findPosted(channel, delivery.deliveryId(), null))
            : Optional.empty();
    Posted posted =
        landed.orElseGet(
            () -> session.post(destination.postChannel(), message.text(), blocks, metadata, null));
    messages.record(
        delivery.tenantId(), workItem, destination, posted, delivery.deliveryId(), now());
    return new Outcome.Delivered(
        200, (landed.isPresent() ? "found " : "posted ") + posted.channelId() + "/" + posted.ts());
  }

  /**
   * An SLA warning: a reply in the thread of the item's message at this destination (nothing to do
   * when the item has no message there). After an uncertain attempt the thread is searched for the
   * reply first, as for escalations.
   */
  private Outcome deliverSlaReply(
      DeliveryRequest delivery,
      SlackDestination destination,
      SlackWebApi.Session session,
      UUID workItem) {
    OutboxEvent event = delivery.event();
    Optional<Posted> existing = messages.find(delivery.tenantId(), workItem, destination);
    if (existing.isEmpty()) {
      return new Outcome.Skipped(
          "the item has no Slack message in " + destination.target() + " to reply to");
    }
    Posted posted = existing.get();
    Optional<Posted> replied =
        delivery.uncertain()
            ? session.findPosted(posted.channelId(), delivery.deliveryId(), posted.ts())
            : Optional.empty();
    Posted reply =
        replied.orElseGet(
            () ->
                session.post(
                    posted.channelId(),
                    compose.slaReply(event),
                    null,
                    SlackWebApi.metadata(delivery.deliveryId(), event.subject()),
                    posted.ts()));
    return new Outcome.Delivered(
        200,
        (replied.isPresent() ? "found reply " : "replied ")
            + reply.ts()
            + " in "
            + posted.channelId()
            + "/"
            + posted.ts());
  }

  /**
   * A delivery of an integration in shadow mode (or turned off after it was planned): nothing is
   * sent; the skipped delivery says what would have been posted or updated, and where.
   */
  private Outcome shadow(
      DeliveryRequest delivery, SlackDestination destination, String integration, String mode) {
    OutboxEvent event = delivery.event();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (destination.approvalId().isPresent()) {
      ApprovalMessage message = compose.approval(event);
      body.put("text", message.text());
      body.set("blocks", message.blocks());
    } else if (PlanSlackDeliveries.SLA.contains(event.type())) {
      body.put("text", compose.slaReply(event));
    } else {
      AssignmentMessage message = compose.of(event);
      body.put("text", message.text());
      body.set("blocks", message.blocks());
    }
    Optional<Posted> existing =
        messages.find(delivery.tenantId(), UUID.fromString(event.subject()), destination);
    String action =
        existing
            .map(p -> "chat.update of " + p.channelId() + "/" + p.ts())
            .orElse("chat.postMessage to " + destination.postChannel());
    return new Outcome.Skipped(
        "Slack integration " + integration + " in " + mode + " mode: nothing sent; would " + action,
        body.toString());
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}
