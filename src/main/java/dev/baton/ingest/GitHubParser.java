package dev.baton.ingest;

import dev.baton.ingest.SourceEvent.Kind;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** GitHub webhooks; the event name comes from {@code X-GitHub-Event}, the action from the body. */
final class GitHubParser implements PayloadParser {

  static final String PROVIDER = "github";

  private static final Map<String, Kind> ITEM_ACTIONS =
      Map.ofEntries(
          Map.entry("opened", Kind.ITEM_UPSERT),
          Map.entry("edited", Kind.ITEM_UPSERT),
          Map.entry("labeled", Kind.ITEM_UPSERT),
          Map.entry("unlabeled", Kind.ITEM_UPSERT),
          Map.entry("review_requested", Kind.ITEM_UPSERT),
          Map.entry("ready_for_review", Kind.ITEM_UPSERT),
          Map.entry("assigned", Kind.ASSIGNEE_CHANGED),
          Map.entry("unassigned", Kind.ASSIGNEE_CHANGED),
          Map.entry("closed", Kind.ITEM_CLOSED),
          Map.entry("reopened", Kind.ITEM_REOPENED),
          Map.entry("deleted", Kind.ITEM_DELETED));

  /** The CI events that report a conclusion; each carries its object under its own name. */
  private static final Set<String> CI_EVENTS =
      Set.of("workflow_run", "workflow_job", "check_run", "check_suite");

  /** Conclusions that mean the code is broken; neutral, cancelled and skipped do not. */
  private static final Set<String> FAILED = Set.of("failure", "timed_out", "startup_failure");

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public SourceEvent parse(@Nullable String eventHeader, JsonNode payload) {
    PayloadReader in = new PayloadReader(PROVIDER, payload);
    if (eventHeader == null || eventHeader.isBlank()) {
      throw in.bad("the X-GitHub-Event header is missing");
    }
    String action = in.optionalText("/action");
    return switch (eventHeader) {
      case "issues" -> item(in, eventHeader, action, "/issue");
      case "pull_request" -> item(in, eventHeader, action, "/pull_request");
      case "issue_comment" -> comment(in, action);
      case "ping" -> ignored(eventHeader, action, "ping: GitHub checks the webhook works");
      case "push" -> ignored(eventHeader, action, "push: Baton routes issues and failures");
      default ->
          CI_EVENTS.contains(eventHeader)
              ? ci(in, eventHeader, action)
              : ignored(eventHeader, action, "event " + eventHeader + " is not used");
    };
  }

  private SourceEvent item(PayloadReader in, String event, @Nullable String action, String at) {
    @Nullable Kind kind = action == null ? null : ITEM_ACTIONS.get(action);
    if (kind == null) {
      return ignored(event, action, event + " action " + action + " is not used");
    }
    SourceEvent.Builder b = snapshot(in, event, action, at).kind(kind);
    if ("assigned".equals(action)) {
      b.assignee(in.text("/assignee/login"));
    } else if ("unassigned".equals(action)) {
      String removed = in.text("/assignee/login");
      b.previousAssignee(removed).assignee(firstAssigneeOtherThan(in, at, removed));
    }
    if (at.equals("/pull_request")) {
      b.attribute("draft", in.optionalBoolean(at + "/draft"))
          .attribute("merged", in.optionalBoolean(at + "/merged"))
          .attribute("headBranch", in.optionalText(at + "/head/ref"))
          .attribute("baseBranch", in.optionalText(at + "/base/ref"))
          .attribute("requestedReviewer", in.optionalText("/requested_reviewer/login"));
    }
    return b.build();
  }

  private SourceEvent comment(PayloadReader in, @Nullable String action) {
    if (!"created".equals(action)) {
      return ignored("issue_comment", action, "only new comments are used");
    }
    return snapshot(in, "issue_comment", action, "/issue")
        .kind(Kind.COMMENT)
        .attribute("commentId", in.id("/comment/id"))
        .attribute("onPullRequest", in.has("/issue/pull_request") ? "true" : null)
        .build();
  }

