package dev.baton.bench;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code baton bench webhooks --ceiling}: measures the database ceiling ({@link PgbenchCeiling}) on
 * the PostgreSQL server the in-process Baton uses, in a database of its own beside Baton's, and
 * prints Baton's processing rate as a share of it.
 */
final class CeilingReport {

  static final String DATABASE = "pgbench_ceiling";

  private CeilingReport() {}

  /** Returns the exit code: 0, or 1 when pgbench could not be run. */
  static int print(
      ConfigurableApplicationContext baton,
      int clients,
      int seconds,
      double batonPerSecond,
      PrintStream out) {
    try {
      PgbenchCeiling.Result r = measure(baton, clients, seconds, false);
      out.printf(
          "database ceiling (pgbench, bench/pgbench/event.sql without deliveries, %d clients,"
              + " %d s, same PostgreSQL): %.1f events per second, latency average %.1f ms,"
              + " failed %d%n",
          clients, seconds, r.eventsPerSecond(), r.latencyAverageMs(), r.failed());
      out.printf(
          "Baton processed %.1f per second = %.2f of the ceiling%n",
          batonPerSecond, batonPerSecond / r.eventsPerSecond());
      return 0;
    } catch (PgbenchCeiling.Unavailable e) {
      out.println("database ceiling: not measured: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Runs pgbench on the PostgreSQL server the in-process Baton uses, in the database {@link
   * #DATABASE} beside Baton's (migrated first).
   *
   * @throws PgbenchCeiling.Unavailable when pgbench cannot be run
   */
  static PgbenchCeiling.Result measure(
      ConfigurableApplicationContext baton, int clients, int seconds, boolean deliveries) {
    String url = baton.getEnvironment().getRequiredProperty("baton.database.url");
    // jdbc:postgresql://127.0.0.1:<port>/postgres
    URI uri = URI.create(url.substring("jdbc:".length()));
    String user = baton.getEnvironment().getProperty("baton.database.user", "postgres");
    String password = baton.getEnvironment().getProperty("baton.database.password", "");
    PgbenchCeiling.Database server =
        new PgbenchCeiling.Database(uri.getHost(), uri.getPort(), "postgres", user, password);
    PgbenchCeiling.Database db = PgbenchCeiling.migratedDatabase(server, DATABASE);
    return PgbenchCeiling.measure(db, clients, Duration.ofSeconds(seconds), deliveries);
  }
}
