package dev.baton.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton bench load}: the load generator, with its soak mode. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Real signed GitHub, Jira and Slack deliveries to /hooks in a set mix, with duplicates and"
          + " out-of-order updates; a receiver on 127.0.0.1 stands in for Slack, Jira and a webhook"
          + " subscriber. Prints accepted, routed and delivered latencies, exactly-once checks and"
          + " Baton's CPU and memory; --sample adds one line per window and a soak verdict.",
      "Without --url it starts Baton in this process on a fresh embedded PostgreSQL (fsync on)."
          + " A running Baton must be on this machine, allow-list 127.0.0.1"
          + " (BATON_OUTBOUND_ALLOWLIST=127.0.0.1/32, BATON_JIRA_ALLOW_LOOPBACK_HTTP=true) and send"
          + " Slack to the receiver (BATON_SLACK_API_URL=http://127.0.0.1:<--receiver-port>/slack/api)."
    })
final class LoadCommand implements Callable<Integer> {

  @Option(names = "--url", description = "A running Baton, e.g. http://127.0.0.1:8080.")
  @Nullable String url;

  @Option(names = "--token", description = "An admin API token of that Baton.")
  @Nullable String token;

  @Option(
      names = "--mix",
      defaultValue = "github=60,jira=30,slack=10",
      description = "Share of sends per source (default: ${DEFAULT-VALUE}).")
  String mix = "github=60,jira=30,slack=10";

  @Option(
      names = "--rate",
      defaultValue = "0",
      description =
          "Sends per second, paced (open loop); 0 = closed loop (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--concurrency",
      defaultValue = "4",
      description = "Closed loop: concurrent senders (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--duration",
      defaultValue = "30",
      description = "Seconds measured (default: ${DEFAULT-VALUE}).")
  int duration;

  @Option(
      names = "--warmup",
      defaultValue = "5",
      description = "Seconds before measuring (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--duplicates",
      defaultValue = "0.05",
      description =
          "Share of accepted sends resent with the same delivery id (default: ${DEFAULT-VALUE}).")
  double duplicates;

  @Option(
      names = "--out-of-order",
      defaultValue = "0.05",
      description =
          "Share of updates sent as a newer one, then an older one (default: ${DEFAULT-VALUE}).")
  double outOfOrder;

  @Option(
      names = "--sample",
      defaultValue = "0",
      description =
          "Print a soak line every SECONDS and a verdict at the end; 0 = off (default: ${DEFAULT-VALUE}).")
  int sample;

  @Option(
      names = "--receiver-port",
      defaultValue = "0",
      description = "Port of the loopback receiver; 0 = any free one (default: ${DEFAULT-VALUE}).")
  int receiverPort;

  @Option(
      names = "--pid",
      description =
          "Baton's process id, to read its CPU from /proc (a remote Baton on this machine).")
  @Nullable Long pid;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--ceiling",
      description = {
        "In-process only: after the run, measure the database ceiling with pgbench"
            + " (bench/pgbench/event.sql with its two webhook deliveries per event) on the same"
            + " PostgreSQL for --duration seconds and print Baton's routed rate as a share of it."
      })
  boolean ceiling;

  @Option(
      names = "--ceiling-clients",
      defaultValue = "4",
      description = "pgbench connections for --ceiling (default: ${DEFAULT-VALUE}).")
  int ceilingClients;

  @Option(
      names = "--no-fsync",
      description = "In-process only: the embedded PostgreSQL without fsync.")
  boolean noFsync;

  @Override
  public Integer call() throws Exception {
    if (duration < 1
        || warmup < 0
        || rate < 0
        || concurrency < 1
        || sample < 0
        || duplicates < 0
        || duplicates > 1
        || outOfOrder < 0
        || outOfOrder > 1) {
      System.err.println(
          "--duration and --concurrency must be at least 1, --warmup, --rate and --sample at least"
              + " 0, --duplicates and --out-of-order between 0 and 1");
      return 2;
    }
    LoadBenchmark.Settings settings;
    try {
      settings = settings(url == null ? "" : url, token == null ? "" : token);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (LoadReceiver receiver = new LoadReceiver(receiverPort)) {
      if (url != null) {
        if (token == null) {
          System.err.println("--url needs --token (an admin token of that Baton)");
          return 2;
        }
        if (ceiling) {
          System.err.println("--ceiling runs in-process only (without --url)");
          return 2;
        }
        out.printf("receiver: %s (Slack API %s)%n", receiver.base(), receiver.slackApiUrl());
        return measure(settings, receiver, pid, url, null, out);
      }
      return BenchCommand.inProcess(
          noFsync,
          (target, apiToken, context) ->
              measure(
                  settings(target, apiToken),
                  receiver,
                  ProcessHandle.current().pid(),
                  BenchCommand.describe(target, noFsync) + "; CPU and memory include the generator",
                  ceiling ? () -> ceiling(context) : null,
                  out),
          "--baton.outbound.allowlist=127.0.0.1/32",
          "--baton.jira.allow-loopback-http=true",
          "--baton.slack.api-url=" + receiver.slackApiUrl());
    }
  }

  private LoadBenchmark.Settings settings(String target, String apiToken) {
    return new LoadBenchmark.Settings(
        target,
        apiToken,
        LoadBenchmark.Settings.mix(mix),
        rate,
        concurrency,
        Duration.ofSeconds(duration),
        Duration.ofSeconds(warmup),
        duplicates,
        outOfOrder,
        Duration.ofSeconds(sample),
        seed);
  }

  private LoadReport.@Nullable Ceiling ceiling(ConfigurableApplicationContext context) {
    try {
      PgbenchCeiling.Result r = CeilingReport.measure(context, ceilingClients, duration, true);
      return new LoadReport.Ceiling(
          r.eventsPerSecond(),
          String.format(
              Locale.ROOT,
              "pgbench, bench/pgbench/event.sql with deliveries, %d clients, %d s, same PostgreSQL,"
                  + " latency average %.1f ms, failed %d",
              ceilingClients,
              duration,
              r.latencyAverageMs(),
              r.failed()));
    } catch (PgbenchCeiling.Unavailable e) {
      System.err.println("database ceiling: not measured: " + e.getMessage());
      return null;
    }
  }

  private static int measure(
      LoadBenchmark.Settings settings,
      LoadReceiver receiver,
      @Nullable Long pid,
      String description,
      @Nullable Supplier<LoadReport.@Nullable Ceiling> ceiling,
      PrintStream out)
      throws Exception {
    LoadResult result = new LoadBenchmark(settings, receiver).run(pid, out);
    LoadReport.print(description, result, ceiling == null ? null : ceiling.get(), out);
    return result.passed() ? 0 : 1;
  }
}
