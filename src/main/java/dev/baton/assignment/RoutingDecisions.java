package dev.baton.assignment;

import dev.baton.platform.Ids;
import dev.baton.routing.Decision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stored decision records: every rule path, candidate and rejection, live or shadow. */
@Component
public class RoutingDecisions {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final RoutingMetrics metrics;

  RoutingDecisions(JdbcClient jdbc, JsonMapper json, Clock clock, RoutingMetrics metrics) {
    this.metrics = metrics;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /**
   * A stored decision.
   *
   * @param applied whether it changed the assignment (false for shadow decisions and simulations)
   * @param trigger what asked for routing: {@code created}, {@code declined}, {@code reopened},
   *     {@code route}
   * @param record the full decision: rule path, candidates, rejections, notifications, why
   */
  public record Stored(
      UUID id,
      UUID workItemId,
      String policy,
      int policyVersion,
      String mode,
      boolean applied,
      String trigger,
      String outcome,
      @Nullable String owner,
      @Nullable String rule,
      String why,
      JsonNode record,
      Instant createdAt) {}

  UUID record(
      String tenantId, UUID workItemId, Decision decision, boolean applied, String trigger) {
    UUID id = Ids.newId(clock);
    jdbc.sql(
            """
            insert into routing_decisions (tenant_id, id, work_item_id, policy, policy_version,
              mode, applied, trigger, outcome, owner, rule, why, record, created_at)
            values (:tenant, :id, :item, :policy, :version, :mode, :applied, :trigger, :outcome,
              :owner, :rule, :why, :record, :now)
            """)
        .param("tenant", tenantId)
        .param("id", id)
        .param("item", workItemId)
        .param("policy", decision.policy())
        .param("version", decision.policyVersion())
        .param("mode", decision.mode().name().toLowerCase(java.util.Locale.ROOT))
        .param("applied", applied)
        .param("trigger", trigger)
        .param("outcome", decision.outcome().name())
        .param("owner", decision.owner())
        .param("rule", decision.rule())
        .param("why", decision.why())
        .param("record", json.writeValueAsString(decision))
        .param("now", Timestamp.from(Instant.now(clock).truncatedTo(ChronoUnit.MICROS)))
        .update();
    metrics.decided(decision);
    return id;
  }

  /** An item's decisions, newest first. */
  public List<Stored> of(String tenantId, UUID workItemId) {
    return jdbc.sql(
            "select * from routing_decisions where tenant_id = :tenant and work_item_id = :item"
                + " order by created_at desc, id desc")
        .param("tenant", tenantId)
        .param("item", workItemId)
        .query(this::row)
        .list();
  }

  private Stored row(ResultSet rs, int n) throws SQLException {
    return new Stored(
        rs.getObject("id", UUID.class),
        rs.getObject("work_item_id", UUID.class),
        rs.getString("policy"),
        rs.getInt("policy_version"),
        rs.getString("mode"),
        rs.getBoolean("applied"),
        rs.getString("trigger"),
        rs.getString("outcome"),
        rs.getString("owner"),
        rs.getString("rule"),
        rs.getString("why"),
        json.readTree(rs.getString("record")),
        rs.getTimestamp("created_at").toInstant());
  }

  void moveCursor(String tenantId, Decision.CursorUpdate cursor) {
    jdbc.sql(
            """
            insert into round_robin_cursors (tenant_id, pool, last_assigned, updated_at)
            values (:tenant, :pool, :person, :now)
            on conflict (tenant_id, pool) do update
              set last_assigned = excluded.last_assigned, updated_at = excluded.updated_at
            """)
        .param("tenant", tenantId)
        .param("pool", cursor.pool())
        .param("person", cursor.lastAssigned())
        .param("now", Timestamp.from(Instant.now(clock)))
        .update();
  }
}