  /** What an issue or pull request looks like now; the same fields for every action. */
  private SourceEvent.Builder snapshot(
      PayloadReader in, String event, @Nullable String action, String at) {
    in.object(at);
    String repo = in.text("/repository/full_name");
    String id = in.optionalText(at + "/node_id");
    return SourceEvent.about(PROVIDER, event, action)
        .externalId(id != null ? id : in.id(at + "/id"))
        .externalKey(repo + "#" + in.id(at + "/number"))
        .url(in.optionalText(at + "/html_url"))
        .title(in.text(at + "/title"))
        .labels(in.texts(at + "/labels", "name"))
        .closed("closed".equals(in.text(at + "/state")))
        .sourceVersion(in.millis(at + "/updated_at"))
        .assignee(in.optionalText(at + "/assignee/login"))
        .actor(in.optionalText("/sender/login"))
        .project(repo)
        .attribute("author", in.optionalText(at + "/user/login"))
        .attribute("milestone", in.optionalText(at + "/milestone/title"));
  }

  /** After {@code unassigned}, who is left; GitHub's {@code issue.assignee} may still be stale. */
  private static @Nullable String firstAssigneeOtherThan(
      PayloadReader in, String at, String removed) {
    return in.texts(at + "/assignees", "login").stream()
        .filter(login -> !login.equals(removed))
        .findFirst()
        .orElse(null);
  }

  private SourceEvent ci(PayloadReader in, String event, @Nullable String action) {
    String at = "/" + event;
    if (!"completed".equals(action)) {
      return ignored(event, action, event + " is not finished yet");
    }
    String conclusion = in.optionalText(at + "/conclusion");
    if (conclusion == null || !FAILED.contains(conclusion)) {
      return ignored(event, action, event + " concluded " + conclusion + ", not a failure");
    }
    in.object(at);
    String repo = in.text("/repository/full_name");
    String id = in.id(at + "/id");
    String nodeId = in.optionalText(at + "/node_id");
    String branch = branch(in, event, at);
    return SourceEvent.about(PROVIDER, event, action)
        .kind(Kind.BUILD_FAILED)
        .externalId(nodeId != null ? nodeId : id)
        .externalKey(repo + "/" + event.replace('_', '-') + "s/" + id)
        .url(in.optionalText(at + "/html_url"))
        .title(ciName(in, event, at) + " failed" + (branch == null ? "" : " on " + branch))
        .sourceVersion(finishedAt(in, at))
        .actor(in.optionalText("/sender/login"))
        .project(repo)
        .attribute("conclusion", conclusion)
        .attribute("branch", branch)
        .attribute("headSha", in.optionalText(at + "/head_sha"))
        .attribute("runId", in.optionalId(at + "/run_id"))
        .build();
  }

  private static String ciName(PayloadReader in, String event, String at) {
    String name = in.optionalText(at + "/name");
    if (name != null && !name.isBlank()) {
      return name;
    }
    String workflow = in.optionalText("/workflow/name");
    if (workflow != null && !workflow.isBlank()) {
      return workflow;
    }
    String app = in.optionalText(at + "/app/name");
    return app != null ? app : event.replace('_', ' ');
  }

  private static @Nullable String branch(PayloadReader in, String event, String at) {
    String branch = in.optionalText(at + "/head_branch");
    return branch != null || !event.equals("check_run")
        ? branch
        : in.optionalText(at + "/check_suite/head_branch");
  }

  /** Runs and suites have {@code updated_at}; check runs and jobs only {@code completed_at}. */
  private static long finishedAt(PayloadReader in, String at) {
    Long updated = in.optionalMillis(at + "/updated_at");
    return updated != null ? updated : in.millis(at + "/completed_at");
  }

  private static SourceEvent ignored(String event, @Nullable String action, String reason) {
    return SourceEvent.ignored(PROVIDER, event, action, reason);
  }
}
