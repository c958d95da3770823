package dev.baton.reconcile;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentState;
import dev.baton.assignment.Assignments;
import dev.baton.assignment.Owner;
import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.delivery.jira.JiraIssues;
import dev.baton.ingest.Integration;
import dev.baton.ingest.SourceEvent;
import dev.baton.ingest.SourceEventHandler;
import dev.baton.platform.Actor;
import dev.baton.roster.People;
import dev.baton.roster.Person;
import dev.baton.workitem.SourceMirrors;
import dev.baton.workitem.WorkItem;
import dev.baton.workitem.WorkItems;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares one Jira issue with the work item mirroring it and acts on the difference:
 *
 * <ul>
 *   <li>an issue Baton never heard of, still open: backfilled as the webhook would have created it;
 *   <li>a status that differs: Jira owns status, so the close or reopen is adopted;
 *   <li>an assignee that differs from Baton's owner: when the issue's latest assignee change was
 *       made by someone other than Baton after Baton's last change, it is a person's change and is
 *       adopted as an override (as the webhook path does); otherwise Baton's write was lost and the
 *       assignee is set back (only when the connection is in mode {@code on});
 *   <li>an issue Baton holds open that Jira no longer returns: closed as deleted.
 * </ul>
 *
 * <p>Changes to Baton go through {@code applySourceEvent} with the webhook Jira would have sent
 * ({@link JiraEvents}); each one, and each repair in Jira, writes a maintenance audit entry ({@code
 * reconcile.*}, actor {@code system:reconciler}) in the same transaction. A dry run decides the
 * same and changes nothing.
 */
@Component
class ReconcileIssue {

  static final Actor RECONCILER = Actor.system("reconciler");
  static final String SOURCE = "reconciler";

  private final SourceMirrors mirrors;
  private final Assignments assignments;
  private final People people;
  private final WorkItems items;
  private final SourceEventHandler handler;
  private final JiraIssues jira;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  ReconcileIssue(
      SourceMirrors mirrors,
      Assignments assignments,
      People people,
      WorkItems items,
      SourceEventHandler handler,
      JiraIssues jira,
      AuditLog audit,
      TransactionTemplate transactions) {
    this.mirrors = mirrors;
    this.assignments = assignments;
    this.people = people;
    this.items = items;
    this.handler = handler;
    this.jira = jira;
    this.audit = audit;
    this.transactions = transactions;
  }

  /** What one run compares with. */
  record Run(UUID runId, boolean dryRun, Integration integration, JiraIssues.Site site) {

    String tenantId() {
      return integration.tenantId();
    }
  }

  /** The finding about an issue Jira returned, empty when Jira and Baton agree. */
  Optional<Finding> compare(Run run, IssueSnapshot issue) {
    Optional<SourceMirrors.Mirror> found =
        mirrors.find(run.tenantId(), run.integration().id(), issue.id());
    if (found.isEmpty()) {
      return issue.done() ? Optional.empty() : Optional.of(backfill(run, issue));
    }
    SourceMirrors.Mirror mirror = found.get();
    if (mirror.deleted()) {
      return Optional.empty();
    }
    boolean closedInBaton = mirror.status().equals(WorkItems.CLOSED);
    if (issue.done() != closedInBaton) {
      return Optional.of(adoptStatus(run, issue, mirror));
    }
    if (issue.done()) {
      return Optional.empty();
    }
    return compareAssignee(run, issue, mirror);
  }

  /** The finding about an issue Baton holds open and Jira no longer returns. */
  Finding deleted(Run run, SourceMirrors.Mirror mirror, long nowMillis) {
    WorkItem item = items.get(run.tenantId(), mirror.workItemId());
    String key = item.source().externalKey();
    Finding finding =
        new Finding(
            Finding.DELETED,
            mirror.externalId(),
            key,
            item.id(),
            Finding.CLOSED,
            "Jira no longer returns the issue (deleted, or hidden from Baton's account); the work"
                + " item is closed");
    if (run.dryRun()) {
      return finding;
    }
    SourceEvent event =
        JiraEvents.deleted(
            mirror.externalId(), key == null ? mirror.externalId() : key, item.title(), nowMillis);
    return apply(run, finding, event, "reconcile.closed");
  }

  private Finding backfill(Run run, IssueSnapshot issue) {
    Finding finding =
        new Finding(
            Finding.UNKNOWN,
            issue.id(),
            issue.key(),
            null,
            Finding.BACKFILLED,
            "Baton never received a webhook about this open issue; created as issue_created would");
    return run.dryRun()
        ? finding
        : apply(run, finding, JiraEvents.created(issue), "reconcile.backfilled");
  }

  private Finding adoptStatus(Run run, IssueSnapshot issue, SourceMirrors.Mirror mirror) {
    Finding finding =
        new Finding(
            Finding.STATUS,
            issue.id(),
            issue.key(),
            mirror.workItemId(),
            Finding.ADOPTED,
            (issue.done() ? "done in Jira, open in Baton" : "open in Jira, closed in Baton")
                + "; Jira owns status, so Baton "
                + (issue.done() ? "closes" : "reopens")
                + " the work item");
    return run.dryRun()
        ? finding
        : apply(run, finding, JiraEvents.statusChanged(issue), "reconcile.adopted");
  }

