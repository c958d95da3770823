package dev.baton.workitem;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentAction;
import dev.baton.assignment.AssignmentCommand;
import dev.baton.assignment.AssignmentState;
import dev.baton.assignment.Assignments;
import dev.baton.assignment.Router;
import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.ingest.Integration;
import dev.baton.ingest.SourceEvent;
import dev.baton.ingest.SourceEvent.Kind;
import dev.baton.ingest.SourceEventHandler;
import dev.baton.platform.BatonException;
import dev.baton.platform.Correlation;
import dev.baton.platform.LogContext;
import dev.baton.workitem.mapping.MappingTables;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies a parsed delivery to the work item that mirrors its source item: the first event about an
 * item creates and routes it, later ones update it, close, reopen or re-route it; an event older
 * than what was applied is recorded as stale and changes nothing; a human's assignee change in the
 * source is an override. Runs in the inbox's transaction; the source item's row is locked first, so
 * deliveries about one item apply one after the other.
 */
@Service
class ApplySourceEvent implements SourceEventHandler {

  /** Counted per provider; Prometheus shows {@code baton_source_events_stale_total}. */
  static final String STALE_METRIC = "baton.source.events.stale";

  private static final Set<Kind> EXPLICIT =
      EnumSet.of(Kind.ITEM_CLOSED, Kind.ITEM_DELETED, Kind.ITEM_REOPENED);

  private final MappingTables mappings;
  private final SourceItems sourceItems;
  private final WorkItems items;
  private final Assignments assignments;
  private final Router router;
  private final OverrideFromSource overrides;
  private final AuditLog audit;
  private final MeterRegistry meters;

  ApplySourceEvent(
      MappingTables mappings,
      SourceItems sourceItems,
      WorkItems items,
      Assignments assignments,
      Router router,
      OverrideFromSource overrides,
      AuditLog audit,
      MeterRegistry meters) {
    this.mappings = mappings;
    this.sourceItems = sourceItems;
    this.items = items;
    this.assignments = assignments;
    this.router = router;
    this.overrides = overrides;
    this.audit = audit;
    this.meters = meters;
  }

  /** What applying left: the outcome, the work item now mirroring the source item, its status. */
  private record Applied(Outcome outcome, UUID workItemId, String status) {}

  @Override
  @Transactional
  public Outcome apply(Integration integration, SourceEvent event, UUID inboxId) {
    if (event.kind() == Kind.IGNORED || event.kind() == Kind.COMMENT) {
      return Outcome.IGNORED;
    }
    SourceDelivery delivery =
        new SourceDelivery(
            integration,
            event,
            inboxId,
            mappings.current(integration.tenantId(), integration.id(), integration.provider()));
    if (Correlation.currentOrNull() != null) {
      return applyToItem(delivery);
    }
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    Correlation.with(inboxId.toString(), () -> outcome.set(applyToItem(delivery)));
    return Objects.requireNonNull(outcome.get());
  }

  private Outcome applyToItem(SourceDelivery delivery) {
    SourceEvent event = delivery.event();
    UUID integrationId = delivery.integration().id();
    SourceItems.SourceItem known = sourceItems.lock(delivery.tenantId(), integrationId, event);
    try (var logged =
        LogContext.with(LogContext.TENANT, delivery.tenantId())
            .and(LogContext.WORK_ITEM, known.workItemId())) {
      return applyToKnown(delivery, known);
    }
  }

  private Outcome applyToKnown(SourceDelivery delivery, SourceItems.SourceItem known) {
    SourceEvent event = delivery.event();
    UUID integrationId = delivery.integration().id();
    String fingerprint = sourceItems.fingerprint(event);
    if (known.isStale(event, fingerprint)) {
      return stale(delivery, known);
    }
    Applied applied;
    try {
      applied = known.isNew() ? create(delivery) : change(delivery, known);
    } catch (BatonException.InvalidInput e) {
      // the mapped fields break a work item rule: no retry can change that
      throw new BatonException.BadRequest(
          event.provider()
              + " item "
              + delivery.externalId()
              + " cannot become a work item: "
              + e.getMessage());
    }
    sourceItems.record(
        delivery.tenantId(),
        integrationId,
        known,
        event,
        applied.workItemId(),
        applied.status(),
        fingerprint,
        delivery.inboxId());
    return applied.outcome();
  }

  /** The first event about an item: create it, routed unless it is closed or a person took it. */
  private Applied create(SourceDelivery delivery) {
    SourceEvent event = delivery.event();
    NewWorkItem fields = SourceFields.of(delivery);
    boolean closed = closes(event);
    boolean humanAssigned = event.kind() == Kind.ASSIGNEE_CHANGED && !delivery.byBaton();
    boolean takenByPerson = humanAssigned && overrides.newAssignee(delivery).isPresent();
    WorkItems.WithAssignment created =
        items.createFromSource(
            delivery.tenantId(),
            fields,
            delivery.integration().id(),
            event.sourceVersion(),
            delivery.actor(),
            delivery.source(),
            !closed && !takenByPerson);
    WorkItem item = created.item();
    if (closed) {
      item =
          items
              .update(
                  delivery.tenantId(),
                  item.id(),
                  fields,
                  WorkItems.CLOSED,
                  event.sourceVersion(),
                  delivery.actor(),
                  delivery.source())
              .item();
      close(delivery, item, created.assignment());
    } else if (humanAssigned) {
      overrides.apply(delivery, item);
    }
    return new Applied(Outcome.CREATED, item.id(), sourceStatus(event));
  }

