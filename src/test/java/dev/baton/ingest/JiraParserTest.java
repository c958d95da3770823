package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ingest.SourceEvent.Kind;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JiraParserTest {

  private static final String ADMIN = "5c5f880629be9642ba529340";
  private static final String SAMPLE = "5cedcb4355a88a0fc86388ba";

  private final PayloadParser parser = Parsers.forProvider("jira");

  record Row(
      String file,
      Kind kind,
      String externalId,
      String externalKey,
      String status,
      @Nullable String assignee,
      @Nullable String previousAssignee,
      String updated,
      @Nullable Long changelogId) {

    @Override
    public String toString() {
      return file;
    }
  }

  static final String TES = "10040";

  static final List<Row> CORPUS =
      List.of(
          new Row(
              "jira_issue_created.json",
              Kind.ITEM_UPSERT,
              TES,
              "TES-41",
              "open",
              null,
              null,
              "2019-02-15T19:01:52.971-08:00",
              10222L),
          new Row(
              "jira_issue_created.many_fields.json",
              Kind.ITEM_UPSERT,
              "10509",
              "KT-22",
              "open",
              SAMPLE,
              null,
              "2019-08-27T12:43:24.193-07:00",
              11627L),
          new Row(
              "jira_issue_updated.assignee.json",
              Kind.ASSIGNEE_CHANGED,
              TES,
              "TES-41",
              "open",
              ADMIN,
              null,
              "2019-02-15T19:18:01.707-08:00",
              10230L),
          new Row(
              "jira_issue_updated.assignee_unassigned.json",
              Kind.ASSIGNEE_CHANGED,
              TES,
              "TES-41",
              "open",
              null,
              "admin",
              "2019-02-16T13:10:32.523-08:00",
              10231L),
          new Row(
              "jira_issue_updated.assigned_empty_changelog.json",
              Kind.ASSIGNEE_CHANGED,
              "10001",
              "TEST-123",
              "open",
              "789012",
              null,
              "2024-08-20T18:47:42.935Z",
              10500L),
          new Row(
              "jira_issue_updated.multiple_fields.json",
              Kind.ASSIGNEE_CHANGED,
              TES,
              "TES-41",
              "open",
              SAMPLE,
              null,
              "2019-02-15T19:07:51.756-08:00",
              11151L),
          new Row(
              "jira_issue_updated.status.json",
              Kind.ITEM_UPSERT,
              TES,
              "TES-41",
              "open",
              null,
              null,
              "2019-02-15T19:14:22.002-08:00",
              10227L),
          new Row(
              "jira_issue_updated.status_resolved.json",
              Kind.ITEM_CLOSED,
              TES,
              "TES-41",
              "closed",
              null,
              null,
              "2019-02-15T19:15:40.477-08:00",
              10228L),
          new Row(
              "jira_issue_updated.priority_raised.json",
              Kind.ITEM_UPSERT,
              TES,
              "TES-41",
              "open",
              null,
              null,
              "2019-02-16T13:15:16.037-08:00",
              10235L),
          new Row(
              "jira_issue_updated.priority_lowered.json",
              Kind.ITEM_UPSERT,
              TES,
              "TES-41",
              "open",
              null,
              null,
              "2019-02-16T13:13:52.522-08:00",
              10234L),
          new Row(
              "jira_issue_updated.labels.json",
              Kind.ITEM_UPSERT,
              TES,
              "TES-41",
              "open",
              null,
              null,
              "2019-02-16T13:12:10.037-08:00",
              10233L),
          new Row(
              "jira_issue_deleted.json",
              Kind.ITEM_DELETED,
              "10303",
              "IDT-19",
              "open",
              null,
              null,
              "2019-07-03T11:04:43.020-07:00",
              null),
          // comment payloads carry no issue.fields.updated: the webhook timestamp stands in
          new Row(
              "comment_created.json",
              Kind.COMMENT,
              TES,
              "TES-41",
              "open",
              null,
              null,
              "2019-02-16T03:11:18.321Z",
              null),
          new Row(
              "comment_created.mention.json",
              Kind.COMMENT,
              TES,
              "TES-41",
              "open",
              null,
              null,
              "2019-02-16T03:11:18.321Z",
              null),
          new Row(
              "comment_updated.json",
              Kind.COMMENT,
              TES,
              "TES-41",
              "open",
              null,
              null,
              "2019-02-16T03:12:08.432Z",
              null),
          new Row(
              "comment_deleted.json",
              Kind.COMMENT,
              "10357",
              "KT-7",
              "open",
              SAMPLE,
              null,
              "2019-10-08T05:42:25.538Z",
              null));

  static Stream<Row> corpus() {
    return CORPUS.stream();
  }

  private SourceEvent parse(String file) {
    return parser.parse(null, VendorFixtures.json("jira/" + file));
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void readsEveryRealPayload(Row row) {
    SourceEvent event = parse(row.file());

    assertThat(event.kind()).isEqualTo(row.kind());
    assertThat(event.externalId()).isEqualTo(row.externalId());
    assertThat(event.externalKey()).isEqualTo(row.externalKey());
    assertThat(event.status()).isEqualTo(row.status());
    assertThat(event.assignee()).isEqualTo(row.assignee());
    assertThat(event.previousAssignee()).isEqualTo(row.previousAssignee());
    long millis = java.time.OffsetDateTime.parse(row.updated()).toInstant().toEpochMilli();
    long tie = row.changelogId() == null ? 0 : row.changelogId() % JiraParser.TIE_RANGE;
    assertThat(event.sourceVersion()).isEqualTo(millis * JiraParser.TIE_RANGE + tie);
  }

  @Test
  void everyRealPayloadHasARow() {
    assertThat(VendorFixtures.names("jira"))
        .containsExactlyInAnyOrderElementsOf(CORPUS.stream().map(Row::file).toList());
  }

  @Test
  void anIssueCarriesSummaryLabelsComponentsPriorityAndItsBrowseAddress() {
    SourceEvent event = parse("jira_issue_created.json");

    assertThat(event.eventType()).isEqualTo("jira:issue_created");
    assertThat(event.action()).isEqualTo("issue_created");
    assertThat(event.title()).isEqualTo("Unit test summary");
    assertThat(event.labels()).containsExactly("test-label");
    assertThat(event.components()).containsExactly("COMP-1");
    assertThat(event.priorityHint()).isEqualTo("High");
    assertThat(event.url()).isEqualTo("https://some-instance-test.atlassian.net/browse/TES-41");
    assertThat(event.actor()).isEqualTo(ADMIN);
    assertThat(event.project()).isEqualTo("TES");
    assertThat(event.attributes())
        .containsEntry("issueType", "Story")
        .containsEntry("reporter", ADMIN)
        .doesNotContainKey("description");
  }

  @Test
  void anUpdateSaysWhichFieldsChanged() {
    SourceEvent raised = parse("jira_issue_updated.priority_raised.json");

    assertThat(raised.priorityHint()).isEqualTo("High");
    assertThat(raised.attributes()).containsEntry("changed", "priority");
    assertThat(parse("jira_issue_updated.multiple_fields.json").attributes())
        .containsEntry("changed", "fixVersions,assignee,customfield_10072");
  }

  @Test
  void theRealUpdatesOfOneIssueOrderByTheirTime() {
    List<String> inOrder =
        List.of(
            "jira_issue_created.json",
            "jira_issue_updated.multiple_fields.json",
            "jira_issue_updated.status.json",
            "jira_issue_updated.status_resolved.json",
            "jira_issue_updated.assignee.json",
            "jira_issue_updated.assignee_unassigned.json",
            "jira_issue_updated.labels.json",
            "jira_issue_updated.priority_lowered.json",
            "jira_issue_updated.priority_raised.json");

    assertThat(inOrder.stream().map(f -> parse(f).sourceVersion()).toList()).isSorted();
  }

  @Test
  void twoUpdatesInTheSameMillisecondOrderByChangelog() {
    SourceEvent first = parser.parse(null, VendorFixtures.own("jira/same_millisecond.1.json"));
    SourceEvent second = parser.parse(null, VendorFixtures.own("jira/same_millisecond.2.json"));

    assertThat(first.priorityHint()).isEqualTo("Low");
    assertThat(second.priorityHint()).isEqualTo("High");
    assertThat(second.sourceVersion()).isGreaterThan(first.sourceVersion());
    assertThat(second.sourceVersion() / JiraParser.TIE_RANGE)
        .isEqualTo(first.sourceVersion() / JiraParser.TIE_RANGE);
  }

  @Test
  void leavingADoneStatusWithTheResolutionClearedIsAReopen() {
    SourceEvent event = parser.parse(null, VendorFixtures.own("jira/status_reopened.json"));

    assertThat(event.kind()).isEqualTo(Kind.ITEM_REOPENED);
    assertThat(event.status()).isEqualTo("open");
  }

  @Test
  void aCommentNamesItsAuthorAndIdButKeepsNoText() {
    SourceEvent event = parse("comment_updated.json");

    assertThat(event.action()).isEqualTo("updated");
    assertThat(event.actor()).isEqualTo(ADMIN);
    assertThat(event.attributes()).containsEntry("commentId", "10019").doesNotContainKey("body");
  }
}
