package dev.baton.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * The database ceiling: runs {@code bench/pgbench/event.sql} (the SQL work Baton does per webhook
 * event, statement by statement) with pgbench in a child process against a PostgreSQL database with
 * Baton's schema, and reads events per second and latency from pgbench's report. Baton's own rate
 * divided by this figure says how close Baton comes to what its database allows.
 *
 * <p>Self-contained so any load generator can call it:
 *
 * <pre>{@code
 * Database server = new Database("127.0.0.1", 5432, "postgres", "postgres", "");
 * Database db = PgbenchCeiling.migratedDatabase(server, "pgbench_ceiling");
 * PgbenchCeiling.Result r = PgbenchCeiling.measure(db, 4, Duration.ofSeconds(20), true);
 * System.out.println(r.eventsPerSecond());
 * }</pre>
 *
 * <p>Run it against a database no Baton processes: Baton's inbox worker and dispatcher would take
 * the script's rows. {@link #migratedDatabase} makes such a database beside Baton's own.
 */
public final class PgbenchCeiling {

  /** What pgbench needs to connect; {@code password} may be empty (trust authentication). */
  public record Database(String host, int port, String name, String user, String password) {

    String jdbcUrl() {
      return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }
  }

  /**
   * pgbench's figures: one pgbench transaction is one event.
   *
   * @param latencyStddevMs null when pgbench did not print it
   */
  public record Result(
      double eventsPerSecond,
      long events,
      long failed,
      double latencyAverageMs,
      @Nullable Double latencyStddevMs,
      int clients,
      boolean deliveries,
      String report) {}

  /** pgbench could not be run or did not report; the message says why. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
  private static final Pattern PROCESSED =
      Pattern.compile("(?m)^number of transactions actually processed: (\\d+)");
  private static final Pattern FAILED =
      Pattern.compile("(?m)^number of failed transactions: (\\d+)");
  private static final Pattern LATENCY = Pattern.compile("(?m)^latency average = ([0-9.]+) ms");
  private static final Pattern STDDEV = Pattern.compile("(?m)^latency stddev = ([0-9.]+) ms");

  private PgbenchCeiling() {}

  /**
   * Runs the event script with {@code clients} connections for {@code duration} (after adding the
   * fixture rows of {@code setup.sql}) and returns pgbench's figures.
   *
   * @param deliveries whether each event's two webhook deliveries are planned, claimed and
   *     completed too (the whole webhook → routed → delivered path), or only routed
   * @throws Unavailable when pgbench is missing, the scripts are not found or pgbench fails
   */
  public static Result measure(Database db, int clients, Duration duration, boolean deliveries) {
    Path scripts = scripts();
    String pgbench =
        executable()
            .orElseThrow(
                () ->
                    new Unavailable(
                        "pgbench is not installed, so the database ceiling cannot be measured;"
                            + " install the PostgreSQL client tools (Debian/Ubuntu: apt-get"
                            + " install postgresql-client; macOS: brew install libpq)"));
    runSetup(db, scripts.resolve("setup.sql"));
    List<String> command =
        List.of(
            pgbench,
            "-n",
            "-M",
            "prepared",
            "-D",
            "deliveries=" + (deliveries ? 1 : 0),
            "-c",
            Integer.toString(clients),
            "-j",
            Integer.toString(clients),
            "-T",
            Long.toString(Math.max(1, duration.toSeconds())),
            "-h",
            db.host(),
            "-p",
            Integer.toString(db.port()),
            "-U",
            db.user(),
            "-f",
            scripts.resolve("event.sql").toString(),
            db.name());
    String report = run(command, db.password(), duration.plusSeconds(60));
    return parse(report, clients, deliveries);
  }

  /** Reads pgbench's report. */
  static Result parse(String report, int clients, boolean deliveries) {
    Matcher tps = TPS.matcher(report);
    if (!tps.find()) {
      throw new Unavailable("pgbench did not report a rate:\n" + report);
    }
    return new Result(
        Double.parseDouble(tps.group(1)),
        number(PROCESSED, report),
        number(FAILED, report),
        decimal(LATENCY, report),
        STDDEV.matcher(report).find() ? decimal(STDDEV, report) : null,
        clients,
        deliveries,
        report);
  }

  /**
   * Creates database {@code name} on the server of {@code server} when it does not exist and
   * applies Baton's Flyway migrations to it; returns its connection facts.
   */
  public static Database migratedDatabase(Database server, String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection c =
            DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        Statement s = c.createStatement()) {
      boolean exists;
      try (var rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        s.execute("create database " + name);
      }
    } catch (SQLException e) {
      throw new Unavailable("could not create database " + name + ": " + e.getMessage());
    }
    Database db =
        new Database(server.host(), server.port(), name, server.user(), server.password());
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return db;
  }

  private static void runSetup(Database db, Path setup) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute(Files.readString(setup, StandardCharsets.UTF_8));
    } catch (SQLException e) {
      throw new Unavailable(
          "could not add the fixture rows of "
              + setup
              + " (does the database have Baton's schema?): "
              + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String run(List<String> command, String password, Duration limit) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    if (!password.isEmpty()) {
      env.put("PGPASSWORD", password);
    }
    try {
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new Unavailable("pgbench did not finish within " + limit);
      }
      String report = new String(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new Unavailable("pgbench failed (exit " + process.exitValue() + "):\n" + report);
      }
      return report;
    } catch (IOException e) {
      throw new Unavailable("could not run pgbench: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while pgbench ran");
    }
  }

  /** pgbench on the PATH, else under /usr/lib/postgresql/<version>/bin (Debian), newest first. */
  static Optional<String> executable() {
    String path = System.getenv("PATH");
    List<Path> candidates = new ArrayList<>();
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "pgbench"));
        }
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions
            .sorted(java.util.Comparator.reverseOrder())
            .forEach(v -> candidates.add(v.resolve("bin/pgbench")));
      } catch (IOException e) {
        // no readable folder: only the PATH counts
      }
    }
    return candidates.stream().filter(Files::isExecutable).map(Path::toString).findFirst();
  }

  /**
   * The folder of {@code setup.sql} and {@code event.sql}: {@code bench/pgbench} in the source
   * checkout, found from {@code BATON_HOME} (set by {@code ./baton}) or the working folder.
   */
  static Path scripts() {
    List<Path> roots = new ArrayList<>();
    String home = System.getenv("BATON_HOME");
    if (home != null && !home.isBlank()) {
      roots.add(Path.of(home));
    }
    roots.add(Path.of("").toAbsolutePath());
    for (Path root : roots) {
      Path dir = root.resolve("bench/pgbench");
      if (Files.isRegularFile(dir.resolve("event.sql"))
          && Files.isRegularFile(dir.resolve("setup.sql"))) {
        return dir;
      }
    }
    throw new Unavailable(
        "bench/pgbench/event.sql was not found (looked under "
            + roots
            + "); run from Baton's source checkout or through ./baton");
  }

  private static long number(Pattern p, String report) {
    Matcher m = p.matcher(report);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static double decimal(Pattern p, String report) {
    Matcher m = p.matcher(report);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
