package dev.baton.reconcile;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What reconciliation reads of one Jira issue (as the search or bulk fetch returns it, with its
 * changelog): who it is assigned to, whether it is done, and the latest assignee change.
 *
 * @param updatedMillis the issue's {@code updated} time
 * @param latestHistoryId the id of the newest changelog entry, 0 without one
 * @param lastAssigneeChange the newest changelog entry that changed the assignee, if any
 */
record IssueSnapshot(
    String id,
    String key,
    long updatedMillis,
    @Nullable String assignee,
    boolean done,
    @Nullable String project,
    long latestHistoryId,
    @Nullable Change lastAssigneeChange,
    JsonNode issue) {

  /** Jira writes {@code 2026-11-23T15:04:05.123+0000}; ISO offsets with a colon are read too. */
  private static final DateTimeFormatter JIRA =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /**
   * One changelog entry that changed the assignee.
   *
   * @param author the accountId of who made it, null when Jira names nobody (automation)
   */
  record Change(
      long historyId,
      @Nullable String author,
      long createdMillis,
      @Nullable String from,
      @Nullable String to) {}

  static IssueSnapshot of(JsonNode issue) {
    JsonNode fields = issue.path("fields");
    JsonNode histories = issue.path("changelog").path("histories");
    long latest =
        StreamSupport.stream(histories.spliterator(), false)
            .mapToLong(h -> number(h.path("id").asString("0")))
            .max()
            .orElse(0);
    Optional<JsonNode> assigneeChange =
        StreamSupport.stream(histories.spliterator(), false)
            .filter(IssueSnapshot::changesAssignee)
            .max(
                Comparator.comparingLong((JsonNode h) -> millis(h.path("created").asString("")))
                    .thenComparingLong(h -> number(h.path("id").asString("0"))));
    return new IssueSnapshot(
        issue.path("id").asString(""),
        issue.path("key").asString(""),
        millis(fields.path("updated").asString("")),
        text(fields.path("assignee").path("accountId")),
        "done".equals(fields.path("status").path("statusCategory").path("key").asString("")),
        text(fields.path("project").path("key")),
        latest,
        assigneeChange.map(IssueSnapshot::change).orElse(null),
        issue);
  }

  /** The source version a webhook about the issue as it is now would carry (see JiraParser). */
  long sourceVersion() {
    return updatedMillis * 1_000_000L + Math.floorMod(latestHistoryId, 1_000_000L);
  }

  private static boolean changesAssignee(JsonNode history) {
    for (JsonNode item : history.path("items")) {
      String id = item.path("fieldId").asString("");
      if (id.equals("assignee") || item.path("field").asString("").equalsIgnoreCase("assignee")) {
        return true;
      }
    }
    return false;
  }

  private static Change change(JsonNode history) {
    JsonNode item = null;
    for (JsonNode candidate : history.path("items")) {
      if (candidate.path("fieldId").asString("").equals("assignee")
          || candidate.path("field").asString("").equalsIgnoreCase("assignee")) {
        item = candidate;
      }
    }
    JsonNode found = java.util.Objects.requireNonNull(item);
    return new Change(
        number(history.path("id").asString("0")),
        text(history.path("author").path("accountId")),
        millis(history.path("created").asString("")),
        first(text(found.path("tmpFromAccountId")), text(found.path("from"))),
        first(text(found.path("tmpToAccountId")), text(found.path("to"))));
  }

  private static @Nullable String first(@Nullable String a, @Nullable String b) {
    return a != null ? a : b;
  }

  private static @Nullable String text(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    String value = node.asString("");
    return value.isBlank() ? null : value;
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Epoch milliseconds of a Jira timestamp; 0 when absent or unreadable. */
  static long millis(String text) {
    if (text.isBlank()) {
      return 0;
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text, JIRA).toInstant().toEpochMilli();
      } catch (DateTimeParseException again) {
        return 0;
      }
    }
  }
}
