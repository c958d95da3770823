package dev.baton.roster;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Ids;
import dev.baton.platform.Page;
import dev.baton.platform.Validation;
import dev.baton.roster.schedule.NightHours;
import dev.baton.roster.schedule.OnCall;
import dev.baton.roster.schedule.Rotation;
import dev.baton.roster.schedule.Schedule;
import dev.baton.roster.schedule.ScheduleOverride;
import dev.baton.roster.schedule.Shift;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** On-call schedules: stored, validated, and asked who is on call when. */
@Service
public class Schedules {

  private static final TypeReference<List<RotationSpec>> ROTATIONS = new TypeReference<>() {};

  /** How far around an instant time off is read to compute the shift that contains it. */
  private static final Duration TIME_OFF_WINDOW = Duration.ofDays(400);

  private final JdbcClient jdbc;
  private final People people;
  private final TimeOffs timeOffs;
  private final AuditLog audit;
  private final JsonMapper json;
  private final Clock clock;
  private final OnCall onCall = new OnCall();

  Schedules(
      JdbcClient jdbc,
      People people,
      TimeOffs timeOffs,
      AuditLog audit,
      JsonMapper json,
      Clock clock) {
    this.jdbc = jdbc;
    this.people = people;
    this.timeOffs = timeOffs;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
  }

  /** A schedule as a caller writes it. */
  public record Request(
      @Nullable String id,
      @Nullable String name,
      @Nullable String timeZone,
      @Nullable List<RotationSpec> rotations) {}

  /** An override as a caller writes it. */
  public record OverrideRequest(
      @Nullable String person,
      @Nullable Instant from,
      @Nullable Instant to,
      @Nullable String reason) {}

  /** The outcome of a create-or-replace. */
  public record Saved(ScheduleView schedule, boolean created, boolean changed) {}

