package dev.baton.workitem;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentAction;
import dev.baton.assignment.AssignmentCommand;
import dev.baton.assignment.AssignmentState;
import dev.baton.assignment.Assignments;
import dev.baton.assignment.Owner;
import dev.baton.assignment.Router;
import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.ingest.SourceEventHandler.Outcome;
import dev.baton.roster.People;
import dev.baton.roster.Person;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * An assignee change made in the source by someone other than Baton: the new assignee, found among
 * the people by their identity in that tool, takes the work as an {@code override} with the human
 * actor recorded (and a reclaim rule of the live policy may take it back at once, see {@link
 * Router#reclaim}). An assignee no person holds is recorded as such and the owner stays; nobody is
 * guessed.
 */
@Component
class OverrideFromSource {

  /** Audit action of a human assignee change Baton could not apply; the reason says why. */
  static final String NOT_APPLIED = "source-event.override-not-applied";

  private static final Set<AssignmentState> HELD =
      EnumSet.of(AssignmentState.ACCEPTED, AssignmentState.IN_PROGRESS, AssignmentState.BLOCKED);

  private final People people;
  private final Assignments assignments;
  private final Router router;
  private final AuditLog audit;

  OverrideFromSource(People people, Assignments assignments, Router router, AuditLog audit) {
    this.people = people;
    this.assignments = assignments;
    this.router = router;
    this.audit = audit;
  }

  /** The person the event's new assignee is, when a person holds that identity. */
  Optional<Person> newAssignee(SourceDelivery delivery) {
    String assignee = delivery.event().assignee();
    Optional<People.IdentitySystem> system = identitySystem(delivery.event().provider());
    if (assignee == null || system.isEmpty()) {
      return Optional.empty();
    }
    return people.findByIdentity(delivery.tenantId(), system.get(), assignee);
  }

  /** Applies the change to the item's assignment, or records why it could not. */
  Outcome apply(SourceDelivery delivery, WorkItem item) {
    String provider = delivery.event().provider();
    String assignee = delivery.event().assignee();
    Assignment current =
        assignments
            .find(delivery.tenantId(), item.id())
            .orElseThrow(() -> new IllegalStateException("no assignment for " + item.id()));
    if (assignee == null) {
      return notApplied(delivery, item, current, "unassigned in " + provider + "; owner unchanged");
    }
    Optional<Person> person = newAssignee(delivery);
    if (person.isEmpty()) {
      return notApplied(
          delivery,
          item,
          current,
          provider
              + " assignee '"
              + assignee
              + "' is no person's "
              + provider
              + " identity; owner unchanged");
    }
    Owner owner = Owner.person(person.get().id());
    if (current.state() == AssignmentState.CLOSED) {
      return notApplied(
          delivery, item, current, "assigned to " + owner + " in " + provider + " while closed");
    }
    if (owner.equals(current.owner()) && HELD.contains(current.state())) {
      return Outcome.IGNORED;
    }
    assignments.apply(
        delivery.tenantId(),
        WorkItems.subject(item),
        new AssignmentCommand(
            AssignmentAction.OVERRIDE,
            owner,
            "assigned to " + assignee + " in " + provider + " by " + actorName(delivery),
            null,
            delivery.actor(),
            delivery.source(),
            true));
    // a reclaim rule of the live policy may take the work straight back
    router.reclaim(delivery.tenantId(), WorkItems.subject(item), WorkItems.facts(item));
    return Outcome.OVERRIDDEN;
  }

  private Outcome notApplied(
      SourceDelivery delivery, WorkItem item, Assignment current, String reason) {
    Map<String, @Nullable Object> after = delivery.describe();
    String assignee = delivery.event().assignee();
    after.put("assignee", assignee == null ? null : delivery.event().provider() + ":" + assignee);
    after.put("owner", current.owner() == null ? null : current.owner().toString());
    audit.append(
        delivery.tenantId(),
        new AuditRecord(
            delivery.actor(),
            delivery.source(),
            "work-item",
            item.id().toString(),
            NOT_APPLIED,
            reason,
            Assignments.view(current),
            after));
    return Outcome.OVERRIDDEN;
  }

  private static String actorName(SourceDelivery delivery) {
    String actor = delivery.event().actor();
    return actor == null ? "an unnamed actor" : actor;
  }

  /** The people's identity that a provider's assignees are given in; none for the others. */
  static Optional<People.IdentitySystem> identitySystem(String provider) {
    return switch (provider) {
      case "github" -> Optional.of(People.IdentitySystem.GITHUB);
      case "gitlab" -> Optional.of(People.IdentitySystem.GITLAB);
      case "jira" -> Optional.of(People.IdentitySystem.JIRA);
      case "slack" -> Optional.of(People.IdentitySystem.SLACK);
      default -> Optional.empty();
    };
  }
}
