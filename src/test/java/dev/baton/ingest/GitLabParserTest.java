package dev.baton.ingest;

import static dev.baton.ingest.VendorFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.ingest.SourceEvent.Kind;
import dev.baton.platform.BatonException;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GitLabParserTest {

  private final PayloadParser parser = Parsers.forProvider("gitlab");

  record Row(
      String file,
      String header,
      Kind kind,
      @Nullable String externalId,
      @Nullable String externalKey,
      @Nullable String status,
      @Nullable String updatedAt) {

    @Override
    public String toString() {
      return file;
    }
  }

  static final List<Row> CORPUS =
      List.of(
          new Row(
              "issue_hook.json",
              "Issue Hook",
              Kind.ITEM_UPSERT,
              "301",
              "gitlabhq/gitlab-test#23",
              "open",
              "2013-12-03T17:15:43Z"),
          new Row(
              "merge_request_hook.json",
              "Merge Request Hook",
              Kind.ITEM_UPSERT,
              "99",
              "gitlabhq/gitlab-test!1",
              "open",
              "2013-12-03T17:23:34Z"),
          new Row(
              "note_hook.issue.json",
              "Note Hook",
              Kind.COMMENT,
              "92",
              "gitlab-org/gitlab-test#17",
              "closed",
              "2016-01-04T15:31:46.176Z"),
          new Row(
              "note_hook.merge_request.json",
              "Note Hook",
              Kind.COMMENT,
              "7",
              "gitlab-org/gitlab-test!1",
              "open",
              "2015-03-21T18:27:27Z"),
          new Row("note_hook.commit.json", "Note Hook", Kind.IGNORED, null, null, null, null),
          new Row("pipeline_hook.json", "Pipeline Hook", Kind.IGNORED, null, null, null, null),
          new Row(
              "pipeline_hook.with_failed_build.json",
              "Pipeline Hook",
              Kind.IGNORED,
              null,
              null,
              null,
              null),
          new Row("job_hook.json", "Job Hook", Kind.IGNORED, null, null, null, null),
          new Row("job_hook.created.json", "Job Hook", Kind.IGNORED, null, null, null, null),
          new Row("push_hook.json", "Push Hook", Kind.IGNORED, null, null, null, null));

  static Stream<Row> corpus() {
    return CORPUS.stream();
  }

  private SourceEvent parse(String file, String header) {
    return parser.parse(header, VendorFixtures.json("gitlab/" + file));
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void readsEveryRealPayload(Row row) {
    SourceEvent event = parse(row.file(), row.header());

    assertThat(event.eventType()).isEqualTo(row.header());
    assertThat(event.kind()).isEqualTo(row.kind());
    assertThat(event.externalId()).isEqualTo(row.externalId());
    assertThat(event.externalKey()).isEqualTo(row.externalKey());
    assertThat(event.status()).isEqualTo(row.status());
    if (row.updatedAt() != null) {
      assertThat(event.sourceVersion()).isEqualTo(millis(row.updatedAt()));
    }
  }

  @Test
  void everyRealPayloadHasARow() {
    assertThat(VendorFixtures.names("gitlab"))
        .containsExactlyInAnyOrderElementsOf(CORPUS.stream().map(Row::file).toList());
  }

  @Test
  void anIssueCarriesTitleLabelsSeverityAndAssignees() {
    SourceEvent event = parse("issue_hook.json", "Issue Hook");

    assertThat(event.action()).isEqualTo("open");
    assertThat(event.title()).isEqualTo("New API: create/update/delete file");
    assertThat(event.labels()).containsExactly("API");
    assertThat(event.severity()).isEqualTo("high");
    assertThat(event.url()).isEqualTo("http://example.com/diaspora/issues/23");
    assertThat(event.assignee()).isEqualTo("user1");
    assertThat(event.actor()).isEqualTo("root");
    assertThat(event.project()).isEqualTo("gitlabhq/gitlab-test");
  }

  @Test
  void aChangeOfAssigneesNamesBothSides() {
    SourceEvent event =
        parser.parse("Issue Hook", VendorFixtures.own("gitlab/issue_hook.reassigned.json"));

    assertThat(event.kind()).isEqualTo(Kind.ASSIGNEE_CHANGED);
    assertThat(event.previousAssignee()).isEqualTo("alice");
    assertThat(event.assignee()).isEqualTo("bob");
    assertThat(event.labels()).containsExactly("backend");
  }

  @Test
  void aMergeRequestCarriesBranchesAndReviewers() {
    SourceEvent event = parse("merge_request_hook.json", "Merge Request Hook");

    assertThat(event.title()).isEqualTo("MS-Viewport");
    assertThat(event.attributes())
        .containsEntry("sourceBranch", "ms-viewport")
        .containsEntry("targetBranch", "master")
        .containsEntry("reviewers", "user1");
  }

  @Test
  void aNoteWithoutTheItemsAddressUsesTheNotesAddressWithoutTheFragment() {
    SourceEvent event = parse("note_hook.issue.json", "Note Hook");

    assertThat(event.url()).isEqualTo("http://example.com/gitlab-org/gitlab-test/issues/17");
    assertThat(event.title()).isEqualTo("test_issue");
    assertThat(event.labels()).containsExactly("Afterpod", "Element");
    assertThat(event.attributes()).containsEntry("noteId", "1241");
  }

  @Test
  void aSuccessfulPipelineWithOneFailedJobIsNotAFailure() {
    assertThat(parse("pipeline_hook.with_failed_build.json", "Pipeline Hook").ignoredReason())
        .isEqualTo("pipeline success, not failed");
  }

  @Test
  void aFailedPipelineIsABuildFailureNamingItsFailedJobs() {
    SourceEvent event =
        parser.parse("Pipeline Hook", VendorFixtures.own("gitlab/pipeline_hook.failed.json"));

    assertThat(event.kind()).isEqualTo(Kind.BUILD_FAILED);
    assertThat(event.externalId()).isEqualTo("1018");
    assertThat(event.externalKey()).isEqualTo("acme/shop/-/pipelines/1018");
    assertThat(event.title()).isEqualTo("Pipeline 1018 failed on main");
    assertThat(event.sourceVersion()).isEqualTo(millis("2024-03-01T10:03:44Z"));
    assertThat(event.attributes()).containsEntry("failedJobs", "unit-tests");
  }

  @Test
  void aFailedJobIsABuildFailure() {
    SourceEvent event = parser.parse("Job Hook", VendorFixtures.own("gitlab/job_hook.failed.json"));

    assertThat(event.kind()).isEqualTo(Kind.BUILD_FAILED);
    assertThat(event.externalKey()).isEqualTo("acme/shop/-/jobs/5002");
    assertThat(event.url()).isEqualTo("https://gitlab.example.com/acme/shop/-/jobs/5002");
    assertThat(event.title()).isEqualTo("unit-tests (test) failed on main");
    assertThat(event.attributes()).containsEntry("failureReason", "script_failure");
  }

  @Test
  void withoutTheHeaderTheBodysKindDecides() {
    assertThat(parser.parse(null, VendorFixtures.json("gitlab/issue_hook.json")).eventType())
        .isEqualTo("Issue Hook");
  }

  @Test
  void aHeaderThatDisagreesWithTheBodyIsRefused() {
    var payload = VendorFixtures.own("gitlab/issue_hook.reassigned.json");

    assertThatThrownBy(() -> parser.parse("Job Hook", payload))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessage(
            "gitlab payload: X-Gitlab-Event 'Job Hook' needs object_kind 'build', was issue");
  }
}
