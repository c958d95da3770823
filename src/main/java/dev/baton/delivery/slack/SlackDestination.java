package dev.baton.delivery.slack;

import java.util.Optional;
import java.util.UUID;

/**
 * Where a Slack delivery goes: {@code slack:<integration id>:<channel>} for a channel as the policy
 * names it ({@code #incidents}, {@code C0123ABCD}), {@code slack:<integration id>:dm:<user id>} for
 * a person's direct messages with the bot, and {@code slack:<integration id>:approval:<approval
 * id>:dm:<user id>} for an approval request's message to one of its approvers (a DM of its own,
 * apart from the work item's assignment message to the same person).
 *
 * @param target the part after the integration id: the channel, {@code dm:<user id>}, or {@code
 *     approval:<approval id>:dm:<user id>}
 */
record SlackDestination(UUID integrationId, String target) {

  static final String PREFIX = "slack:";
  private static final String DM = "dm:";
  static final String APPROVAL = "approval:";

  static SlackDestination channel(UUID integrationId, String channel) {
    return new SlackDestination(integrationId, channel);
  }

  static SlackDestination dm(UUID integrationId, String slackUserId) {
    return new SlackDestination(integrationId, DM + slackUserId);
  }

  /** The DM to one approver about approval request {@code approvalId}. */
  static SlackDestination approvalDm(UUID integrationId, UUID approvalId, String slackUserId) {
    return new SlackDestination(integrationId, APPROVAL + approvalId + ":" + DM + slackUserId);
  }

  /** The approval request this destination's message is about, if it is an approval DM. */
  Optional<UUID> approvalId() {
    if (!target.startsWith(APPROVAL)) {
      return Optional.empty();
    }
    String rest = target.substring(APPROVAL.length());
    int colon = rest.indexOf(':');
    try {
      return colon < 0 ? Optional.empty() : Optional.of(UUID.fromString(rest.substring(0, colon)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The destination a delivery names; empty when it is not a Slack destination. */
  static Optional<SlackDestination> parse(String destination) {
    if (!destination.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = destination.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon < 0 || colon == rest.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SlackDestination(
              UUID.fromString(rest.substring(0, colon)), rest.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  boolean isDm() {
    return conversation().startsWith(DM);
  }

  /** The target without an approval's prefix: the channel or {@code dm:<user id>}. */
  private String conversation() {
    if (!target.startsWith(APPROVAL)) {
      return target;
    }
    String rest = target.substring(APPROVAL.length());
    return rest.substring(rest.indexOf(':') + 1);
  }

  /**
   * What chat.postMessage's {@code channel} gets: the channel as written, or the user id (Slack
   * posts to the app's DM with that user).
   */
  String postChannel() {
    String conversation = conversation();
    return isDm() ? conversation.substring(DM.length()) : conversation;
  }

  /** The key of this destination's token bucket. */
  String bucketKey() {
    return integrationId + ":" + conversation();
  }

  @Override
  public String toString() {
    return PREFIX + integrationId + ":" + target;
  }
}
