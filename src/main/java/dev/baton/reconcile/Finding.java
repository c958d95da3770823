package dev.baton.reconcile;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One disagreement between Jira and Baton and what the run did about it (or, in a dry run, would
 * do).
 *
 * @param kind {@value #ASSIGNEE}, {@value #STATUS}, {@value #UNKNOWN} (an issue Baton never heard
 *     of) or {@value #DELETED} (an issue Baton holds open that Jira no longer returns)
 * @param action {@value #REPAIRED} (Jira set back to Baton's owner), {@value #ADOPTED} (Jira's
 *     change applied to Baton), {@value #BACKFILLED}, {@value #CLOSED}, {@value #NONE} (reported
 *     only; the detail says why) or {@value #FAILED}
 */
record Finding(
    String kind,
    String issueId,
    @Nullable String issueKey,
    @Nullable UUID workItemId,
    String action,
    String detail) {

  static final String ASSIGNEE = "assignee";
  static final String STATUS = "status";
  static final String UNKNOWN = "unknown";
  static final String DELETED = "deleted";

  static final String REPAIRED = "repaired";
  static final String ADOPTED = "adopted";
  static final String BACKFILLED = "backfilled";
  static final String CLOSED = "closed";
  static final String NONE = "none";
  static final String FAILED = "failed";
}
