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

  /** Empties every table but Flyway's, so each test starts from a clean database. */
  public static void clean(JdbcClient jdbc) {
    List<String> tables =
        jdbc.sql(
                "select tablename from pg_tables where schemaname = 'public'"
                    + " and tablename <> 'flyway_schema_history'")
            .query(String.class)
            .list();
    if (!tables.isEmpty()) {
      jdbc.sql("truncate table " + String.join(", ", tables) + " cascade").update();
    }
  }
}
