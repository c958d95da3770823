package dev.baton.delivery.slack;

import java.util.Optional;
import java.util.UUID;

/**
 * Where a Slack delivery goes: {@code slack:<integration id>:<channel>} for a channel as the policy
 * names it ({@code #incidents}, {@code C0123ABCD}), {@code slack:<integration id>:dm:<user id>} for
 * a person's direct messages with the bot.
 *
 * @param target the part after the integration id: the channel, or {@code dm:<user id>}
 */
record SlackDestination(UUID integrationId, String target) {

  static final String PREFIX = "slack:";
  private static final String DM = "dm:";

  static SlackDestination channel(UUID integrationId, String channel) {
    return new SlackDestination(integrationId, channel);
  }

  static SlackDestination dm(UUID integrationId, String slackUserId) {
    return new SlackDestination(integrationId, DM + slackUserId);
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
    return target.startsWith(DM);
  }

  /**
   * What chat.postMessage's {@code channel} gets: the channel as written, or the user id (Slack
   * posts to the app's DM with that user).
   */
  String postChannel() {
    return isDm() ? target.substring(DM.length()) : target;
  }

  /** The key of this destination's token bucket. */
  String bucketKey() {
    return integrationId + ":" + target;
  }

  @Override
  public String toString() {
    return PREFIX + integrationId + ":" + target;
  }
}
