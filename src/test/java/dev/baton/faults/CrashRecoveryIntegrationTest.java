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
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Baton as a real child process ({@code target/baton.jar}) under a steady load of signed GitHub
 * webhooks, killed with SIGKILL several times and restarted; afterwards nothing acknowledged is
 * lost, nothing is done twice, and the audit chain holds. CI runs the short version (3 kills in
 * about 75 s of load); {@code -Dbaton.crash.kills=20 -Dbaton.crash.duration=600} (or {@code
 * bench/crash.sh}) the long one. Node output is in {@code target/crash/}, the figures in {@code
 * target/crash/report.txt}.
 */
class CrashRecoveryIntegrationTest {

  private static final int KILLS = Integer.getInteger("baton.crash.kills", 3);
  private static final int DURATION = Integer.getInteger("baton.crash.duration", 75);
  private static final int RATE = Integer.getInteger("baton.crash.rate", 5);

  @Test
  void baton_killed_under_load_and_restarted_loses_nothing_and_does_nothing_twice()
      throws IOException {
    ChildBatons batons = new ChildBatons("crash_recovery", "crash");
    List<String> report = new ArrayList<>();
    // answers held for 200 ms, so a kill often lands between a delivery's send and its record
    try (LoopbackReceiver receiver = new LoopbackReceiver(Duration.ofMillis(200));
        BatonProcess node = batons.node("node", List.of())) {
      report.add("first start: " + node.start().toMillis() + " ms");
      Api api = node.api(batons.token);
      ChildBatons.Hook hook =
          ChildBatons.configure(api, ChildBatons.rosterAndPolicy(10, ""), receiver.url());

      GitHubLoad load = new GitHubLoad(List.of(node.url() + hook.path()), hook.secret(), RATE, 4);
      try (load) {
        long loadStart = System.nanoTime();
        load.start();
        Random jitter = new Random(KILLS);
        for (int k = 1; k <= KILLS; k++) {
          long planned =
              loadStart
                  + Duration.ofSeconds(DURATION).toNanos() * k / (KILLS + 1)
                  + Duration.ofMillis(jitter.nextInt(2000) - 1000).toNanos();
          // at least a few seconds of work between a restart and the next kill
          waitUntil(Math.max(planned, System.nanoTime() + Duration.ofSeconds(3).toNanos()));
          long killedAt = System.nanoTime();
          node.kill();
          Duration started = node.start();
          report.add(
              "kill %d at %.1f s of load: restarted and healthy after %d ms (JVM start %d ms)"
                  .formatted(
                      k,
                      (killedAt - loadStart) / 1e9,
                      Duration.ofNanos(System.nanoTime() - killedAt).toMillis(),
                      started.toMillis()));
        }
        waitUntil(loadStart + Duration.ofSeconds(DURATION).toNanos());
        load.stop();
        assertThat(load.redeliverUntilAccepted(Duration.ofSeconds(90)))
            .as("every delivery eventually got a 2xx")
            .isTrue();
      }

      long drainFrom = System.nanoTime();
      boolean drained =
          ChildBatons.await(
              Duration.ofSeconds(180),
              () ->
                  count(batons, "select count(*) from inbox where status = 'pending'") == 0
                      && count(batons, "select count(*) from deliveries where status = 'pending'")
                          == 0);
      report.add(
          "drained after the load in %d ms".formatted((System.nanoTime() - drainFrom) / 1_000_000));
      assertThat(drained).as("inbox and outbox drained" + node.tail()).isTrue();

      Map<String, GitHubLoad.Delivery> accepted = load.accepted();
      report.add(
          "webhook answers: " + load.answers() + "; attempts without a 2xx: " + load.failures());
      assertThat(load.rejected()).as("no delivery was refused").isEmpty();

      // every delivery that got a 2xx is in the inbox exactly once, and processed
      Map<String, String> inbox =
          batons
              .jdbc
              .sql("select delivery_id, status from inbox")
              .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
              .list()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      assertThat(inbox.keySet()).containsExactlyInAnyOrderElementsOf(accepted.keySet());
      assertThat(inbox.values()).containsOnly("processed");

      // every routable one (an issue opened) is exactly one work item with exactly one decision
      Set<String> openedIssues =
          accepted.values().stream()
              .filter(GitHubLoad.Delivery::opened)
              .map(GitHubLoad.Delivery::nodeId)
              .collect(Collectors.toSet());
      List<String> itemsOfIssues =
          batons
              .jdbc
              .sql("select external_id from source_items where work_item_id is not null")
              .query(String.class)
              .list();
      assertThat(itemsOfIssues).containsExactlyInAnyOrderElementsOf(openedIssues);
      assertThat(count(batons, "select count(*) from work_items")).isEqualTo(openedIssues.size());
      List<Long> decisionsPerItem =
          batons
              .jdbc
              .sql(
                  "select count(d.id) from work_items w left join routing_decisions d"
                      + " on d.tenant_id = w.tenant_id and d.work_item_id = w.id group by w.id")
              .query(Long.class)
              .list();
      assertThat(decisionsPerItem).hasSize(openedIssues.size()).containsOnly(1L);

      // every event was planned once to the subscription, delivered, and received once by id
      assertThat(
              count(
                  batons,
                  "select count(*) from outbox_events e where e.type not like 'delivery.%'"
                      + " and not exists (select 1 from deliveries d where d.tenant_id ="
                      + " e.tenant_id and d.event_id = e.id and d.connector = 'webhook')"))
          .as("events without a webhook delivery")
          .isZero();
      List<String> planned =
          batons
              .jdbc
              .sql("select id::text from deliveries where connector = 'webhook'")
              .query(String.class)
              .list();
      assertThat(count(batons, "select count(*) from deliveries where status <> 'delivered'"))
          .as("deliveries not delivered")
          .isZero();
      Map<String, Integer> received = receiver.countsById();
      assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(planned);
      List<String> resent =
          received.entrySet().stream()
              .filter(e -> e.getValue() > 1)
              .map(Map.Entry::getKey)
              .toList();
      // a re-send is only ever an attempt a kill cut off between sending and recording
      for (String id : resent) {
        assertThat(
                count(
                    batons,
                    "select count(*) from delivery_attempts where delivery_id = '"
                        + id
                        + "'::uuid and outcome is null"))
            .as("delivery %s arrived %d times", id, received.get(id))
            .isPositive();
      }
      receiver
          .firstArrivalSequencesBySubject()
          .forEach((item, sequences) -> assertThat(sequences).as(item).isSorted());
      report.add(
          ("deliveries: %d planned, %d distinct received, %d re-sent with the same webhook-id (%d"
                  + " extra requests)")
              .formatted(
                  planned.size(),
                  received.size(),
                  resent.size(),
                  receiver.arrivals().size() - received.size()));
      report.add(
          "inbox: %d deliveries, %d issues opened (work items), %d edits"
              .formatted(inbox.size(), openedIssues.size(), accepted.size() - openedIssues.size()));

      Api.Response verified = api.get("/api/v1/audit/verify");
      assertThat(verified.status()).isEqualTo(200);
      assertThat(verified.json().get("intact").asBoolean()).as(verified.body()).isTrue();
      report.add("audit chain: " + verified.body());
    } finally {
      writeReport(batons, report);
    }
  }

  private static long count(ChildBatons batons, String sql) {
    return batons.jdbc.sql(sql).query(Long.class).single();
  }

  private static void waitUntil(long nanoTime) {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      BatonProcess.pause(Duration.ofNanos(wait));
    }
  }

  private static void writeReport(ChildBatons batons, List<String> report) throws IOException {
    report.addFirst(
        "crash test: %d kills in %d s of load at %d webhooks/s".formatted(KILLS, DURATION, RATE));
    String text = String.join("\n", report) + "\n";
    System.out.print(text);
    Files.writeString(batons.logDir().resolve("report.txt"), text);
  }
}
