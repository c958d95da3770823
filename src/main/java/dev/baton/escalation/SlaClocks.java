package dev.baton.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code sla_clocks} rows and their timers, written in the caller's transaction. */
@Component
class SlaClocks {

  /** Timer ids and data of SLA clocks start with this. */
  static final String PREFIX = "sla/";

  private final JdbcClient jdbc;
  private final Timers timers;
  private final Clock clock;

  SlaClocks(JdbcClient jdbc, Timers timers, Clock clock) {
    this.jdbc = jdbc;
    this.timers = timers;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  List<SlaClock> lockAll(String tenantId, UUID workItemId) {
    return jdbc.sql(
            "select * from sla_clocks where tenant_id = :tenant and work_item_id = :item"
                + " order by metric for update")
        .param("tenant", tenantId)
        .param("item", workItemId)
        .query(SlaClocks::row)
        .list();
  }

  @Transactional(propagation = Propagation.MANDATORY)
  Optional<SlaClock> lock(String tenantId, UUID workItemId, String metric) {
    return lockAll(tenantId, workItemId).stream()
        .filter(c -> c.metric().equals(metric))
        .findFirst();
  }

  /** Stores the clock in {@code state} with a timer at {@code at}. */
  @Transactional(propagation = Propagation.MANDATORY)
  SlaClock arm(SlaClock clockRow, SlaClock.State state, Instant at) {
    cancel(clockRow);
    int generation = clockRow.generation() + 1;
    String id = timerId(clockRow, generation);
    timers.schedule(id, at, id);
    SlaClock armed = clockRow.with(state, generation, id);
    save(armed);
    return armed;
  }

  /** Stores the clock in a final state, its timer cancelled. */
  @Transactional(propagation = Propagation.MANDATORY)
  SlaClock end(SlaClock clockRow, SlaClock.State state) {
    cancel(clockRow);
    SlaClock ended = clockRow.with(state, clockRow.generation() + 1, null);
    save(ended);
    return ended;
  }

  private void cancel(SlaClock clockRow) {
    if (clockRow.timerId() != null) {
      timers.cancel(clockRow.timerId());
    }
  }

  static String timerId(SlaClock c, int generation) {
    return PREFIX + c.tenantId() + "/" + c.workItemId() + "/" + c.metric() + "/" + generation;
  }

  /** The parts of an SLA timer's data: tenant, work item, metric, generation. */
  record TimerData(String tenantId, UUID workItemId, String metric, int generation) {
    static TimerData parse(String data) {
      String[] parts = data.substring(PREFIX.length()).split("/", -1);
      if (parts.length != 4) {
        throw new IllegalArgumentException("not Baton SLA timer data: " + data);
      }
      return new TimerData(
          parts[0], UUID.fromString(parts[1]), parts[2], Integer.parseInt(parts[3]));
    }
  }

  private void save(SlaClock c) {
    jdbc.sql(
            """
            insert into sla_clocks (tenant_id, work_item_id, metric, policy, policy_version,
              target, business_hours, started_at, at_risk_at, breach_at, state, escalation,
              generation, timer_id, updated_at)
            values (:tenant, :item, :metric, :policy, :version, :target, :business, :started,
              :atRisk, :breach, :state, :escalation, :generation, :timer, :now)
            on conflict (tenant_id, work_item_id, metric) do update set
              state = excluded.state, generation = excluded.generation,
              timer_id = excluded.timer_id, updated_at = excluded.updated_at
            """)
        .param("tenant", c.tenantId())
        .param("item", c.workItemId())
        .param("metric", c.metric())
        .param("policy", c.policy())
        .param("version", c.policyVersion())
        .param("target", c.target().toString())
        .param("business", c.businessHours())
        .param("started", Timestamp.from(c.startedAt()))
        .param("atRisk", Timestamp.from(c.atRiskAt()))
        .param("breach", Timestamp.from(c.breachAt()))
        .param("state", c.state().name())
        .param("escalation", c.escalation())
        .param("generation", c.generation())
        .param("timer", c.timerId())
        .param("now", Timestamp.from(Instant.now(clock).truncatedTo(ChronoUnit.MICROS)))
        .update();
  }

  private static SlaClock row(ResultSet rs, int n) throws SQLException {
    return new SlaClock(
        rs.getString("tenant_id"),
        rs.getObject("work_item_id", UUID.class),
        rs.getString("metric"),
        rs.getString("policy"),
        rs.getInt("policy_version"),
        Duration.parse(rs.getString("target")),
        rs.getBoolean("business_hours"),
        rs.getTimestamp("started_at").toInstant(),
        rs.getTimestamp("at_risk_at").toInstant(),
        rs.getTimestamp("breach_at").toInstant(),
        SlaClock.State.valueOf(rs.getString("state")),
        rs.getString("escalation"),
        rs.getInt("generation"),
        rs.getString("timer_id"));
  }
}
