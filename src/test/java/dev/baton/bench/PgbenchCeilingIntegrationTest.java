package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.platform.EmbeddedPostgresServer;
import dev.baton.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A one-second pgbench run of the event script on the test PostgreSQL, in a database Baton's
 * migrations create, so the script keeps matching the schema. Skipped when pgbench is not installed
 * (the PostgreSQL client tools).
 */
class PgbenchCeilingIntegrationTest {

  @Test
  void theEventScriptRunsOnBatonsSchemaAndEachEventLeavesARoutedItemAndTwoDeliveries()
      throws Exception {
    assumeTrue(
        PgbenchCeiling.executable().isPresent(),
        "pgbench is not installed (apt-get install postgresql-client)");
    EmbeddedPostgresServer server = TestDatabase.get();
    PgbenchCeiling.Database db =
        PgbenchCeiling.migratedDatabase(
            new PgbenchCeiling.Database("127.0.0.1", server.port(), "postgres", "postgres", ""),
            "pgbench_ceiling_it");

    PgbenchCeiling.Result result = PgbenchCeiling.measure(db, 1, Duration.ofSeconds(1), true);

    assertThat(result.events()).isPositive();
    assertThat(result.failed()).isZero();
    assertThat(result.eventsPerSecond()).isPositive();
    assertThat(result.latencyAverageMs()).isPositive();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/pgbench_ceiling_it",
                "postgres",
                "");
        Statement s = c.createStatement()) {
      // one client claims its own rows, so every event of a finished run is complete
      assertThat(
              count(
                  s,
                  "select count(*) from inbox where tenant_id = 'pgbench' and status <> 'processed'"))
          .isZero();
      long items =
          count(
              s,
              "select count(*) from assignments where tenant_id = 'pgbench' and state = 'OFFERED'");
      assertThat(items).isGreaterThanOrEqualTo(result.events());
      assertThat(
              count(
                  s,
                  "select count(*) from deliveries where tenant_id = 'pgbench' and status = 'delivered'"))
          .isEqualTo(2 * items);
      assertThat(count(s, "select count(*) from audit_entries where tenant_id = 'pgbench'"))
          .isEqualTo(count(s, "select seq from audit_heads where tenant_id = 'pgbench'"))
          .isEqualTo(3 * items);
    }
  }

  @Test
  void readsPgbenchsReport() {
    String report =
        """
        pgbench (15.18 (Debian 15.18-0+deb12u1), server 17.11)
        transaction type: bench/pgbench/event.sql
        number of clients: 4
        number of transactions actually processed: 275
        number of failed transactions: 0 (0.000%)
        latency average = 145.235 ms
        initial connection time = 33.187 ms
        tps = 27.541525 (without initial connection time)
        """;

    PgbenchCeiling.Result r = PgbenchCeiling.parse(report, 4, false);

    assertThat(r.eventsPerSecond()).isEqualTo(27.541525);
    assertThat(r.events()).isEqualTo(275);
    assertThat(r.failed()).isZero();
    assertThat(r.latencyAverageMs()).isEqualTo(145.235);
    assertThat(r.latencyStddevMs()).isNull();
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
