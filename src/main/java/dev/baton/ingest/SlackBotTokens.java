package dev.baton.ingest;

import java.util.Optional;

/**
 * The bot token ({@code xoxb-…}) of a Slack integration, kept encrypted with the integration and
 * never returned by the API; empty when none is configured. The Slack entry points need it to open
 * dialogs ({@code views.open}).
 */
public interface SlackBotTokens {

  Optional<String> botToken(Integration integration);
}
