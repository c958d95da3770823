package dev.baton.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * After a load run has drained: what Baton's inbox and deliveries say, compared with what was sent
 * and what the receiver got. Every accepted send must be processed (once: one inbox row per
 * delivery id), every resent duplicate answered as one, every planned older update found stale, and
 * each destination must have received each of its planned deliveries exactly once.
 */
final class LoadChecks {

  /** The inbox of one integration. */
  record Inbox(
      String name,
      long rows,
      long processed,
      long failed,
      long pending,
      Map<String, Long> outcomes) {}

  /**
   * One destination: deliveries Baton planned to it and how many it reports delivered, against what
   * arrived. {@code received} counts distinct delivery ids (for Slack, posts; its updates carry no
   * id and are counted in {@code calls}).
   */
  record Destination(
      String name,
      long planned,
      long delivered,
      long received,
      long repeats,
      long missing,
      long unexpected,
      long calls,
      String note) {
    boolean exactlyOnce() {
      return planned == delivered
          && repeats == 0
          && missing == 0
          && unexpected == 0
          && calls == delivered;
    }
  }

  /** Everything checked. */
  record Outcome(
      List<Inbox> inboxes,
      long acceptedNotProcessed,
      long extraRows,
      long duplicatesSent,
      long duplicatesAnswered,
      long duplicatesWrong,
      long olderSent,
      long olderStale,
      long staleSeen,
      long workItemsCreated,
      long issuesCreatedByInbox,
      long secondWorkItems,
      List<Destination> destinations) {

    boolean passed() {
      return acceptedNotProcessed == 0
          && extraRows == 0
          && inboxes.stream().allMatch(i -> i.failed() == 0 && i.pending() == 0)
          && duplicatesWrong == 0
          && duplicatesAnswered == duplicatesSent
          && olderStale == olderSent
          && staleSeen == olderSent
          && secondWorkItems == 0
          && workItemsCreated == issuesCreatedByInbox
          && destinations.stream().allMatch(Destination::exactlyOnce);
    }
  }

  private LoadChecks() {}

  static Outcome verify(
      BatonClient baton,
      LoadSetup.Target target,
      LoadBenchmark.Counts counts,
      LoadReceiver receiver,
      LoadTracker tracker)
      throws Exception {
    Map<String, JsonNode> rows = new HashMap<>();
    List<Inbox> inboxes = new ArrayList<>();
    Map<String, UUID> integrations = new LinkedHashMap<>();
    integrations.put("github", target.github());
    integrations.put("jira", target.jira());
    integrations.put("slack", target.slack());
    for (var e : integrations.entrySet()) {
      long[] tally = new long[4];
      Map<String, Long> outcomes = new java.util.TreeMap<>();
      pages(
          baton,
          "/api/v1/inbox?limit=500&integration=" + e.getValue(),
          row -> {
            rows.put(row.path("id").asString(""), row);
            tally[0]++;
            switch (row.path("status").asString("")) {
              case "processed" -> tally[1]++;
              case "failed" -> tally[2]++;
              default -> tally[3]++;
            }
            outcomes.merge(
                row.path("outcome").asString("none").toLowerCase(Locale.ROOT), 1L, Long::sum);
          });
      inboxes.add(new Inbox(e.getKey(), tally[0], tally[1], tally[2], tally[3], outcomes));
    }
    Set<String> accepted = new HashSet<>(counts.acceptedIds);
    long notProcessed =
        accepted.stream()
            .filter(
                id ->
                    !"processed"
                        .equals(rows.getOrDefault(id, missing()).path("status").asString("")))
            .count();
    long slackRows = inboxes.get(2).rows();
    long extraRows =
        (inboxes.get(0).rows() + inboxes.get(1).rows() - accepted.size())
            + (slackRows - counts.pressesAnswered.get());
    long olderStale =
        counts.olderIds.stream()
            .filter(
                id ->
                    "stale"
                        .equalsIgnoreCase(
                            rows.getOrDefault(id, missing()).path("outcome").asString("")))
            .count();
    long staleSeen = inboxes.stream().mapToLong(i -> i.outcomes().getOrDefault("stale", 0L)).sum();
    long created = inboxes.stream().mapToLong(i -> i.outcomes().getOrDefault("created", 0L)).sum();
    return new Outcome(
        inboxes,
        notProcessed,
        extraRows,
        counts.duplicatesSent.get(),
        counts.duplicatesAnswered.get(),
        counts.duplicatesWrong.get(),
        counts.olderIds.size(),
        olderStale,
        staleSeen,
        tracker.workItemsCreated(),
        created,
        tracker.secondWorkItems(),
        destinations(baton, target, receiver));
  }

