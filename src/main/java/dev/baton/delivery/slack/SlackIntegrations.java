package dev.baton.delivery.slack;

import dev.baton.ingest.Integration;
import dev.baton.ingest.IntegrationView;
import dev.baton.ingest.Integrations;
import dev.baton.ingest.Provider;
import dev.baton.ingest.SlackBotTokens;
import dev.baton.platform.BatonException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The tenant's Slack integration that sends: the first (by name) that is enabled, has a bot token
 * and whose mode is not {@code off}; its token through {@link SlackBotTokens}.
 */
@Component
class SlackIntegrations {

  /** The rollout modes of a Slack integration (see {@code IntegrationRequest#mode}). */
  static final String ON = "on";

  static final String SHADOW = "shadow";
  static final String OFF = "off";

  private final Integrations integrations;
  private final SlackBotTokens tokens;

  SlackIntegrations(Integrations integrations, SlackBotTokens tokens) {
    this.integrations = integrations;
    this.tokens = tokens;
  }

  /** The integration that posts the tenant's messages; empty when none can. */
  Optional<IntegrationView> sender(String tenantId) {
    return integrations.all(tenantId).stream()
        .filter(i -> i.provider().equals(Provider.SLACK.wireName()))
        .filter(i -> i.enabled() && i.hasBotToken() && !OFF.equals(i.mode()))
        .min(Comparator.comparing(IntegrationView::name));
  }

  /** The integration {@code id} of the tenant, with its bot token; empty when gone. */
  Optional<Sender> find(String tenantId, UUID id) {
    IntegrationView view;
    try {
      view = integrations.get(tenantId, id.toString());
    } catch (BatonException.NotFound e) {
      return Optional.empty();
    }
    Integration integration =
        new Integration(
            tenantId,
            view.id(),
            Provider.SLACK,
            view.name(),
            view.enabled(),
            new HashSet<>(view.events()));
    return Optional.of(new Sender(view, tokens.botToken(integration).orElse(null)));
  }

  /** An integration and its bot token, null when none is stored. */
  record Sender(IntegrationView integration, @org.jspecify.annotations.Nullable String botToken) {}
}
