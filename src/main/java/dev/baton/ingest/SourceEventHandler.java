package dev.baton.ingest;

import java.util.UUID;

/**
 * Applies one verified, parsed delivery from the inbox to Baton's work items: the mapping table
 * turns the {@link SourceEvent} into a canonical work item, the source version orders it, and
 * closing or reopening in the source closes or reopens the item.
 *
 * <p>The inbox calls it in a transaction it commits together with marking the row processed, so an
 * exception rolls everything back and the inbox retries the row later with backoff. A payload that
 * can never be applied throws {@link dev.baton.platform.BatonException.BadRequest} and is parked as
 * failed without further retries.
 */
public interface SourceEventHandler {

  /** What applying the event did; stored on the inbox row and counted in metrics. */
  enum Outcome {
    CREATED,
    UPDATED,
    CLOSED,
    REOPENED,
    DELETED,
    /** A human changed the assignee in the source: recorded as an override. */
    OVERRIDDEN,
    /** Older than what is stored for the item: recorded, nothing changed. */
    STALE,
    /** Nothing for Baton to do (an ignored event, a comment on an unknown item). */
    IGNORED
  }

  /**
   * @param inboxId the inbox row, recorded as the cause in audit entries
   */
  Outcome apply(Integration integration, SourceEvent event, UUID inboxId);
}