  private static List<Destination> destinations(
      BatonClient baton, LoadSetup.Target target, LoadReceiver receiver) throws Exception {
    String webhook = "webhook:" + target.subscription();
    String jira = "jira:" + target.jira();
    String slack = "slack:" + target.slack() + ":";
    Map<String, Set<String>> planned = new HashMap<>();
    Map<String, long[]> delivered = new HashMap<>();
    Map<String, Map<String, Long>> otherwise = new HashMap<>();
    for (String d : List.of("webhook", "slack", "jira")) {
      planned.put(d, new HashSet<>());
      delivered.put(d, new long[1]);
      otherwise.put(d, new java.util.TreeMap<>());
    }
    String from = URLEncoder.encode(target.startedAt().toString(), StandardCharsets.UTF_8);
    pages(
        baton,
        "/api/v1/deliveries?limit=500&from=" + from,
        d -> {
          String destination = d.path("destination").asString("");
          String kind =
              destination.equals(webhook)
                  ? "webhook"
                  : destination.equals(jira)
                      ? "jira"
                      : destination.startsWith(slack) ? "slack" : null;
          if (kind != null) {
            Objects.requireNonNull(planned.get(kind)).add(d.path("id").asString(""));
            String status = d.path("status").asString("");
            if ("delivered".equals(status)) {
              Objects.requireNonNull(delivered.get(kind))[0]++;
            } else {
              // what a delivery that was not delivered ended as, and why (its last error)
              String why = d.path("lastError").asString("");
              Objects.requireNonNull(otherwise.get(kind))
                  .merge(
                      status
                          + " "
                          + d.path("eventType").asString("")
                          + (why.isEmpty() ? "" : ": " + why),
                      1L,
                      Long::sum);
            }
          }
        });
    return List.of(
        compare(
            "webhook",
            Objects.requireNonNull(planned.get("webhook")),
            Objects.requireNonNull(delivered.get("webhook"))[0],
            receiver.webhooks,
            receiver.webhooks.ids.size(),
            "by webhook-id" + notDelivered(otherwise.get("webhook"))),
        compare(
            "jira",
            Objects.requireNonNull(planned.get("jira")),
            Objects.requireNonNull(delivered.get("jira"))[0],
            receiver.jiraComments,
            receiver.jiraComments.ids.size(),
            "by the comment's baton.delivery property; "
                + receiver.jiraAssignees.get()
                + " assignee PUTs"
                + notDelivered(otherwise.get("jira"))),
        compare(
            "slack",
            Objects.requireNonNull(planned.get("slack")),
            Objects.requireNonNull(delivered.get("slack"))[0],
            receiver.slackPosts,
            receiver.slackPosts.ids.size()
                + receiver.slackUpdates.get()
                - receiver.slackUpdatesOfUnknown.get(),
            "posts by message metadata, "
                + receiver.slackUpdates.get()
                + " chat.update calls counted against the rest ("
                + receiver.slackUpdatesOfUnknown.get()
                + " of unknown messages)"
                + notDelivered(otherwise.get("slack"))));
  }

  private static String notDelivered(@Nullable Map<String, Long> statuses) {
    return statuses == null || statuses.isEmpty() ? "" : "; not delivered: " + statuses;
  }

  private static Destination compare(
      String name,
      Set<String> planned,
      long delivered,
      LoadReceiver.Receipts got,
      long calls,
      String note) {
    Set<String> received = got.ids.keySet();
    long missing =
        name.equals("slack") ? 0 : planned.stream().filter(id -> !received.contains(id)).count();
    long unexpected =
        received.stream().filter(id -> !planned.contains(id)).count() + got.withoutId.get();
    return new Destination(
        name,
        planned.size(),
        delivered,
        received.size(),
        got.repeats(),
        missing,
        unexpected,
        calls,
        note);
  }

  private static JsonNode missing() {
    return BatonClient.JSON.createObjectNode();
  }

  /** Every item of a paged list. */
  private static void pages(BatonClient baton, String path, Consumer<JsonNode> each)
      throws Exception {
    String cursor = null;
    for (int page = 0; page < 100_000; page++) {
      JsonNode answer =
          baton.get(
              path
                  + (cursor == null
                      ? ""
                      : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      answer.path("items").forEach(each);
      cursor = answer.path("next").isString() ? answer.path("next").asString() : null;
      if (cursor == null) {
        return;
      }
    }
  }
}
