package dev.baton.testsupport;

import dev.baton.platform.EmbeddedPostgresServer;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One embedded PostgreSQL per test JVM, started on first use and stopped when the JVM ends. */
public final class TestDatabase {

  private static EmbeddedPostgresServer server;

  private TestDatabase() {}

  public static synchronized EmbeddedPostgresServer get() {
    if (server == null) {
      server = EmbeddedPostgresServer.startTemporary();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  /**
   * The property naming the database of the test run's server that a test class's context uses
   * ({@code postgres} unless set); see {@link #separate}.
   */
  public static final String DATABASE_PROPERTY = "baton.test.database";

  /** The test run's server's JDBC URL without the database name. */
  public static String serverUrl() {
    String url = get().jdbcUrl();
    return url.substring(0, url.lastIndexOf('/') + 1);
  }

  /**
   * Creates, on first use, a database of its own on the test run's server and returns its name. A
   * test class whose context runs background workers sets {@link #DATABASE_PROPERTY} to one, so
   * that the workers of other cached contexts never see its rows (and its never see theirs).
   */
  public static synchronized String separate(String name) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    EmbeddedPostgresServer server = get();
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(server.jdbcUrl(), server.user(), "");
        java.sql.Statement s = c.createStatement()) {
      try (java.sql.ResultSet rs =
          s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
        if (!rs.next()) {
          s.execute("create database " + name);
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return name;
  }

  /**
   * Empties every table but Flyway's, so each test starts from a clean database. A background
   * worker (inbox, dispatcher) reading while the tables are truncated can make PostgreSQL pick the
   * truncate as a deadlock victim; it is tried again, a bounded number of times.
   */
  public static void clean(JdbcClient jdbc) {
    List<String> tables =
        jdbc.sql(
                "select tablename from pg_tables where schemaname = 'public'"
                    + " and tablename <> 'flyway_schema_history'")
            .query(String.class)
            .list();
    if (tables.isEmpty()) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        jdbc.sql("truncate table " + String.join(", ", tables) + " cascade").update();
        return;
      } catch (org.springframework.dao.PessimisticLockingFailureException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }
}
