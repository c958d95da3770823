package dev.baton.ingest;

import java.util.Set;
import java.util.UUID;

/**
 * A tenant's configured source of webhooks as the inbox and its handlers see it: never its secrets.
 *
 * @param events the event types it accepts (the provider's own names, e.g. {@code issues}, {@code
 *     jira:issue_updated}); empty means every event the provider's parser reads
 */
public record Integration(
    String tenantId, UUID id, Provider provider, String name, boolean enabled, Set<String> events) {

  public Integration {
    events = Set.copyOf(events);
  }
}
