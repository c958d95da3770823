package dev.baton.delivery;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a work item came from, for connectors that write back to the source (Jira). Implemented by
 * {@code workitem.WorkItems}; declared here so that {@code delivery} does not depend on {@code
 * workitem}, which publishes through the outbox.
 */
public interface WorkItemOrigins {

  /** The origin of the tenant's work item, or empty when there is no such item. */
  Optional<Origin> origin(String tenantId, UUID workItemId);

  /**
   * @param system the source system, e.g. {@code jira}
   * @param integrationId the integration the item arrived through; null for items created by API
   * @param externalKey the source's human key, e.g. the Jira issue key {@code PROJ-123}
   */
  record Origin(String system, @Nullable UUID integrationId, @Nullable String externalKey) {}
}
