package dev.baton.ingest;

import dev.baton.ingest.SourceEvent.Kind;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * GitLab webhooks. The event comes from {@code X-Gitlab-Event} and must agree with the body's
 * {@code object_kind}; without the header the body's kind decides.
 */
final class GitLabParser implements PayloadParser {

  static final String PROVIDER = "gitlab";

  /** Header value to the {@code object_kind} GitLab puts in the body. */
  private static final Map<String, String> KINDS =
      Map.of(
          "Issue Hook", "issue",
          "Confidential Issue Hook", "issue",
          "Merge Request Hook", "merge_request",
          "Pipeline Hook", "pipeline",
          "Job Hook", "build",
          "Note Hook", "note",
          "Confidential Note Hook", "note");

  private static final Map<String, Kind> ACTIONS =
      Map.of(
          "open", Kind.ITEM_UPSERT,
          "update", Kind.ITEM_UPSERT,
          "approved", Kind.ITEM_UPSERT,
          "unapproved", Kind.ITEM_UPSERT,
          "approval", Kind.ITEM_UPSERT,
          "unapproval", Kind.ITEM_UPSERT,
          "close", Kind.ITEM_CLOSED,
          "merge", Kind.ITEM_CLOSED,
          "reopen", Kind.ITEM_REOPENED);

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public SourceEvent parse(@Nullable String eventHeader, JsonNode payload) {
    PayloadReader in = new PayloadReader(PROVIDER, payload);
    String objectKind = in.optionalText("/object_kind");
    String event = eventHeader != null ? eventHeader : headerFor(objectKind);
    String expected = KINDS.get(event);
    if (expected == null) {
      return SourceEvent.ignored(PROVIDER, event, null, event + " is not used");
    }
    if (!expected.equals(objectKind)) {
      throw in.bad(
          "X-Gitlab-Event '" + event + "' needs object_kind '" + expected + "', was " + objectKind);
    }
    return switch (expected) {
      case "issue" -> item(in, event, "#");
      case "merge_request" -> item(in, event, "!");
      case "note" -> note(in, event);
      case "pipeline" -> pipeline(in, event);
      default -> job(in, event);
    };
  }

  private static String headerFor(@Nullable String objectKind) {
    return KINDS.entrySet().stream()
        .filter(e -> e.getValue().equals(objectKind) && !e.getKey().startsWith("Confidential"))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(String.valueOf(objectKind));
  }

  private static SourceEvent item(PayloadReader in, String event, String keySign) {
    String action = in.optionalText("/object_attributes/action");
    @Nullable Kind kind = action == null ? Kind.ITEM_UPSERT : ACTIONS.get(action);
    if (kind == null) {
      return SourceEvent.ignored(PROVIDER, event, action, "action " + action + " is not used");
    }
    boolean reassigned = in.has("/changes/assignees");
    if (kind == Kind.ITEM_UPSERT && reassigned) {
      kind = Kind.ASSIGNEE_CHANGED;
    }
    String state = in.text("/object_attributes/state");
    String project = in.text("/project/path_with_namespace");
    SourceEvent.Builder b =
        SourceEvent.about(PROVIDER, event, action)
            .kind(kind)
            .externalId(in.id("/object_attributes/id"))
            .externalKey(project + keySign + in.id("/object_attributes/iid"))
            .url(in.optionalText("/object_attributes/url"))
            .title(in.text("/object_attributes/title"))
            .labels(labels(in))
            .severity(in.optionalText("/object_attributes/severity"))
            .closed(state.equals("closed") || state.equals("merged"))
            .sourceVersion(in.millis("/object_attributes/updated_at"))
            .assignee(first(in.texts("/assignees", "username")))
            .actor(in.optionalText("/user/username"))
            .project(project)
            .attribute("confidential", in.optionalBoolean("/object_attributes/confidential"));
    if (reassigned) {
      b.previousAssignee(first(in.texts("/changes/assignees/previous", "username")));
    }
    if (keySign.equals("!")) {
      b.attribute("sourceBranch", in.optionalText("/object_attributes/source_branch"))
          .attribute("targetBranch", in.optionalText("/object_attributes/target_branch"))
          .attribute("draft", in.optionalBoolean("/object_attributes/draft"))
          .attribute("reviewers", joined(in.texts("/reviewers", "username")));
    }
    return b.build();
  }

  /**
   * A comment belongs to the issue or merge request it is on, so the event names that item. Notes
   * on commits and snippets have no work item to attach to.
   */
  private static SourceEvent note(PayloadReader in, String event) {
    String on = in.text("/object_attributes/noteable_type");
    String at;
    String keySign;
    switch (on) {
      case "Issue" -> {
        at = "/issue";
        keySign = "#";
      }
      case "MergeRequest" -> {
        at = "/merge_request";
        keySign = "!";
      }
      default -> {
        return SourceEvent.ignored(PROVIDER, event, null, "a note on a " + on + " has no item");
      }
    }
    in.object(at);
    String project = in.text("/project/path_with_namespace");
    String state = in.optionalText(at + "/state");
    return SourceEvent.about(PROVIDER, event, in.optionalText("/object_attributes/action"))
        .kind(Kind.COMMENT)
        .externalId(in.id(at + "/id"))
        .externalKey(project + keySign + in.id(at + "/iid"))
        .url(itemUrl(in, at))
        .title(in.text(at + "/title"))
        .labels(in.texts(at + "/labels", "title"))
        .closed("closed".equals(state) || "merged".equals(state))
        .sourceVersion(in.millis(at + "/updated_at"))
        .actor(in.optionalText("/user/username"))
        .project(project)
        .attribute("noteId", in.id("/object_attributes/id"))
        .build();
  }

