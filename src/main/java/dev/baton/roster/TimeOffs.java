package dev.baton.roster;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Ids;
import dev.baton.platform.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People's time off: periods in which routing passes them by and schedules cover for them. */
@Service
public class TimeOffs {

  /** The longest single period accepted. */
  static final Duration MAX_PERIOD = Duration.ofDays(366);

  private final JdbcClient jdbc;
  private final People people;
  private final AuditLog audit;
  private final Clock clock;

  TimeOffs(JdbcClient jdbc, People people, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.people = people;
    this.audit = audit;
    this.clock = clock;
  }

  /** A period as a caller writes it. */
  public record Request(@Nullable Instant from, @Nullable Instant to, @Nullable String reason) {}

  @Transactional
  public TimeOff add(
      String tenantId, String personId, Request request, Actor actor, String source) {
    people.get(tenantId, personId);
    Validation v = new Validation().require(request.from(), "from").require(request.to(), "to");
    v.maxLength(request.reason(), "reason", 500);
    if (request.from() != null && request.to() != null) {
      v.when(!request.to().isAfter(request.from()), "to", "must be after 'from'");
      v.when(
          Duration.between(request.from(), request.to()).compareTo(MAX_PERIOD) > 0,
          "to",
          "a period may last at most 366 days; add several");
    }
    v.check();
    UUID id = Ids.newId(clock);
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    Instant from = Objects.requireNonNull(request.from()).truncatedTo(ChronoUnit.MICROS);
    Instant to = Objects.requireNonNull(request.to()).truncatedTo(ChronoUnit.MICROS);
    jdbc.sql(
            """
            insert into time_off (tenant_id, id, person_id, starts_at, ends_at, reason, created_at)
            values (:tenant, :id, :person, :from, :to, :reason, :now)
            """)
        .param("tenant", tenantId)
        .param("id", id)
        .param("person", personId)
        .param("from", RosterRows.ts(from))
        .param("to", RosterRows.ts(to))
        .param("reason", request.reason())
        .param("now", RosterRows.ts(now))
        .update();
    TimeOff added = new TimeOff(id, personId, from, to, request.reason(), now);
    audit.append(
        tenantId,
        new AuditRecord(
            actor, source, "person", personId, "person.time-off-added", null, null, added));
    return added;
  }

  /** A person's periods that end after {@code after}, earliest first. */
  public List<TimeOff> of(String tenantId, String personId, Instant after) {
    people.get(tenantId, personId);
    return jdbc.sql(
            "select * from time_off where tenant_id = :tenant and person_id = :person and ends_at"
                + " > :after order by starts_at, id")
        .param("tenant", tenantId)
        .param("person", personId)
        .param("after", RosterRows.ts(after))
        .query(TimeOffs::row)
        .list();
  }

  /** Every period of the tenant that overlaps [from, to). */
  public List<TimeOff> overlapping(String tenantId, Instant from, Instant to) {
    return jdbc.sql(
            "select * from time_off where tenant_id = :tenant and starts_at < :to and ends_at >"
                + " :from order by person_id, starts_at")
        .param("tenant", tenantId)
        .param("from", RosterRows.ts(from))
        .param("to", RosterRows.ts(to))
        .query(TimeOffs::row)
        .list();
  }

  @Transactional
  public void remove(String tenantId, String personId, String id, Actor actor, String source) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BatonException.NotFound("time-off", id);
    }
    TimeOff before =
        jdbc.sql(
                "select * from time_off where tenant_id = :tenant and person_id = :person and id ="
                    + " :id")
            .param("tenant", tenantId)
            .param("person", personId)
            .param("id", uuid)
            .query(TimeOffs::row)
            .optional()
            .orElseThrow(() -> new BatonException.NotFound("time-off", id));
    jdbc.sql("delete from time_off where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", uuid)
        .update();
    audit.append(
        tenantId,
        new AuditRecord(
            actor, source, "person", personId, "person.time-off-removed", null, before, null));
  }

  private static TimeOff row(ResultSet rs, int n) throws SQLException {
    return new TimeOff(
        rs.getObject("id", UUID.class),
        rs.getString("person_id"),
        RosterRows.instant(rs, "starts_at"),
        RosterRows.instant(rs, "ends_at"),
        rs.getString("reason"),
        RosterRows.instant(rs, "created_at"));
  }
}
