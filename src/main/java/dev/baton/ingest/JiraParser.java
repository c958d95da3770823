package dev.baton.ingest;

import dev.baton.ingest.SourceEvent.Kind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Jira Cloud webhooks. The event is named in the body ({@code webhookEvent}); an update's changelog
 * says what changed, and the issue's status category says whether it is done.
 */
final class JiraParser implements PayloadParser {

  static final String PROVIDER = "jira";

  /**
   * Room for the tie-breaker below the millisecond: {@code sourceVersion = updatedMillis *
   * TIE_RANGE + changelogId % TIE_RANGE}. Two updates of one issue in the same millisecond get
   * changelog ids a few apart, so they order unless they straddle a multiple of a million.
   */
  static final long TIE_RANGE = 1_000_000L;

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public SourceEvent parse(@Nullable String eventHeader, JsonNode payload) {
    PayloadReader in = new PayloadReader(PROVIDER, payload);
    String event = in.text("/webhookEvent");
    String action = in.optionalText("/issue_event_type_name");
    return switch (event) {
      case "jira:issue_created" -> issue(in, event, action).kind(Kind.ITEM_UPSERT).build();
      case "jira:issue_updated" -> updated(in, event, action);
      case "jira:issue_deleted" -> issue(in, event, action).kind(Kind.ITEM_DELETED).build();
      case "comment_created", "comment_updated", "comment_deleted" ->
          issue(in, event, event.substring("comment_".length()))
              .kind(Kind.COMMENT)
              .actor(commentAuthor(in))
              .attribute("commentId", in.id("/comment/id"))
              .build();
      default -> SourceEvent.ignored(PROVIDER, event, action, event + " is not used");
    };
  }

  private static SourceEvent updated(PayloadReader in, String event, @Nullable String action) {
    SourceEvent.Builder b = issue(in, event, action);
    int status = change(in, "status");
    int resolution = change(in, "resolution");
    int assignee = change(in, "assignee");
    boolean done = isDone(in);
    if ((status >= 0 || "issue_resolved".equals(action) || "issue_closed".equals(action)) && done) {
      return b.kind(Kind.ITEM_CLOSED).build();
    }
    boolean resolutionCleared = resolution >= 0 && in.optionalText(item(resolution, "to")) == null;
    if ("issue_reopened".equals(action) || (status >= 0 && resolutionCleared)) {
      return b.kind(Kind.ITEM_REOPENED).build();
    }
    if (assignee >= 0) {
      return b.kind(Kind.ASSIGNEE_CHANGED)
          .assignee(newAssignee(in, assignee))
          .previousAssignee(previousAssignee(in, assignee))
          .build();
    }
    // Jira sometimes sends issue_assigned with an empty changelog: the issue says who it is now.
    return b.kind("issue_assigned".equals(action) ? Kind.ASSIGNEE_CHANGED : Kind.ITEM_UPSERT)
        .build();
  }

  /** Everything an issue event says about the issue as it is now. */
  private static SourceEvent.Builder issue(
      PayloadReader in, String event, @Nullable String action) {
    in.object("/issue");
    String key = in.text("/issue/key");
    return SourceEvent.about(PROVIDER, event, action)
        .externalId(in.id("/issue/id"))
        .externalKey(key)
        .url(browseUrl(in.optionalText("/issue/self"), key))
        .title(in.text("/issue/fields/summary"))
        .labels(in.strings("/issue/fields/labels"))
        .components(in.texts("/issue/fields/components", "name"))
        .priorityHint(in.optionalText("/issue/fields/priority/name"))
        .closed(isDone(in))
        .sourceVersion(sourceVersion(in))
        .assignee(account(in, "/issue/fields/assignee"))
        .actor(account(in, "/user"))
        .project(in.optionalText("/issue/fields/project/key"))
        .attribute("issueType", in.optionalText("/issue/fields/issuetype/name"))
        .attribute("reporter", account(in, "/issue/fields/reporter"))
        .attribute("changed", changedFields(in));
  }

  /**
   * The issue's {@code updated} time, or the webhook's {@code timestamp} when the payload leaves it
   * out (comment events), with the changelog id as the tie-breaker within one millisecond.
   */
  static long sourceVersion(PayloadReader in) {
    Long updated = in.optionalMillis("/issue/fields/updated");
    long millis = updated != null ? updated : timestamp(in);
    String changelog = in.optionalId("/changelog/id");
    long tie = 0;
    if (changelog != null) {
      try {
        tie = Math.floorMod(Long.parseLong(changelog), TIE_RANGE);
      } catch (NumberFormatException e) {
        throw in.bad("/changelog/id must be a number, was '" + changelog + "'");
      }
    }
    return millis * TIE_RANGE + tie;
  }

  private static long timestamp(PayloadReader in) {
    String ts = in.optionalId("/timestamp");
    if (ts == null) {
      throw in.bad("/issue/fields/updated and /timestamp are both missing");
    }
    try {
      return Long.parseLong(ts);
    } catch (NumberFormatException e) {
      throw in.bad("/timestamp must be epoch milliseconds, was '" + ts + "'");
    }
  }

  private static boolean isDone(PayloadReader in) {
    return "done".equals(in.text("/issue/fields/status/statusCategory/key"));
  }

  /** Index of the changelog item for a field, or -1. */
  private static int change(PayloadReader in, String fieldId) {
    int count = in.array("/changelog/items").size();
    for (int i = 0; i < count; i++) {
      String id = in.optionalText(item(i, "fieldId"));
      String name = in.optionalText(item(i, "field"));
      if (fieldId.equals(id) || (id == null && fieldId.equalsIgnoreCase(name))) {
        return i;
      }
    }
    return -1;
  }

  private static @Nullable String changedFields(PayloadReader in) {
    int count = in.array("/changelog/items").size();
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String id = in.optionalText(item(i, "fieldId"));
      fields
          .append(fields.isEmpty() ? "" : ",")
          .append(id != null ? id : in.text(item(i, "field")));
    }
    return fields.isEmpty() ? null : fields.toString();
  }

  /**
   * Cloud changelogs name people by accountId in {@code tmpToAccountId} (and, since 2019, in {@code
   * to}); older ones put a username in {@code to}, so the issue's assignee is preferred.
   */
  private static @Nullable String newAssignee(PayloadReader in, int i) {
    String account = in.optionalText(item(i, "tmpToAccountId"));
    if (account != null) {
      return account;
    }
    String to = in.optionalText(item(i, "to"));
    String current = account(in, "/issue/fields/assignee");
    return to == null ? null : current != null ? current : to;
  }

  private static @Nullable String previousAssignee(PayloadReader in, int i) {
    String account = in.optionalText(item(i, "tmpFromAccountId"));
    return account != null ? account : in.optionalText(item(i, "from"));
  }

  /** Cloud users have an accountId; Server and Data Center users only a name. */
  private static @Nullable String account(PayloadReader in, String user) {
    String account = in.optionalText(user + "/accountId");
    return account != null ? account : in.optionalText(user + "/name");
  }

  private static @Nullable String commentAuthor(PayloadReader in) {
    String updater = account(in, "/comment/updateAuthor");
    return updater != null ? updater : account(in, "/comment/author");
  }

  private static String item(int i, String member) {
    return "/changelog/items/" + i + "/" + member;
  }

  /** {@code https://x.atlassian.net/rest/api/2/issue/10040} becomes {@code .../browse/KEY}. */
  private static @Nullable String browseUrl(@Nullable String self, String key) {
    int rest = self == null ? -1 : self.indexOf("/rest/");
    return self == null || rest < 0 ? null : self.substring(0, rest) + "/browse/" + key;
  }
}