  /**
   * Older note hooks leave the item's address out; the note's own address is it plus a fragment.
   */
  private static @Nullable String itemUrl(PayloadReader in, String at) {
    String url = in.optionalText(at + "/url");
    String noteUrl = in.optionalText("/object_attributes/url");
    if (url != null || noteUrl == null) {
      return url;
    }
    int fragment = noteUrl.indexOf('#');
    return fragment < 0 ? noteUrl : noteUrl.substring(0, fragment);
  }

  private static SourceEvent pipeline(PayloadReader in, String event) {
    String status = in.text("/object_attributes/status");
    if (!status.equals("failed")) {
      return SourceEvent.ignored(PROVIDER, event, status, "pipeline " + status + ", not failed");
    }
    String project = in.text("/project/path_with_namespace");
    String id = in.id("/object_attributes/id");
    String ref = in.optionalText("/object_attributes/ref");
    String url = in.optionalText("/object_attributes/url");
    String web = in.optionalText("/project/web_url");
    Long finished = in.optionalMillis("/object_attributes/finished_at");
    List<String> failedJobs = new ArrayList<>();
    for (int i = 0; i < in.array("/builds").size(); i++) {
      if ("failed".equals(in.optionalText("/builds/" + i + "/status"))) {
        failedJobs.add(in.text("/builds/" + i + "/name"));
      }
    }
    return SourceEvent.about(PROVIDER, event, status)
        .kind(Kind.BUILD_FAILED)
        .externalId(id)
        .externalKey(project + "/-/pipelines/" + id)
        .url(url != null || web == null ? url : web + "/-/pipelines/" + id)
        .title("Pipeline " + id + " failed" + (ref == null ? "" : " on " + ref))
        .sourceVersion(finished != null ? finished : in.millis("/object_attributes/created_at"))
        .actor(in.optionalText("/user/username"))
        .project(project)
        .attribute("ref", ref)
        .attribute("sha", in.optionalText("/object_attributes/sha"))
        .attribute("failedJobs", joined(failedJobs))
        .build();
  }

  /** Job hooks carry no project path, only the project's web address. */
  private static SourceEvent job(PayloadReader in, String event) {
    String status = in.text("/build_status");
    if (!status.equals("failed")) {
      return SourceEvent.ignored(PROVIDER, event, status, "job " + status + ", not failed");
    }
    if (Boolean.TRUE.equals(in.optionalBoolean("/build_allow_failure"))) {
      return SourceEvent.ignored(PROVIDER, event, status, "the job is allowed to fail");
    }
    String id = in.id("/build_id");
    String web = in.optionalText("/repository/homepage");
    String project = pathOf(in, web);
    String ref = in.optionalText("/ref");
    Long finished = in.optionalMillis("/build_finished_at");
    return SourceEvent.about(PROVIDER, event, status)
        .kind(Kind.BUILD_FAILED)
        .externalId(id)
        .externalKey((project == null ? in.id("/project_id") : project) + "/-/jobs/" + id)
        .url(web == null ? null : web + "/-/jobs/" + id)
        .title(
            in.text("/build_name")
                + " ("
                + in.optionalText("/build_stage")
                + ") failed"
                + (ref == null ? "" : " on " + ref))
        .sourceVersion(finished != null ? finished : in.millis("/build_created_at"))
        .actor(in.optionalText("/user/username"))
        .project(project)
        .attribute("ref", ref)
        .attribute("sha", in.optionalText("/sha"))
        .attribute("pipelineId", in.optionalId("/pipeline_id"))
        .attribute("failureReason", in.optionalText("/build_failure_reason"))
        .build();
  }

  /** Labels sit at the top level in current hooks, under the object in older ones. */
  private static List<String> labels(PayloadReader in) {
    return in.has("/labels")
        ? in.texts("/labels", "title")
        : in.texts("/object_attributes/labels", "title");
  }

  private static @Nullable String first(List<String> values) {
    return values.isEmpty() ? null : values.getFirst();
  }

  private static @Nullable String joined(List<String> values) {
    return values.isEmpty() ? null : String.join(",", values);
  }

  /** {@code group/project} from a project's web address. */
  private static @Nullable String pathOf(PayloadReader in, @Nullable String webUrl) {
    if (webUrl == null) {
      return null;
    }
    try {
      String path = URI.create(webUrl).getPath();
      return path == null || path.length() < 2 ? null : path.substring(1);
    } catch (IllegalArgumentException e) {
      throw in.bad("/repository/homepage is not an address: '" + webUrl + "'");
    }
  }
}
