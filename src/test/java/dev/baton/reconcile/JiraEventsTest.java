package dev.baton.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ingest.SourceEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An issue read back from Jira becomes the webhook event Jira would have sent. */
class JiraEventsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String ISSUE =
      """
      {"id": "10001", "key": "PROJ-1", "self": "https://acme.atlassian.net/rest/api/3/issue/10001",
       "fields": {"summary": "Login broken", "labels": ["sev1"], "components": [{"name": "Auth"}],
         "priority": {"name": "High"}, "project": {"key": "PROJ"}, "issuetype": {"name": "Bug"},
         "assignee": {"accountId": "bob-1"}, "reporter": {"accountId": "rep-1"},
         "status": {"name": "%s", "statusCategory": {"key": "%s"}},
         "updated": "2026-11-23T15:04:05.123+0000"},
       "changelog": {"histories": [
         {"id": "301", "author": {"accountId": "carol-1"}, "created": "2026-11-23T15:04:05.123+0000",
          "items": [{"field": "assignee", "fieldId": "assignee", "from": "alice-1", "to": "bob-1"}]},
         {"id": "299", "author": {"accountId": "baton-1"}, "created": "2026-11-23T14:00:00.000+0000",
          "items": [{"field": "assignee", "fieldId": "assignee", "from": null, "to": "alice-1"}]}]}}
      """;

  private static IssueSnapshot issue(boolean done) {
    JsonNode node =
        JSON.readTree(
            ISSUE.formatted(done ? "Done" : "In Progress", done ? "done" : "indeterminate"));
    return IssueSnapshot.of(node);
  }

  @Test
  void aSnapshotReadsAssigneeStatusAndTheLatestAssigneeChange() {
    IssueSnapshot issue = issue(false);

    assertThat(issue.assignee()).isEqualTo("bob-1");
    assertThat(issue.done()).isFalse();
    assertThat(issue.project()).isEqualTo("PROJ");
    assertThat(issue.latestHistoryId()).isEqualTo(301);
    assertThat(issue.lastAssigneeChange())
        .isEqualTo(
            new IssueSnapshot.Change(301, "carol-1", 1_795_446_245_123L, "alice-1", "bob-1"));
    assertThat(issue.sourceVersion()).isEqualTo(1_795_446_245_123L * 1_000_000L + 301);
  }

  @Test
  void anAssigneeChangeIsTheWebhookOfThatChangeByItsAuthor() {
    SourceEvent event = JiraEvents.assigneeChanged(issue(false));

    assertThat(event.kind()).isEqualTo(SourceEvent.Kind.ASSIGNEE_CHANGED);
    assertThat(event.assignee()).isEqualTo("bob-1");
    assertThat(event.previousAssignee()).isEqualTo("alice-1");
    assertThat(event.actor()).isEqualTo("carol-1");
    assertThat(event.externalKey()).isEqualTo("PROJ-1");
    assertThat(event.labels()).containsExactly("sev1");
    assertThat(event.sourceVersion()).isEqualTo(issue(false).sourceVersion());
  }

  @Test
  void statusChangesCloseAndReopen() {
    assertThat(JiraEvents.statusChanged(issue(true)).kind())
        .isEqualTo(SourceEvent.Kind.ITEM_CLOSED);
    assertThat(JiraEvents.statusChanged(issue(false)).kind())
        .isEqualTo(SourceEvent.Kind.ITEM_REOPENED);
  }

  @Test
  void aMissedIssueIsCreatedAndAGoneOneDeleted() {
    SourceEvent created = JiraEvents.created(issue(false));
    assertThat(created.kind()).isEqualTo(SourceEvent.Kind.ITEM_UPSERT);
    assertThat(created.title()).isEqualTo("Login broken");
    assertThat(created.url()).isEqualTo("https://acme.atlassian.net/browse/PROJ-1");

    SourceEvent deleted = JiraEvents.deleted("10001", "PROJ-1", "Login broken", 1_000L);
    assertThat(deleted.kind()).isEqualTo(SourceEvent.Kind.ITEM_DELETED);
    assertThat(deleted.externalId()).isEqualTo("10001");
    assertThat(deleted.sourceVersion()).isEqualTo(1_000L * 1_000_000L);
  }
}
