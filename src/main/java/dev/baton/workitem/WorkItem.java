package dev.baton.workitem;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The canonical work item (DESIGN.md section 5): the routing dimensions of a piece of work, from
 * whichever system it came.
 */
public record WorkItem(
    UUID id,
    String type,
    String title,
    String priority,
    @Nullable String severity,
    List<String> labels,
    List<String> skills,
    @Nullable String component,
    @Nullable Customer customer,
    @Nullable String reporter,
    Source source,
    String status,
    Map<String, Object> attributes,
    Instant createdAt,
    Instant updatedAt) {

  /** Where the item came from; {@code externalId} is the source's immutable id. */
  public record Source(
      String system,
      @Nullable String integrationId,
      @Nullable String externalId,
      @Nullable String externalKey,
      @Nullable String url) {}

  /** The customer the work is for, when known. */
  public record Customer(@Nullable String id, @Nullable String tier) {}
}
