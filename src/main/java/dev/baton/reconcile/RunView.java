package dev.baton.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A reconciliation run as the API shows it.
 *
 * @param trigger {@code schedule} or {@code api}
 * @param status {@code running}, {@code succeeded}, {@code failed} or {@code abandoned} (its node
 *     stopped before it finished)
 * @param since the watermark it read from (issues updated since then, less the overlap); null for
 *     an integration's first run
 * @param drift how many findings; the other counts are findings by action
 */
record RunView(
    UUID id,
    UUID integrationId,
    String trigger,
    boolean dryRun,
    String status,
    String requestedBy,
    @Nullable Instant since,
    Instant startedAt,
    @Nullable Instant finishedAt,
    int issuesRead,
    int drift,
    int repaired,
    int adopted,
    int backfilled,
    int closed,
    List<Finding> findings,
    @Nullable String error) {}