  public Optional<ScheduleView> find(String tenantId, String id) {
    return jdbc.sql("select * from schedules where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query((rs, n) -> view(tenantId, rs))
        .optional();
  }

  public ScheduleView get(String tenantId, String id) {
    return find(tenantId, id).orElseThrow(() -> new BatonException.NotFound("schedule", id));
  }

  /** Every schedule of the tenant, by id. */
  public List<ScheduleView> all(String tenantId) {
    return jdbc.sql("select * from schedules where tenant_id = :tenant order by id")
        .param("tenant", tenantId)
        .query((rs, n) -> view(tenantId, rs))
        .list();
  }

  public Page<ScheduleView> list(String tenantId, @Nullable String cursor, int limit) {
    String after = Page.decode(cursor);
    List<ScheduleView> rows =
        jdbc.sql(
                "select * from schedules where tenant_id = :tenant and (:after::text is null or id"
                    + " > :after) order by id limit :limit")
            .param("tenant", tenantId)
            .param("after", after)
            .param("limit", limit + 1)
            .query((rs, n) -> view(tenantId, rs))
            .list();
    return Page.of(rows, limit, ScheduleView::id);
  }

  @Transactional
  public ScheduleView create(String tenantId, Request request, Actor actor, String source) {
    Saved saved = save(tenantId, request.id(), request, actor, source, true);
    return saved.schedule();
  }

  @Transactional
  public Saved put(String tenantId, String id, Request request, Actor actor, String source) {
    Validation.samePathId(request.id(), id);
    return save(tenantId, id, request, actor, source, false);
  }

  private Saved save(
      String tenantId,
      @Nullable String id,
      Request request,
      Actor actor,
      String source,
      boolean mustBeNew) {
    Schedule checked = validate(tenantId, id, request);
    String scheduleId = checked.id();
    List<RotationSpec> normalized = checked.rotations().stream().map(RotationSpec::of).toList();
    String rotations = json.writeValueAsString(normalized);
    String name = request.name() == null ? scheduleId : request.name();
    Optional<ScheduleView> before =
        jdbc.sql("select * from schedules where tenant_id = :tenant and id = :id for update")
            .param("tenant", tenantId)
            .param("id", scheduleId)
            .query((rs, n) -> view(tenantId, rs))
            .optional();
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    if (before.isPresent()) {
      if (mustBeNew) {
        throw new BatonException.Conflict("schedule '" + scheduleId + "' already exists");
      }
      ScheduleView old = before.get();
      if (old.name().equals(name)
          && old.timeZone().equals(checked.zone().getId())
          && old.rotations().equals(normalized)) {
        return new Saved(old, false, false);
      }
      jdbc.sql(
              "update schedules set display_name = :name, time_zone = :zone, rotations ="
                  + " :rotations, version = version + 1, updated_at = :now where tenant_id ="
                  + " :tenant and id = :id")
          .param("name", name)
          .param("zone", checked.zone().getId())
          .param("rotations", rotations)
          .param("now", RosterRows.ts(now))
          .param("tenant", tenantId)
          .param("id", scheduleId)
          .update();
    } else {
      jdbc.sql(
              "insert into schedules (tenant_id, id, display_name, time_zone, rotations, version,"
                  + " created_at, updated_at) values (:tenant, :id, :name, :zone, :rotations, 1,"
                  + " :now, :now)")
          .param("tenant", tenantId)
          .param("id", scheduleId)
          .param("name", name)
          .param("zone", checked.zone().getId())
          .param("rotations", rotations)
          .param("now", RosterRows.ts(now))
          .update();
    }
    ScheduleView after = get(tenantId, scheduleId);
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "schedule",
            scheduleId,
            before.isPresent() ? "schedule.updated" : "schedule.created",
            null,
            before.orElse(null),
            after));
    return new Saved(after, before.isEmpty(), true);
  }

  @Transactional
  public void delete(String tenantId, String id, Actor actor, String source) {
    ScheduleView before = get(tenantId, id);
    jdbc.sql("delete from schedules where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    audit.append(
        tenantId,
        new AuditRecord(actor, source, "schedule", id, "schedule.deleted", null, before, null));
  }

  @Transactional
  public ScheduleView.OverrideView addOverride(
      String tenantId, String scheduleId, OverrideRequest request, Actor actor, String source) {
    get(tenantId, scheduleId);
    Validation v = new Validation().require(request.person(), "person");
    v.require(request.from(), "from").require(request.to(), "to");
    v.maxLength(request.reason(), "reason", 500);
    v.when(
        request.person() != null && !people.exists(tenantId, request.person()),
        "person",
        "person '" + request.person() + "' does not exist");
    v.when(
        request.from() != null && request.to() != null && !request.to().isAfter(request.from()),
        "to",
        "must be after 'from'");
    v.check();
    UUID id = Ids.newId(clock);
    Instant from = Objects.requireNonNull(request.from()).truncatedTo(ChronoUnit.MICROS);
    Instant to = Objects.requireNonNull(request.to()).truncatedTo(ChronoUnit.MICROS);
    jdbc.sql(
            "insert into schedule_overrides (tenant_id, id, schedule_id, person_id, starts_at,"
                + " ends_at, reason, created_at) values (:tenant, :id, :schedule, :person, :from,"
                + " :to, :reason, :now)")
        .param("tenant", tenantId)
        .param("id", id)
        .param("schedule", scheduleId)
        .param("person", request.person())
        .param("from", RosterRows.ts(from))
        .param("to", RosterRows.ts(to))
        .param("reason", request.reason())
        .param("now", RosterRows.ts(Instant.now(clock)))
        .update();
    ScheduleView.OverrideView added =
        new ScheduleView.OverrideView(
            id, Objects.requireNonNull(request.person()), from, to, request.reason());
    audit.append(
        tenantId,
        new AuditRecord(
            actor, source, "schedule", scheduleId, "schedule.override-added", null, null, added));
    return added;
  }

  @Transactional
  public void removeOverride(
      String tenantId, String scheduleId, String overrideId, Actor actor, String source) {
    ScheduleView schedule = get(tenantId, scheduleId);
    ScheduleView.OverrideView before =
        schedule.overrides().stream()
            .filter(o -> o.id().toString().equals(overrideId))
            .findFirst()
            .orElseThrow(() -> new BatonException.NotFound("override", overrideId));
    jdbc.sql("delete from schedule_overrides where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", before.id())
        .update();
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "schedule",
            scheduleId,
            "schedule.override-removed",
            null,
            before,
            null));
  }

  /** The shift in progress at {@code at}, if anyone is on call. */
  public Optional<Shift> onCallAt(String tenantId, String scheduleId, Instant at) {
    Schedule schedule = calculable(tenantId, get(tenantId, scheduleId));
    return onCall.at(
        schedule, at, timeOff(tenantId, at.minus(TIME_OFF_WINDOW), at.plus(TIME_OFF_WINDOW)));
  }

  /** The id of the person on call at {@code at}, if anyone is. */
  public Optional<String> personOnCall(String tenantId, String scheduleId, Instant at) {
    return onCallAt(tenantId, scheduleId, at).map(Shift::person);
  }

  /** The shift in progress at {@code from} and the ones after it, {@code count} in all. */
  public List<Shift> nextShifts(String tenantId, String scheduleId, Instant from, int count) {
    Schedule schedule = calculable(tenantId, get(tenantId, scheduleId));
    return onCall.next(
        schedule,
        from,
        count,
        timeOff(tenantId, from.minus(TIME_OFF_WINDOW), from.plus(TIME_OFF_WINDOW.multipliedBy(3))));
  }

  /** The shifts in {@code [from, to)}, sorted, clipped to the range. */
  public List<ShiftView> shifts(String tenantId, String scheduleId, Instant from, Instant to) {
    return between(tenantId, calculable(tenantId, get(tenantId, scheduleId)), from, to).stream()
        .map(Schedules::view)
        .toList();
  }

  /**
   * Per person, how long they were on call at night (22:00 to 07:00 in their own time zone) in
   * {@code [from, to)}, over every schedule, as the schedules stand now; time on call for two
   * schedules at once counts once.
   */
  public Map<String, Duration> nightOnCall(String tenantId, Instant from, Instant to) {
    Map<String, List<Shift>> byPerson = new HashMap<>();
    for (ScheduleView view : all(tenantId)) {
      for (Shift shift : between(tenantId, calculable(tenantId, view), from, to)) {
        byPerson.computeIfAbsent(shift.person(), p -> new ArrayList<>()).add(shift);
      }
    }
    Map<String, Duration> night = new TreeMap<>();
    byPerson.forEach(
        (person, shifts) -> {
          ZoneId zone =
              people.find(tenantId, person).map(p -> zone(p.timeZone())).orElse(ZoneOffset.UTC);
          night.put(person, NightHours.of(shifts, zone, from, to));
        });
    return night;
  }

  private List<Shift> between(String tenantId, Schedule schedule, Instant from, Instant to) {
    return onCall.between(
        schedule,
        from,
        to,
        timeOff(tenantId, from.minus(TIME_OFF_WINDOW), to.plus(TIME_OFF_WINDOW)));
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  private static ShiftView view(Shift s) {
    return new ShiftView(s.person(), s.start(), s.end(), s.layer(), s.reason());
  }

  private List<dev.baton.roster.schedule.TimeOff> timeOff(
      String tenantId, Instant from, Instant to) {
    return timeOffs.overlapping(tenantId, from, to).stream()
        .map(t -> new dev.baton.roster.schedule.TimeOff(t.person(), t.from(), t.to()))
        .toList();
  }

  private Schedule calculable(String tenantId, ScheduleView view) {
    Validation v = new Validation();
    List<Rotation> rotations = new ArrayList<>();
    for (int i = 0; i < view.rotations().size(); i++) {
      Rotation r = view.rotations().get(i).toRotation("rotations[" + i + "]", v);
      if (r != null) {
        rotations.add(r);
      }
    }
    v.check();
    List<ScheduleOverride> overrides =
        view.overrides().stream()
            .map(o -> new ScheduleOverride(o.person(), o.from(), o.to(), o.reason()))
            .toList();
    return new Schedule(view.id(), ZoneId.of(view.timeZone()), rotations, overrides);
  }

  private Schedule validate(String tenantId, @Nullable String id, Request request) {
    Validation v = new Validation();
    v.require(id, "id").slug(id, "id");
    v.maxLength(request.name(), "name", 200);
    v.require(request.timeZone(), "timeZone");
    ZoneId zone = null;
    if (request.timeZone() != null) {
      try {
        zone = ZoneId.of(request.timeZone());
      } catch (DateTimeException e) {
        v.add("timeZone", "'" + request.timeZone() + "' is not a time zone id like Europe/Berlin");
      }
    }
    List<RotationSpec> specs = request.rotations() == null ? List.of() : request.rotations();
    v.when(specs.isEmpty(), "rotations", "at least one rotation");
    v.when(specs.size() > 20, "rotations", "at most 20 rotations");
    List<Rotation> rotations = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      RotationSpec spec = specs.get(i);
      String at = "rotations[" + i + "]";
      if (spec == null) {
        v.add(at, "must not be null");
        continue;
      }
      Rotation rotation = spec.toRotation(at, v);
      if (rotation != null) {
        rotations.add(rotation);
      }
      if (spec.participants() != null) {
        for (String person : spec.participants()) {
          v.when(
              person == null || !people.exists(tenantId, person),
              at + ".participants",
              "person '" + person + "' does not exist");
        }
      }
    }
    v.check();
    return new Schedule(Objects.requireNonNull(id), Objects.requireNonNull(zone), rotations);
  }

  private ScheduleView view(String tenantId, ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    List<ScheduleView.OverrideView> overrides =
        jdbc.sql(
                "select * from schedule_overrides where tenant_id = :tenant and schedule_id = :id"
                    + " order by starts_at, id")
            .param("tenant", tenantId)
            .param("id", id)
            .query(
                (o, n) ->
                    new ScheduleView.OverrideView(
                        o.getObject("id", UUID.class),
                        o.getString("person_id"),
                        RosterRows.instant(o, "starts_at"),
                        RosterRows.instant(o, "ends_at"),
                        o.getString("reason")))
            .list();
    return new ScheduleView(
        id,
        rs.getString("display_name"),
        rs.getString("time_zone"),
        Objects.requireNonNull(json.readValue(rs.getString("rotations"), ROTATIONS)),
        overrides,
        rs.getInt("version"),
        RosterRows.instant(rs, "created_at"),
        RosterRows.instant(rs, "updated_at"));
  }
}
