package dev.baton.delivery.slack;

import dev.baton.delivery.Connector.Outcome;

/** A Slack Web API call that did not succeed, with the outcome the delivery gets for it. */
final class SlackCallFailed extends RuntimeException {

  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // never serialized: caught within the connector
  private final Outcome outcome;

  SlackCallFailed(String message, Outcome outcome) {
    super(message);
    this.outcome = outcome;
  }

  Outcome outcome() {
    return outcome;
  }
}