  private Optional<Finding> compareAssignee(
      Run run, IssueSnapshot issue, SourceMirrors.Mirror mirror) {
    Assignment assignment =
        assignments
            .find(run.tenantId(), mirror.workItemId())
            .orElseThrow(() -> new IllegalStateException("no assignment for " + mirror));
    if (assignment.state() == AssignmentState.UNASSIGNED
        || assignment.state() == AssignmentState.CLOSED) {
      return Optional.empty(); // Baton has set no assignee to keep
    }
    String expected = jiraAccount(run.tenantId(), assignment.owner());
    if (Objects.equals(expected, issue.assignee())) {
      return Optional.empty();
    }
    String jiraSide = issue.assignee() == null ? "unassigned" : issue.assignee();
    String batonSide =
        assignment.owner() + " (" + (expected == null ? "unassigned" : expected) + ")";
    IssueSnapshot.Change change = issue.lastAssigneeChange();
    boolean byPerson =
        change != null
            && change.author() != null
            && !change.author().equals(run.site().accountId())
            && Objects.equals(change.to(), issue.assignee())
            && change.createdMillis() > assignment.updatedAt().toEpochMilli();
    if (byPerson && change != null) {
      Optional<Person> person =
          issue.assignee() == null
              ? Optional.empty()
              : people.findByIdentity(run.tenantId(), People.IdentitySystem.JIRA, issue.assignee());
      String made = "assigned to " + jiraSide + " in Jira by " + change.author();
      if (person.isEmpty()) {
        return Optional.of(
            new Finding(
                Finding.ASSIGNEE,
                issue.id(),
                issue.key(),
                mirror.workItemId(),
                Finding.NONE,
                made + ", who is no person in Baton; Baton keeps " + batonSide));
      }
      Finding finding =
          new Finding(
              Finding.ASSIGNEE,
              issue.id(),
              issue.key(),
              mirror.workItemId(),
              Finding.ADOPTED,
              made
                  + " after Baton's last change; adopted as an override by person:"
                  + person.get().id());
      return Optional.of(
          run.dryRun()
              ? finding
              : apply(run, finding, JiraEvents.assigneeChanged(issue), "reconcile.adopted"));
    }
    if (!run.site().writes()) {
      return Optional.of(
          new Finding(
              Finding.ASSIGNEE,
              issue.id(),
              issue.key(),
              mirror.workItemId(),
              Finding.NONE,
              "Jira shows "
                  + jiraSide
                  + ", Baton "
                  + batonSide
                  + "; the connection is in mode "
                  + run.site().mode()
                  + ", so Baton does not write to Jira"));
    }
    Finding finding =
        new Finding(
            Finding.ASSIGNEE,
            issue.id(),
            issue.key(),
            mirror.workItemId(),
            Finding.REPAIRED,
            "Jira shows "
                + jiraSide
                + " but Baton's write of "
                + batonSide
                + " did not land (no later change by a person); assignee set back");
    return Optional.of(run.dryRun() ? finding : repair(run, issue, finding, expected));
  }

  private Finding repair(Run run, IssueSnapshot issue, Finding finding, @Nullable String account) {
    try {
      jira.setAssignee(run.site(), issue.key(), account);
    } catch (JiraIssues.JiraReadFailed e) {
      return failed(finding, e);
    }
    Map<String, @Nullable Object> before = new LinkedHashMap<>();
    before.put("jiraAssignee", issue.assignee());
    Map<String, @Nullable Object> after = new LinkedHashMap<>();
    after.put("jiraAssignee", account);
    after.put("issueKey", issue.key());
    after.put("runId", run.runId().toString());
    transactions.executeWithoutResult(
        status ->
            audit.append(
                run.tenantId(),
                new AuditRecord(
                    RECONCILER,
                    SOURCE,
                    "work-item",
                    Objects.requireNonNull(finding.workItemId()).toString(),
                    "reconcile.repaired",
                    finding.detail(),
                    before,
                    after)));
    return finding;
  }

  /** Applies the change through the webhook path and records it, in one transaction. */
  private Finding apply(Run run, Finding finding, SourceEvent event, String auditAction) {
    try {
      return Objects.requireNonNull(
          transactions.execute(
              status -> {
                SourceEventHandler.Outcome outcome =
                    handler.apply(run.integration(), event, run.runId());
                UUID workItemId =
                    mirrors
                        .find(run.tenantId(), run.integration().id(), finding.issueId())
                        .map(SourceMirrors.Mirror::workItemId)
                        .orElseThrow(() -> new IllegalStateException("no mirror for " + finding));
                Map<String, @Nullable Object> after = new LinkedHashMap<>();
                after.put("issueId", finding.issueId());
                after.put("issueKey", finding.issueKey());
                after.put("kind", finding.kind());
                after.put("outcome", outcome.name());
                after.put("runId", run.runId().toString());
                audit.append(
                    run.tenantId(),
                    new AuditRecord(
                        RECONCILER,
                        SOURCE,
                        "work-item",
                        workItemId.toString(),
                        auditAction,
                        finding.detail(),
                        null,
                        after));
                return new Finding(
                    finding.kind(),
                    finding.issueId(),
                    finding.issueKey(),
                    workItemId,
                    finding.action(),
                    finding.detail());
              }));
    } catch (RuntimeException e) {
      return failed(finding, e);
    }
  }

  private static Finding failed(Finding finding, RuntimeException e) {
    return new Finding(
        finding.kind(),
        finding.issueId(),
        finding.issueKey(),
        finding.workItemId(),
        Finding.FAILED,
        finding.detail() + "; failed: " + e.getMessage());
  }

  /** The Jira account Baton's owner maps to; null (unassigned) for a queue or an unknown person. */
  private @Nullable String jiraAccount(String tenantId, @Nullable Owner owner) {
    if (owner == null || owner.kind() != Owner.Kind.PERSON) {
      return null;
    }
    return people.find(tenantId, owner.id()).map(p -> p.identities().jira()).orElse(null);
  }
}
