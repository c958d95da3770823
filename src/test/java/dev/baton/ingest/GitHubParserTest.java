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

class GitHubParserTest {

  private static final String ISSUE = "MDU6SXNzdWU0NDQ1MDAwNDE=";
  private static final String PR = "MDExOlB1bGxSZXF1ZXN0Mjc5MTQ3NDM3";
  private static final String HELLO = "Codertocat/Hello-World";

  private final PayloadParser parser = Parsers.forProvider("github");

  /** One row per real payload: what GitHub sent, and what Baton must read from it. */
  record Row(
      String file,
      String header,
      Kind kind,
      @Nullable String externalId,
      @Nullable String externalKey,
      @Nullable String status,
      @Nullable String assignee,
      @Nullable String updatedAt) {

    @Override
    public String toString() {
      return file;
    }
  }

  static final List<Row> CORPUS =
      List.of(
          new Row(
              "issues.opened.json",
              "issues",
              Kind.ITEM_UPSERT,
              ISSUE,
              HELLO + "#1",
              "open",
              "Codertocat",
              "2019-05-15T15:20:18Z"),
          new Row(
              "issues.edited.json",
              "issues",
              Kind.ITEM_UPSERT,
              ISSUE,
              HELLO + "#1",
              "open",
              "Codertocat",
              "2019-05-15T15:20:18Z"),
          new Row(
              "issues.labeled.json",
              "issues",
              Kind.ITEM_UPSERT,
              ISSUE,
              HELLO + "#1",
              "open",
              "Codertocat",
              "2019-05-15T15:20:18Z"),
          new Row(
              "issues.assigned.json",
              "issues",
              Kind.ASSIGNEE_CHANGED,
              ISSUE,
              HELLO + "#1",
              "open",
              "Codertocat",
              "2019-05-15T15:20:18Z"),
          new Row(
              "issues.unassigned.json",
              "issues",
              Kind.ASSIGNEE_CHANGED,
              ISSUE,
              HELLO + "#1",
              "open",
              null,
              "2019-05-15T15:20:25Z"),
          new Row(
              "issues.closed.json",
              "issues",
              Kind.ITEM_CLOSED,
              "I_kwDOQwktts7nMIvA",
              "Pritesh-30/test-repo#8",
              "closed",
              null,
              "2026-01-31T08:11:37Z"),
          new Row(
              "issues.reopened.json",
              "issues",
              Kind.ITEM_REOPENED,
              ISSUE,
              HELLO + "#1",
              "open",
              "Codertocat",
              "2021-10-11T16:40:56Z"),
          new Row(
              "issue_comment.created.json",
              "issue_comment",
              Kind.COMMENT,
              ISSUE,
              HELLO + "#1",
              "open",
              "Codertocat",
              "2019-05-15T15:20:21Z"),
          new Row(
              "pull_request.opened.json",
              "pull_request",
              Kind.ITEM_UPSERT,
              PR,
              HELLO + "#2",
              "open",
              null,
              "2019-05-15T15:20:33Z"),
          new Row(
              "pull_request.review_requested.json",
              "pull_request",
              Kind.ITEM_UPSERT,
              PR,
              HELLO + "#2",
              "open",
              null,
              "2019-05-15T15:20:33Z"),
          new Row(
              "pull_request.closed.json",
              "pull_request",
              Kind.ITEM_CLOSED,
              PR,
              HELLO + "#2",
              "closed",
              null,
              "2019-05-15T15:21:18Z"),
          new Row(
              "check_run.completed.failure.json",
              "check_run",
              Kind.BUILD_FAILED,
              "MDg6Q2hlY2tSdW4xMjg2MjAyMjg=",
              HELLO + "/check-runs/128620228",
              "open",
              null,
              "2019-05-15T15:21:12Z"),
          new Row(
              "workflow_job.completed.failure.json",
              "workflow_job",
              Kind.BUILD_FAILED,
              "MDExOldvcmtmbG93UnVuMjg5NzgyNDUx",
              HELLO + "/workflow-jobs/289782451",
              "open",
              null,
              "2021-08-05T10:38:16Z"),
          new Row(
              "check_run.completed.json", "check_run", Kind.IGNORED, null, null, null, null, null),
          new Row(
              "check_suite.completed.json",
              "check_suite",
              Kind.IGNORED,
              null,
              null,
              null,
              null,
              null),
          new Row(
              "workflow_run.completed.json",
              "workflow_run",
              Kind.IGNORED,
              null,
              null,
              null,
              null,
              null),
          new Row(
              "workflow_run.completed.with-pull-requests.json",
              "workflow_run",
              Kind.IGNORED,
              null,
              null,
              null,
              null,
              null),
          new Row("ping.json", "ping", Kind.IGNORED, null, null, null, null, null),
          new Row("push.json", "push", Kind.IGNORED, null, null, null, null, null),
          new Row("push.with-new-branch.json", "push", Kind.IGNORED, null, null, null, null, null));

  static Stream<Row> corpus() {
    return CORPUS.stream();
  }

