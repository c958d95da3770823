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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton bench}: load generators that print throughput and latency. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure Baton under load and print the figures.",
    subcommands = {BenchCommand.Api.class})
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
      Path dir = Files.createTempDirectory("baton-bench");
      String bootstrap = "bt_bench_" + UUID.randomUUID().toString().replace("-", "");
      try (EmbeddedPostgresServer db =
              noFsync
                  ? EmbeddedPostgresServer.startTemporary()
                  : EmbeddedPostgresServer.start(dir);
          ConfigurableApplicationContext baton =
              SpringApplication.run(
                  java.util.Objects.requireNonNull(application),
                  "--server.port=0",
                  "--server.address=127.0.0.1",
                  "--logging.level.root=WARN",
                  "--baton.database.url=" + db.jdbcUrl(),
                  "--baton.database.user=" + db.user(),
                  "--baton.database.pool-size=20",
                  "--baton.bootstrap-token=" + bootstrap)) {
        String port = baton.getEnvironment().getProperty("local.server.port");
        String target = "http://127.0.0.1:" + port;
        return measure(
            target,
            bootstrap,
            target
                + " (in-process, embedded PostgreSQL 17, fsync "
                + (noFsync ? "off" : "on")
                + ")");
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
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
}
