package dev.baton.slack;

import static dev.baton.slack.SlackMessages.escape;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.Owner;
import dev.baton.assignment.RoutingDecisions;
import dev.baton.roster.People;
import dev.baton.roster.Person;
import dev.baton.workitem.WorkItem;
import dev.baton.workitem.WorkItems;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Finds the work items a Slack user names and describes items, owners and decisions in mrkdwn. */
@Component
class SlackWorkItems {

  /** At most this many items are listed when a key is ambiguous. */
  static final int AMBIGUOUS_LIMIT = 5;

  private static final Pattern BATON_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern LINKABLE = Pattern.compile("https?://[^\\s<>|]+");

  private final WorkItems items;
  private final RoutingDecisions decisions;
  private final People people;

  SlackWorkItems(WorkItems items, RoutingDecisions decisions, People people) {
    this.items = items;
    this.decisions = decisions;
    this.people = people;
  }

  /**
   * The items a word names: a Baton id, else a source key such as {@code PROJ-123} (ignoring case).
   * Slack's link form {@code <url|PROJ-123>} is read as its label. Up to {@value #AMBIGUOUS_LIMIT}
   * + 1, newest first.
   */
  List<WorkItem> named(String tenantId, String word) {
    String key = word;
    if (key.startsWith("<") && key.endsWith(">")) {
      int bar = key.lastIndexOf('|');
      key =
          bar >= 0 ? key.substring(bar + 1, key.length() - 1) : key.substring(1, key.length() - 1);
    }
    if (BATON_ID.matcher(key).matches()) {
      return items.find(tenantId, UUID.fromString(key)).map(List::of).orElse(List.of());
    }
    return items.findByKey(tenantId, key, AMBIGUOUS_LIMIT + 1);
  }

  WorkItems.WithAssignment withAssignment(String tenantId, UUID id) {
    return items.getWithAssignment(tenantId, id.toString());
  }

  /** The item's source key (else its id) in bold, linked to the source when it has a URL. */
  static String label(WorkItem item) {
    String key = item.source().externalKey();
    String name = escape(key != null && !key.isBlank() ? key : item.id().toString());
    String url = item.source().url();
    if (url != null && LINKABLE.matcher(url).matches()) {
      return "*<" + url.replace("&", "&amp;") + "|" + name + ">*";
    }
    return "*" + name + "*";
  }

  /** The label and the title. */
  static String headline(WorkItem item) {
    return label(item) + " " + escape(SlackMessages.truncate(item.title(), 200));
  }

  /** The label of the item with this id, or the id when it is not the tenant's. */
  String label(String tenantId, UUID id) {
    return items.find(tenantId, id).map(SlackWorkItems::label).orElse("`" + id + "`");
  }

  /** A person as a Slack mention when they have a Slack identity, else by name; a queue by id. */
  String owner(String tenantId, @Nullable Owner owner) {
    if (owner == null) {
      return "nobody";
    }
    if (owner.kind() == Owner.Kind.QUEUE) {
      return "queue *" + escape(owner.id()) + "*";
    }
    Optional<Person> person = people.find(tenantId, owner.id());
    if (person.isEmpty()) {
      return "*" + escape(owner.id()) + "*";
    }
    String slack = person.get().identities().slack();
    String name = escape(person.get().name());
    return slack != null ? "<@" + slack + "> (" + name + ")" : "*" + name + "*";
  }

  /** Where the assignment stands, e.g. "offered to @alice (Alice)" or "queued in queue triage". */
  String standing(String tenantId, Assignment assignment) {
    String owner = owner(tenantId, assignment.owner());
    return switch (assignment.state()) {
      case UNASSIGNED -> "unassigned";
      case QUEUED -> "queued in " + owner;
      case OFFERED -> "offered to " + owner;
      case ACCEPTED -> "accepted by " + owner;
      case IN_PROGRESS -> "in progress with " + owner;
      case BLOCKED -> "blocked, held by " + owner;
      case CLOSED -> "closed" + (assignment.owner() == null ? "" : ", last held by " + owner);
    };
  }

  /**
   * The why sentence of the routing decision that gave the item its current owner: the latest
   * applied decision, when it named that owner. Empty when the owner came from a manual action.
   */
  Optional<String> why(String tenantId, Assignment assignment) {
    Owner owner = assignment.owner();
    return decisions.of(tenantId, assignment.workItemId()).stream()
        .filter(RoutingDecisions.Stored::applied)
        .findFirst()
        .filter(d -> owner != null && owner.toString().equals(d.owner()))
        .map(RoutingDecisions.Stored::why);
  }

  /** The why sentence of the latest applied decision, whatever it decided. */
  Optional<String> latestWhy(String tenantId, UUID workItemId) {
    return decisions.of(tenantId, workItemId).stream()
        .filter(RoutingDecisions.Stored::applied)
        .findFirst()
        .map(RoutingDecisions.Stored::why);
  }
}