  private SourceEvent parse(String file, String header) {
    return parser.parse(header, VendorFixtures.json("github/" + file));
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void readsEveryRealPayload(Row row) {
    SourceEvent event = parse(row.file(), row.header());

    assertThat(event.provider()).isEqualTo("github");
    assertThat(event.eventType()).isEqualTo(row.header());
    assertThat(event.kind()).isEqualTo(row.kind());
    assertThat(event.externalId()).isEqualTo(row.externalId());
    assertThat(event.externalKey()).isEqualTo(row.externalKey());
    assertThat(event.status()).isEqualTo(row.status());
    assertThat(event.assignee()).isEqualTo(row.assignee());
    if (row.updatedAt() != null) {
      assertThat(event.sourceVersion()).isEqualTo(millis(row.updatedAt()));
    } else {
      assertThat(event.ignoredReason()).isNotBlank();
    }
  }

  @Test
  void everyRealPayloadHasARow() {
    assertThat(VendorFixtures.names("github"))
        .containsExactlyInAnyOrderElementsOf(CORPUS.stream().map(Row::file).toList());
  }

  @Test
  void anIssueCarriesTitleLabelsLinkAndWhoActed() {
    SourceEvent event = parse("issues.opened.json", "issues");

    assertThat(event.action()).isEqualTo("opened");
    assertThat(event.title()).isEqualTo("Spelling error in the README file");
    assertThat(event.labels()).containsExactly("bug");
    assertThat(event.url()).isEqualTo("https://github.com/Codertocat/Hello-World/issues/1");
    assertThat(event.actor()).isEqualTo("Codertocat");
    assertThat(event.project()).isEqualTo(HELLO);
    assertThat(event.attributes())
        .containsEntry("author", "Codertocat")
        .containsEntry("milestone", "v1.0");
  }

  @Test
  void unassigningNamesWhoWasRemovedAndWhoIsLeft() {
    SourceEvent event = parse("issues.unassigned.json", "issues");

    assertThat(event.previousAssignee()).isEqualTo("Codertocat");
    assertThat(event.assignee()).isNull();
  }

  @Test
  void laterChangesOfOneIssueHaveHigherSourceVersions() {
    long opened = parse("issues.opened.json", "issues").sourceVersion();
    long unassigned = parse("issues.unassigned.json", "issues").sourceVersion();
    long reopened = parse("issues.reopened.json", "issues").sourceVersion();

    assertThat(opened).isLessThan(unassigned);
    assertThat(unassigned).isLessThan(reopened);
  }

  @Test
  void aReviewRequestNamesTheReviewerAndAClosedPullRequestWhetherMerged() {
    assertThat(parse("pull_request.review_requested.json", "pull_request").attributes())
        .containsEntry("requestedReviewer", "octocat")
        .containsEntry("headBranch", "changes")
        .containsEntry("baseBranch", "master");
    assertThat(parse("pull_request.closed.json", "pull_request").attributes())
        .containsEntry("merged", "false");
  }

  @Test
  void aCommentNamesTheIssueAndTheCommentButKeepsNoText() {
    SourceEvent event = parse("issue_comment.created.json", "issue_comment");

    assertThat(event.attributes())
        .containsEntry("commentId", "492700400")
        .doesNotContainKeys("body", "onPullRequest");
    assertThat(event.title()).isEqualTo("Spelling error in the README file");
  }

  @Test
  void failedChecksAndJobsSayWhatFailedWhere() {
    SourceEvent check = parse("check_run.completed.failure.json", "check_run");
    SourceEvent job = parse("workflow_job.completed.failure.json", "workflow_job");

    assertThat(check.title()).isEqualTo("Octocoders-linter failed on changes");
    assertThat(check.attributes()).containsEntry("conclusion", "failure");
    assertThat(job.title()).isEqualTo("linters failed on main");
    assertThat(job.url()).isEqualTo("https://github.com/octo-org/octo-repo/runs/1291536064");
    assertThat(job.attributes())
        .containsEntry("runId", "2202229078")
        .containsEntry("headSha", "3484a3fb816e0859fd6e1cea078d76385ff50625");
  }

  @Test
  void aFailedWorkflowRunIsABuildFailure() {
    SourceEvent event =
        parser.parse(
            "workflow_run", VendorFixtures.own("github/workflow_run.completed.failure.json"));

    assertThat(event.kind()).isEqualTo(Kind.BUILD_FAILED);
    assertThat(event.externalId()).isEqualTo("WFR_kwLOBb5yls4BxkTq");
    assertThat(event.externalKey()).isEqualTo("octo-org/octo-repo/workflow-runs/30433642");
    assertThat(event.title()).isEqualTo("Build failed on main");
    assertThat(event.sourceVersion()).isEqualTo(millis("2024-03-01T10:04:12Z"));
    assertThat(event.actor()).isEqualTo("octocat");
  }

  @Test
  void aSuccessfulRunSaysWhyItIsIgnored() {
    assertThat(parse("workflow_run.completed.json", "workflow_run").ignoredReason())
        .isEqualTo("workflow_run concluded success, not a failure");
    assertThat(parse("ping.json", "ping").ignoredReason()).startsWith("ping");
  }

  @Test
  void withoutTheEventHeaderThePayloadCannotBeRead() {
    var payload = VendorFixtures.own("github/workflow_run.completed.failure.json");

    assertThatThrownBy(() -> parser.parse(null, payload))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessage("github payload: the X-GitHub-Event header is missing");
  }
}
