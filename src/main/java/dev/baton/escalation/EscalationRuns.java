package dev.baton.escalation;

import java.sql.Array;
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
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code escalation_runs} rows and their timers: {@link #arm} stores a run with a fresh timer,
 * {@link #stop} cancels it; both in the caller's transaction.
 */
@Component
class EscalationRuns {

  private final JdbcClient jdbc;
  private final Timers timers;
  private final Clock clock;

  EscalationRuns(JdbcClient jdbc, Timers timers, Clock clock) {
    this.jdbc = jdbc;
    this.timers = timers;
    this.clock = clock;
  }

  /** The item's run, locked until the transaction ends. */
  @Transactional(propagation = Propagation.MANDATORY)
  Optional<EscalationRun> lock(String tenantId, UUID workItemId) {
    return jdbc.sql(
            "select * from escalation_runs where tenant_id = :tenant and work_item_id = :item"
                + " for update")
        .param("tenant", tenantId)
        .param("item", workItemId)
        .query(EscalationRuns::row)
        .optional();
  }

  Optional<EscalationRun> find(String tenantId, UUID workItemId) {
    return jdbc.sql(
            "select * from escalation_runs where tenant_id = :tenant and work_item_id = :item")
        .param("tenant", tenantId)
        .param("item", workItemId)
        .query(EscalationRuns::row)
        .optional();
  }

  /** Stores {@code run} in its phase with a new generation and a timer at {@code at}. */
  @Transactional(propagation = Propagation.MANDATORY)
  EscalationRun arm(EscalationRun run, Instant at) {
    if (run.timerId() != null) {
      timers.cancel(run.timerId());
    }
    int generation = run.generation() + 1;
    String timerId = TimerData.id(run.tenantId(), run.workItemId(), generation);
    timers.schedule(
        timerId, at, new TimerData(run.tenantId(), run.workItemId(), generation).toString());
    EscalationRun armed = run.timed(generation, timerId, at);
    save(armed, null);
    return armed;
  }

  /** Stores the run's acknowledgements; its phase, generation and timer stay as they are. */
  @Transactional(propagation = Propagation.MANDATORY)
  void acknowledged(EscalationRun run) {
    jdbc.sql(
            "update escalation_runs set acknowledged = :acknowledged, updated_at = :now"
                + " where tenant_id = :tenant and work_item_id = :item")
        .param("acknowledged", run.acknowledged().toArray(String[]::new))
        .param("now", Timestamp.from(Instant.now(clock).truncatedTo(ChronoUnit.MICROS)))
        .param("tenant", run.tenantId())
        .param("item", run.workItemId())
        .update();
  }

  /** Ends the run ({@code STOPPED} or {@code EXHAUSTED}) and cancels its timer. */
  @Transactional(propagation = Propagation.MANDATORY)
  EscalationRun stop(EscalationRun run, EscalationRun.Phase phase, String reason) {
    if (run.timerId() != null) {
      timers.cancel(run.timerId());
    }
    EscalationRun stopped =
        run.timed(run.generation() + 1, null, null).in(phase, run.step(), run.round());
    save(stopped, reason);
    return stopped;
  }

  private void save(EscalationRun run, @Nullable String stopReason) {
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    jdbc.sql(
            """
            insert into escalation_runs (tenant_id, work_item_id, generation, phase, decision_id,
              accept_within, escalation, step, round, offered, timer_id, due_at, stop_reason,
              notified, acknowledged, acknowledgers, notified_step, started_at, updated_at)
            values (:tenant, :item, :generation, :phase, :decision, :window, :escalation, :step,
              :round, :offered, :timer, :due, :reason, :notified, :acknowledged, :acknowledgers,
              :notifiedStep, :now, :now)
            on conflict (tenant_id, work_item_id) do update set
              generation = excluded.generation, phase = excluded.phase,
              decision_id = excluded.decision_id, accept_within = excluded.accept_within,
              escalation = excluded.escalation, step = excluded.step, round = excluded.round,
              offered = excluded.offered, timer_id = excluded.timer_id, due_at = excluded.due_at,
              stop_reason = excluded.stop_reason, notified = excluded.notified,
              acknowledged = excluded.acknowledged, acknowledgers = excluded.acknowledgers,
              notified_step = excluded.notified_step, updated_at = excluded.updated_at
            """)
        .param("tenant", run.tenantId())
        .param("item", run.workItemId())
        .param("generation", run.generation())
        .param("phase", run.phase().name())
        .param("decision", run.decisionId())
        .param("window", run.acceptWithin() == null ? null : run.acceptWithin().toString())
        .param("escalation", run.escalation())
        .param("step", run.step())
        .param("round", run.round())
        .param("offered", run.offered().toArray(String[]::new))
        .param("timer", run.timerId())
        .param("due", run.dueAt() == null ? null : Timestamp.from(run.dueAt()))
        .param("reason", stopReason)
        .param("notified", run.notified().toArray(String[]::new))
        .param("acknowledged", run.acknowledged().toArray(String[]::new))
        .param("acknowledgers", run.acknowledgers())
        .param("notifiedStep", run.notifiedStep())
        .param("now", Timestamp.from(now))
        .update();
  }

  private static EscalationRun row(ResultSet rs, int n) throws SQLException {
    String window = rs.getString("accept_within");
    Timestamp due = rs.getTimestamp("due_at");
    Array offered = rs.getArray("offered");
    return new EscalationRun(
        rs.getString("tenant_id"),
        rs.getObject("work_item_id", UUID.class),
        rs.getInt("generation"),
        EscalationRun.Phase.valueOf(rs.getString("phase")),
        rs.getObject("decision_id", UUID.class),
        window == null ? null : Duration.parse(window),
        rs.getString("escalation"),
        rs.getInt("step"),
        rs.getInt("round"),
        List.of((String[]) offered.getArray()),
        rs.getString("timer_id"),
        due == null ? null : due.toInstant(),
        List.of((String[]) rs.getArray("notified").getArray()),
        List.of((String[]) rs.getArray("acknowledged").getArray()),
        rs.getInt("acknowledgers"),
        rs.getInt("notified_step"));
  }

  /** What a timer carries: whose run, and the generation it was set for. */
  record TimerData(String tenantId, UUID workItemId, int generation) {

    static String id(String tenantId, UUID workItemId, int generation) {
      return tenantId + "/" + workItemId + "/" + generation;
    }

    static TimerData parse(String data) {
      String[] parts = data.split("/", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException("not Baton escalation timer data: " + data);
      }
      return new TimerData(parts[0], UUID.fromString(parts[1]), Integer.parseInt(parts[2]));
    }

    @Override
    public String toString() {
      return id(tenantId, workItemId, generation);
    }
  }
}