  /** A later event about a known item. */
  private Applied change(SourceDelivery delivery, SourceItems.SourceItem known) {
    SourceEvent event = delivery.event();
    UUID workItemId = Objects.requireNonNull(known.workItemId());
    if (event.kind() == Kind.BUILD_FAILED) {
      // each failed run is work of its own, even of the same workflow or pipeline
      return create(delivery);
    }
    if (event.kind() == Kind.ASSIGNEE_CHANGED && delivery.byBaton()) {
      return new Applied(Outcome.IGNORED, workItemId, known.status());
    }
    WorkItem before = items.get(delivery.tenantId(), workItemId);
    String status = closes(event) ? WorkItems.CLOSED : WorkItems.OPEN;
    WorkItem item =
        items
            .update(
                delivery.tenantId(),
                workItemId,
                SourceFields.of(delivery),
                status,
                event.sourceVersion(),
                delivery.actor(),
                delivery.source())
            .item();
    Assignment assignment =
        assignments
            .find(delivery.tenantId(), workItemId)
            .orElseThrow(() -> new IllegalStateException("no assignment for " + workItemId));
    boolean wasOpen = WorkItems.OPEN.equals(before.status());
    // an explicit close or reopen acts on the assignment; a snapshot's status only on a change
    boolean explicit = EXPLICIT.contains(event.kind());
    Outcome outcome = Outcome.UPDATED;
    if (status.equals(WorkItems.CLOSED) && (explicit || wasOpen)) {
      close(delivery, item, assignment);
      outcome = Outcome.CLOSED;
    } else if (status.equals(WorkItems.OPEN) && (explicit || !wasOpen)) {
      reopen(delivery, item, assignment);
      outcome = Outcome.REOPENED;
    }
    if (event.kind() == Kind.ITEM_DELETED) {
      outcome = Outcome.DELETED;
    } else if (event.kind() == Kind.ASSIGNEE_CHANGED) {
      outcome = overrides.apply(delivery, item);
    }
    return new Applied(outcome, workItemId, sourceStatus(event));
  }

  /** Closes the assignment, when it is open, saying where and by whom the item was closed. */
  private void close(SourceDelivery delivery, WorkItem item, Assignment assignment) {
    if (assignment.state() == AssignmentState.CLOSED) {
      return;
    }
    String what = delivery.event().kind() == Kind.ITEM_DELETED ? "deleted" : "closed";
    assignments.apply(
        delivery.tenantId(),
        WorkItems.subject(item),
        new AssignmentCommand(
            AssignmentAction.CLOSE,
            null,
            what + " in " + delivery.source() + by(delivery),
            null,
            delivery.actor(),
            delivery.source(),
            false));
  }

  /** Reopens a closed assignment and routes it again, as a reopen through the API does. */
  private void reopen(SourceDelivery delivery, WorkItem item, Assignment assignment) {
    if (assignment.state() != AssignmentState.CLOSED) {
      return;
    }
    assignments.apply(
        delivery.tenantId(),
        WorkItems.subject(item),
        new AssignmentCommand(
            AssignmentAction.REOPEN,
            null,
            "reopened in " + delivery.source() + by(delivery),
            null,
            delivery.actor(),
            delivery.source(),
            false));
    router.route(
        delivery.tenantId(), WorkItems.subject(item), WorkItems.facts(item), Set.of(), "reopened");
  }

  /** Records a stale event on the item it is about; nothing else changes. */
  private Outcome stale(SourceDelivery delivery, SourceItems.SourceItem known) {
    UUID workItemId = Objects.requireNonNull(known.workItemId());
    Map<String, @Nullable Object> after = delivery.describe();
    after.put("appliedVersion", known.sourceVersion());
    audit.append(
        delivery.tenantId(),
        new AuditRecord(
            delivery.actor(),
            delivery.source(),
            "work-item",
            workItemId.toString(),
            "source-event.stale",
            staleBecause(delivery, known),
            null,
            after));
    Counter counter =
        Counter.builder(STALE_METRIC)
            .description("Source events older than what Baton already applied")
            .tag("provider", delivery.event().provider())
            .register(meters);
    afterCommit(counter::increment);
    return Outcome.STALE;
  }

  private static String staleBecause(SourceDelivery delivery, SourceItems.SourceItem known) {
    long version = delivery.event().sourceVersion();
    if (SourceItems.DELETED.equals(known.status())) {
      return "the item was deleted in " + delivery.source() + "; later events change nothing";
    }
    return version < known.sourceVersion()
        ? "source version " + version + " is older than " + known.sourceVersion() + ", applied"
        : "the same event was already applied at source version " + version;
  }

  private static void afterCommit(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            action.run();
          }
        });
  }

  /** Whether the event leaves the item closed in the source. */
  private static boolean closes(SourceEvent event) {
    return switch (event.kind()) {
      case ITEM_CLOSED, ITEM_DELETED -> true;
      case ITEM_REOPENED, BUILD_FAILED -> false;
      default -> SourceEvent.CLOSED.equals(event.status());
    };
  }

  private static String sourceStatus(SourceEvent event) {
    if (event.kind() == Kind.ITEM_DELETED) {
      return SourceItems.DELETED;
    }
    return closes(event) ? WorkItems.CLOSED : WorkItems.OPEN;
  }

  private static String by(SourceDelivery delivery) {
    String actor = delivery.event().actor();
    return actor == null ? "" : " by " + actor;
  }
}
