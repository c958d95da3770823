package dev.baton.bench;

import dev.baton.platform.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton bench}: load generators that print throughput and latency. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure Baton under load and print the figures.",
    subcommands = {
      BenchCommand.Api.class,
      BenchCommand.Webhooks.class,
      BenchCommand.Deliveries.class,
      LoadCommand.class
    })
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  /** The application class to boot for an in-process run, set by the CLI. */
  static @Nullable Class<?> application;

  public static BenchCommand forApplication(Class<?> app) {
    application = app;
    return new BenchCommand();
  }

  @Override
  public void run() {
    if (spec != null) {
      spec.commandLine().usage(System.out);
    }
  }

  @Command(
      name = "api",
      mixinStandardHelpOptions = true,
      description = {
        "Work items created and assigned per second through the HTTP API.",
        "Without --url it starts Baton in this process on a fresh embedded PostgreSQL (fsync on)"
            + " and measures that."
      })
  static final class Api implements Callable<Integer> {
    @Option(names = "--url", description = "A running Baton, e.g. http://127.0.0.1:8080.")
    @Nullable String url;

    @Option(names = "--token", description = "An admin API token of that Baton.")
    @Nullable String token;

    @Option(
        names = "--concurrency",
        defaultValue = "16",
        description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
        names = "--duration",
        defaultValue = "30",
        description = "Seconds measured (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(
        names = "--warmup",
        defaultValue = "10",
        description = "Seconds of warm-up before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
        names = "--no-fsync",
        description =
            "In-process only: run the embedded PostgreSQL without fsync, to see what the disk"
                + " costs.")
    boolean noFsync;

    @Override
    public Integer call() throws Exception {
      if (concurrency < 1 || duration < 1 || warmup < 0) {
        System.err.println("--concurrency and --duration must be at least 1, --warmup at least 0");
        return 2;
      }
      if (url != null) {
        if (token == null) {
          System.err.println("--url needs --token (an admin token of that Baton)");
          return 2;
        }
        return measure(url, token, url);
      }
      return inProcess(
          noFsync,
          (target, apiToken, context) -> measure(target, apiToken, describe(target, noFsync)));
    }

    private int measure(String target, String apiToken, String description) throws Exception {
      ApiBenchmark.Settings settings =
          new ApiBenchmark.Settings(
              target,
              apiToken,
              concurrency,
              Duration.ofSeconds(duration),
              Duration.ofSeconds(warmup));
      ApiBenchmark.Result result = new ApiBenchmark(settings).run();
      ApiBenchmark.report(settings, description, result, System.out);
      return result.errors() == 0 ? 0 : 1;
    }
  }

  /** What to run against an in-process Baton: its URL, an admin token, its context. */
  @FunctionalInterface
  interface InProcessRun {
    int run(String target, String token, ConfigurableApplicationContext context) throws Exception;
  }

  /** Starts Baton in this process on a fresh embedded PostgreSQL and runs {@code measure}. */
  static int inProcess(boolean noFsync, InProcessRun measure, String... more) throws Exception {
    Path dir = Files.createTempDirectory("baton-bench");
    String bootstrap = "bt_bench_" + UUID.randomUUID().toString().replace("-", "");
    try (EmbeddedPostgresServer db =
            noFsync ? EmbeddedPostgresServer.startTemporary() : EmbeddedPostgresServer.start(dir);
        ConfigurableApplicationContext baton =
            SpringApplication.run(
                java.util.Objects.requireNonNull(application),
                Stream.concat(
                        Stream.of(
                            "--server.port=0",
                            "--server.address=127.0.0.1",
                            "--logging.level.root=WARN",
                            "--baton.database.url=" + db.jdbcUrl(),
                            "--baton.database.user=" + db.user(),
                            "--baton.database.pool-size=20",
                            "--baton.database.data-dir=" + dir,
                            "--baton.bootstrap-token=" + bootstrap),
                        Stream.of(more))
                    .toArray(String[]::new))) {
      String port = baton.getEnvironment().getProperty("local.server.port");
      return measure.run("http://127.0.0.1:" + port, bootstrap, baton);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static String describe(String target, boolean noFsync) {
    return target + " (in-process, embedded PostgreSQL 17, fsync " + (noFsync ? "off" : "on") + ")";
  }

  @Command(
      name = "webhooks",
      mixinStandardHelpOptions = true,
      description = {
        "Signed GitHub issues.opened deliveries accepted per second at /hooks, and the"
            + " processing lag until each is a routed work item.",
        "Without --url it starts Baton in this process on a fresh embedded PostgreSQL (fsync on);"
            + " the processing lag is read from its inbox, so it is reported in-process only."
      })
  static final class Webhooks implements Callable<Integer> {
    @Option(names = "--url", description = "A running Baton, e.g. http://127.0.0.1:8080.")
    @Nullable String url;

    @Option(names = "--token", description = "An admin API token of that Baton.")
    @Nullable String token;

    @Option(
        names = "--concurrency",
        defaultValue = "16",
        description = "Concurrent senders (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
        names = "--duration",
        defaultValue = "30",
        description = "Seconds measured (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(
        names = "--warmup",
        defaultValue = "10",
        description = "Seconds of warm-up before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
        names = "--no-fsync",
        description = "In-process only: run the embedded PostgreSQL without fsync.")
    boolean noFsync;

    @Option(
        names = "--rate",
        defaultValue = "0",
        description =
            "Deliveries per second in all, paced; 0 sends as fast as answers come back"
                + " (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
        names = "--ceiling",
        description =
            "In-process only: afterwards run bench/pgbench/event.sql (Baton's SQL per event) with"
                + " pgbench in a database beside Baton's on the same PostgreSQL, and print Baton's"
                + " processing rate as a share of it.")
    boolean ceiling;

    @Option(
        names = "--ceiling-clients",
        defaultValue = "4",
        description = "pgbench connections for --ceiling (default: ${DEFAULT-VALUE}).")
    int ceilingClients;

    private double processedPerSecond;

    @Override
    public Integer call() throws Exception {
      if (concurrency < 1 || duration < 1 || warmup < 0 || rate < 0) {
        System.err.println(
            "--concurrency and --duration must be at least 1, --warmup and --rate at least 0");
        return 2;
      }
      if (url != null) {
        if (token == null) {
          System.err.println("--url needs --token (an admin token of that Baton)");
          return 2;
        }
        if (ceiling) {
          System.err.println("--ceiling runs in-process only (without --url)");
          return 2;
        }
        return measure(url, token, url, t -> null);
      }
      return inProcess(
          noFsync,
          (target, apiToken, context) -> {
            int code =
                measure(
                    target,
                    apiToken,
                    describe(target, noFsync),
                    t -> InboxLag.read(context.getBean(JdbcClient.class), t));
            if (ceiling) {
              code =
                  Math.max(
                      code,
                      CeilingReport.print(
                          context, ceilingClients, duration, processedPerSecond, System.out));
            }
            return code;
          });
    }

    private int measure(
        String target,
        String apiToken,
        String description,
        java.util.function.Function<WebhookBenchmark.Target, WebhookBenchmark.@Nullable LagReading>
            lag)
        throws Exception {
      WebhookBenchmark.Settings settings =
          new WebhookBenchmark.Settings(
              target,
              apiToken,
              concurrency,
              Duration.ofSeconds(duration),
              Duration.ofSeconds(warmup),
              rate);
      WebhookBenchmark.Result result = new WebhookBenchmark(settings).run(lag);
      WebhookBenchmark.report(settings, description, result, System.out);
      processedPerSecond = result.processedPerSecond();
      return result.errors() == 0 && result.failed() == 0 ? 0 : 1;
    }
  }

  @Command(
      name = "deliveries",
      mixinStandardHelpOptions = true,
      description = {
        "Outbound webhook deliveries per second to a receiver on 127.0.0.1, and the lag from an"
            + " event's commit to its arrival, while clients create work items through the API.",
        "Without --url it starts Baton in this process on a fresh embedded PostgreSQL (fsync on)"
            + " with 127.0.0.1/32 allow-listed; a running Baton must allow-list it itself"
            + " (BATON_OUTBOUND_ALLOWLIST=127.0.0.1/32) and run on this machine."
      })
  static final class Deliveries implements Callable<Integer> {
    @Option(names = "--url", description = "A running Baton, e.g. http://127.0.0.1:8080.")
    @Nullable String url;

    @Option(names = "--token", description = "An admin API token of that Baton.")
    @Nullable String token;

    @Option(
        names = "--concurrency",
        defaultValue = "4",
        description = "Concurrent clients creating work items (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
        names = "--duration",
        defaultValue = "30",
        description = "Seconds measured (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(
        names = "--warmup",
        defaultValue = "5",
        description = "Seconds of warm-up before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
        names = "--rate",
        defaultValue = "0",
        description =
            "Work items created per second in all, paced; 0 creates as fast as answers come back"
                + " (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
        names = "--workers",
        defaultValue = "4",
        description = "In-process only: baton.delivery.workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
        names = "--no-fsync",
        description = "In-process only: run the embedded PostgreSQL without fsync.")
    boolean noFsync;

    @Override
    public Integer call() throws Exception {
      if (concurrency < 1 || duration < 1 || warmup < 0 || rate < 0 || workers < 1) {
        System.err.println(
            "--concurrency, --duration and --workers must be at least 1, --warmup and --rate at"
                + " least 0");
        return 2;
      }
      if (url != null) {
        if (token == null) {
          System.err.println("--url needs --token (an admin token of that Baton)");
          return 2;
        }
        return measure(url, token, url, t -> -1);
      }
      return inProcess(
          noFsync,
          (target, apiToken, context) ->
              measure(
                  target,
                  apiToken,
                  describe(target, noFsync) + ", " + workers + " dispatcher workers",
                  t -> DeliveryCount.planned(context.getBean(JdbcClient.class), t)),
          "--baton.outbound.allowlist=127.0.0.1/32",
          "--baton.delivery.workers=" + workers);
    }

    private int measure(
        String target,
        String apiToken,
        String description,
        java.util.function.ToLongFunction<DeliveryBenchmark.Target> planned)
        throws Exception {
      DeliveryBenchmark.Settings settings =
          new DeliveryBenchmark.Settings(
              target,
              apiToken,
              concurrency,
              Duration.ofSeconds(duration),
              Duration.ofSeconds(warmup),
              rate);
      DeliveryBenchmark.Result result = new DeliveryBenchmark(settings).run(planned);
      DeliveryBenchmark.report(settings, description, result, System.out);
      return result.errors() == 0 && result.exactlyOnce() ? 0 : 1;
    }
  }
}
