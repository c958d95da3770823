package dev.baton.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.BatonProcess;
import dev.baton.testsupport.GitHubLoad;
import dev.baton.testsupport.LoopbackReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two Baton nodes (child processes of {@code target/baton.jar}) on one database, webhooks sent to
 * them in turn, both processing the inbox, dispatching and firing timers: the work is shared, each
 * thing is done once, each item's deliveries arrive in order, and each accept window expires once.
 * {@code -Dbaton.twonodes.duration=…} (seconds of load, default 30) makes it longer.
 */
class TwoNodesIntegrationTest {

  private static final int DURATION = Integer.getInteger("baton.twonodes.duration", 30);
  private static final int RATE = Integer.getInteger("baton.twonodes.rate", 6);

  /** Accept windows short enough to expire on the real clock while the load runs. */
  private static final List<String> TIMERS =
      List.of("baton.timers.poll-interval=1s", "baton.timers.heartbeat-interval=5s");

  @Test
  void two_nodes_share_the_work_and_do_each_thing_once_in_order() throws IOException {
    ChildBatons batons = new ChildBatons("two_nodes", "two-nodes");
    List<String> report = new ArrayList<>();
    try (LoopbackReceiver receiver = new LoopbackReceiver();
        BatonProcess a = batons.node("node-a", TIMERS);
        BatonProcess b = batons.node("node-b", TIMERS)) {
      // one after the other: the first start creates the schema and the default tenant
      report.add("node-a started in " + a.start().toMillis() + " ms");
      report.add("node-b started in " + b.start().toMillis() + " ms");
      Api api = a.api(batons.token);
      // two people: an offer expires (to the other person), then expires again (no one left)
      ChildBatons.Hook hook =
          ChildBatons.configure(
              api, ChildBatons.rosterAndPolicy(2, "      acceptWithin: PT3S\n"), receiver.url());

      GitHubLoad load =
          new GitHubLoad(
              List.of(a.url() + hook.path(), b.url() + hook.path()), hook.secret(), RATE, 3);
      try (load) {
        load.start();
        BatonProcess.pause(Duration.ofSeconds(DURATION));
        load.stop();
      }
      assertThat(load.failures()).as("attempts without a 2xx").isZero();
      assertThat(load.rejected()).isEmpty();
      Map<String, GitHubLoad.Delivery> accepted = load.accepted();
      Set<String> openedIssues =
          accepted.values().stream()
              .filter(GitHubLoad.Delivery::opened)
              .map(GitHubLoad.Delivery::nodeId)
              .collect(Collectors.toSet());

      long drainFrom = System.nanoTime();
      boolean drained =
          ChildBatons.await(
              Duration.ofSeconds(120),
              () ->
                  count(batons, "select count(*) from inbox where status = 'pending'") == 0
                      && count(
                              batons,
                              "select count(*) from audit_entries"
                                  + " where action = 'escalation.exhausted'")
                          >= openedIssues.size()
                      && count(batons, "select count(*) from deliveries where status = 'pending'")
                          == 0);
      report.add(
          "drained (inbox, both accept windows of every item, outbox) %d ms after the load"
              .formatted((System.nanoTime() - drainFrom) / 1_000_000));
      assertThat(drained).as("drained" + a.tail() + b.tail()).isTrue();

      // processed once: one inbox row each, all processed, and the nodes' counts add up to them
      assertThat(batons.jdbc.sql("select delivery_id from inbox").query(String.class).list())
          .containsExactlyInAnyOrderElementsOf(accepted.keySet());
      assertThat(count(batons, "select count(*) from inbox where status <> 'processed'")).isZero();
      double processedA = processed(a);
      double processedB = processed(b);
      report.add(
          "inbox rows processed: node-a %.0f, node-b %.0f (of %d)"
              .formatted(processedA, processedB, accepted.size()));
      assertThat(processedA).as("node-a processed inbox rows").isPositive();
      assertThat(processedB).as("node-b processed inbox rows").isPositive();
      assertThat(processedA + processedB).isEqualTo(accepted.size());

      // one work item and one decision per issue
      assertThat(count(batons, "select count(*) from work_items")).isEqualTo(openedIssues.size());
      assertThat(
              batons
                  .jdbc
                  .sql(
                      "select count(d.id) from work_items w left join routing_decisions d"
                          + " on d.tenant_id = w.tenant_id and d.work_item_id = w.id"
                          + " group by w.id")
                  .query(Long.class)
                  .list())
          .hasSize(openedIssues.size())
          .containsOnly(1L);

      // timers fired once: each item's offer expired once per person, escalated once, then
      // ran out of candidates once
      assertThat(perItem(batons, "escalation.offer-expired"))
          .hasSize(openedIssues.size())
          .containsOnly(2L);
      assertThat(perItem(batons, "escalation.exhausted"))
          .hasSize(openedIssues.size())
          .containsOnly(1L);
      assertThat(
              batons
                  .jdbc
                  .sql(
                      "select count(*) from outbox_events where type = 'assignment.escalated'"
                          + " group by subject")
                  .query(Long.class)
                  .list())
          .hasSize(openedIssues.size())
          .containsOnly(1L);

      // delivered once each, in order per item, and both nodes dispatched
      List<String> planned =
          batons
              .jdbc
              .sql("select id::text from deliveries where connector = 'webhook'")
              .query(String.class)
              .list();
      assertThat(count(batons, "select count(*) from deliveries where status <> 'delivered'"))
          .isZero();
      Map<String, Integer> received = receiver.countsById();
      assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(planned);
      assertThat(received.values()).as("no delivery arrived twice").containsOnly(1);
      receiver
          .firstArrivalSequencesBySubject()
          .forEach((item, sequences) -> assertThat(sequences).as(item).isSorted());
      double sentA = a.metric("baton_delivery_attempts_total", "connector=\"webhook\"");
      double sentB = b.metric("baton_delivery_attempts_total", "connector=\"webhook\"");
      report.add(
          "webhook deliveries sent: node-a %.0f, node-b %.0f (of %d planned, %d received)"
              .formatted(sentA, sentB, planned.size(), receiver.arrivals().size()));
      assertThat(sentA).as("node-a dispatched").isPositive();
      assertThat(sentB).as("node-b dispatched").isPositive();
      assertThat(sentA + sentB).isEqualTo(planned.size());

      Api.Response verified = api.get("/api/v1/audit/verify");
      assertThat(verified.json().get("intact").asBoolean()).as(verified.body()).isTrue();
      report.add(
          "%d webhooks (%d issues opened), %d events delivered; audit %s"
              .formatted(accepted.size(), openedIssues.size(), planned.size(), verified.body()));
    } finally {
      String text =
          "two-node test: %d s of load at %d webhooks/s\n".formatted(DURATION, RATE)
              + String.join("\n", report)
              + "\n";
      System.out.print(text);
      Files.writeString(batons.logDir().resolve("report.txt"), text);
    }
  }

  /** Inbox rows this node processed (any outcome but a retry or a parked failure). */
  private static double processed(BatonProcess node) {
    return node.metric("baton_inbox_processed_total", "provider=\"github\"")
        - node.metric("baton_inbox_processed_total", "outcome=\"retry\"")
        - node.metric("baton_inbox_processed_total", "outcome=\"failed\"");
  }

  private static List<Long> perItem(ChildBatons batons, String action) {
    return batons
        .jdbc
        .sql("select count(*) from audit_entries where action = :action group by subject_id")
        .param("action", action)
        .query(Long.class)
        .list();
  }

  private static long count(ChildBatons batons, String sql) {
    return batons.jdbc.sql(sql).query(Long.class).single();
  }
}
