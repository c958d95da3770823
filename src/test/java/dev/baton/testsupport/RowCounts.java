package dev.baton.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How many rows some tables hold, to show that a refused request wrote nothing. */
public final class RowCounts {

  /** The tables a write through the API can touch. */
  public static final List<String> WRITTEN_BY_API =
      List.of(
          "work_items",
          "assignments",
          "people",
          "teams",
          "team_members",
          "team_leads",
          "time_off",
          "queues",
          "api_tokens",
          "tenants",
          "audit_entries",
          "outbox_events",
          "idempotency_keys",
          "routing_decisions",
          "policies",
          "policy_versions",
          "mapping_tables",
          "schedules",
          "schedule_overrides",
          "decision_functions",
          "integrations",
          "integration_secrets",
          "inbox",
          "subscriptions",
          "subscription_secrets");

  private RowCounts() {}

  /** The row count of each table the API writes, by table name. */
  public static Map<String, Long> of(JdbcClient jdbc) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : WRITTEN_BY_API) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    return counts;
  }

  public static long of(JdbcClient jdbc, String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
