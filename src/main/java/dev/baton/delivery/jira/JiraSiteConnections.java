package dev.baton.delivery.jira;

import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Connects a Jira integration to a site with an email and API token, for code that sets Baton up
 * (the demo) rather than a user through the API; the same checks, sealing and audit as {@code PUT
 * /api/v1/integrations/{id}/jira-connection}.
 */
@Service
public class JiraSiteConnections {

  private final JiraConnections connections;

  JiraSiteConnections(JiraConnections connections) {
    this.connections = connections;
  }

  /**
   * Saves the connection unless one to the same site and account already exists; answers whether it
   * saved.
   */
  public boolean connect(
      String tenantId,
      String integrationId,
      String baseUrl,
      String email,
      String apiToken,
      String accountId,
      Actor actor,
      String source) {
    Optional<JiraConnectionView> existing;
    try {
      existing = Optional.of(connections.get(tenantId, integrationId));
    } catch (BatonException.NotFound none) {
      existing = Optional.empty();
    }
    if (existing.isPresent()
        && existing.get().baseUrl().equals(baseUrl)
        && accountId.equals(existing.get().accountId())) {
      return false;
    }
    connections.save(
        tenantId,
        integrationId,
        new JiraConnectionRequest(
            baseUrl,
            new JiraConnectionRequest.Auth(email, apiToken, null),
            List.of(),
            "on",
            accountId),
        actor,
        source);
    return true;
  }
}
