package dev.baton.reconcile;

import dev.baton.ingest.Parsers;
import dev.baton.ingest.SourceEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook Jira would have sent for a change reconciliation found, built from the issue as Jira
 * returns it now and parsed by the same Jira parser the webhook path uses, so a backfilled or
 * adopted change goes through the same mapping, ordering and override rules as a delivered one.
 */
final class JiraEvents {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JiraEvents() {}

  /** {@code jira:issue_created} for an issue Baton never heard of. */
  static SourceEvent created(IssueSnapshot issue) {
    ObjectNode payload = webhook("jira:issue_created", "issue_created", issue, null);
    return parse(payload);
  }

  /**
   * {@code jira:issue_updated} with the issue's latest assignee change as its changelog: the new
   * assignee and who made the change.
   */
  static SourceEvent assigneeChanged(IssueSnapshot issue) {
    IssueSnapshot.Change change = java.util.Objects.requireNonNull(issue.lastAssigneeChange());
    ObjectNode payload = webhook("jira:issue_updated", "issue_assigned", issue, change.author());
    ObjectNode item = NODES.objectNode();
    item.put("field", "assignee");
    item.put("fieldtype", "jira");
    item.put("fieldId", "assignee");
    item.put("from", change.from());
    item.put("to", change.to());
    item.put("tmpFromAccountId", change.from());
    item.put("tmpToAccountId", change.to());
    changelog(payload, issue).add(item);
    return parse(payload);
  }

  /**
   * {@code jira:issue_updated} with a status change: closes when the issue is done, else reopens
   * (the resolution cleared).
   */
  static SourceEvent statusChanged(IssueSnapshot issue) {
    ObjectNode payload =
        webhook(
            "jira:issue_updated", issue.done() ? "issue_resolved" : "issue_reopened", issue, null);
    ArrayNode items = changelog(payload, issue);
    items.addObject().put("field", "status").put("fieldtype", "jira").put("fieldId", "status");
    if (!issue.done()) {
      items
          .addObject()
          .put("field", "resolution")
          .put("fieldtype", "jira")
          .put("fieldId", "resolution")
          .putNull("to");
    }
    return parse(payload);
  }

  /** {@code jira:issue_deleted} for an issue Jira no longer returns, as of {@code nowMillis}. */
  static SourceEvent deleted(String id, String key, String title, long nowMillis) {
    ObjectNode payload = NODES.objectNode();
    payload.put("webhookEvent", "jira:issue_deleted");
    payload.put("timestamp", nowMillis);
    ObjectNode issue = payload.putObject("issue");
    issue.put("id", id);
    issue.put("key", key);
    ObjectNode fields = issue.putObject("fields");
    fields.put("summary", title);
    fields.putObject("status").putObject("statusCategory").put("key", "done");
    return parse(payload);
  }

  private static ObjectNode webhook(
      String event, String action, IssueSnapshot issue, @Nullable String actor) {
    ObjectNode payload = NODES.objectNode();
    payload.put("webhookEvent", event);
    payload.put("issue_event_type_name", action);
    payload.put("timestamp", issue.updatedMillis());
    if (actor != null) {
      payload.putObject("user").put("accountId", actor);
    }
    ObjectNode copy = (ObjectNode) issue.issue().deepCopy();
    copy.remove("changelog");
    copy.remove("expand");
    payload.set("issue", copy);
    return payload;
  }

  /** The changelog carries the newest history id, so the event orders as Jira's own would. */
  private static ArrayNode changelog(ObjectNode payload, IssueSnapshot issue) {
    ObjectNode changelog = payload.putObject("changelog");
    changelog.put("id", Long.toString(issue.latestHistoryId()));
    return changelog.putArray("items");
  }

  private static SourceEvent parse(JsonNode payload) {
    return Parsers.forProvider("jira").parse(null, payload);
  }
}
