package dev.baton.escalation;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import dev.baton.policy.EscalationPolicyNames;
import dev.baton.policy.Policies;
import dev.baton.roster.People;
import dev.baton.roster.Schedules;
import dev.baton.roster.Teams;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant's escalation policies, replaced whole (the version counts replacements) and audited.
 * The people, schedules and teams a policy names must exist when it is saved.
 */
@Service
public class EscalationPolicies implements EscalationPolicyNames {

  static final int MAX_STEPS = 20;
  static final int MAX_TARGETS = 10;
  static final int MAX_REPEAT = 10;
  static final Duration MAX_DELAY = Duration.ofDays(30);
  static final int MAX_ACKNOWLEDGERS = 20;

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final AuditLog audit;
  private final People people;
  private final Schedules schedules;
  private final Teams teams;
  private final ObjectProvider<Policies> policies;
  private final Clock clock;

  EscalationPolicies(
      JdbcClient jdbc,
      JsonMapper json,
      AuditLog audit,
      People people,
      Schedules schedules,
      Teams teams,
      ObjectProvider<Policies> policies,
      Clock clock) {
    this.policies = policies;
    this.jdbc = jdbc;
    this.json = json;
    this.audit = audit;
    this.people = people;
    this.schedules = schedules;
    this.teams = teams;
    this.clock = clock;
  }

  /** A policy as written: the body of {@code PUT} and the {@code spec} of the config kind. */
  public record Request(
      @Nullable String description, @Nullable List<StepRequest> steps, @Nullable Integer repeat) {}

  /**
   * One step as written: {@code after} is an ISO 8601 duration such as {@code PT10M}; {@code
   * acknowledgers} (notify steps only, default 1) how many notified people must acknowledge.
   */
  public record StepRequest(
      @Nullable String after,
      @Nullable String action,
      @Nullable List<EscalationPolicy.Target> targets,
      @Nullable Integer acknowledgers) {}

  /** What a put did. */
  public record Saved(EscalationPolicy policy, boolean created, boolean changed) {}

  public Optional<EscalationPolicy> find(String tenantId, String name) {
    return jdbc.sql("select * from escalation_policies where tenant_id = :tenant and name = :name")
        .param("tenant", tenantId)
        .param("name", name)
        .query(this::row)
        .optional();
  }

  @Override
  public boolean exists(String tenantId, String name) {
    return jdbc.sql(
            "select exists (select 1 from escalation_policies where tenant_id = :tenant and name ="
                + " :name)")
        .param("tenant", tenantId)
        .param("name", name)
        .query(Boolean.class)
        .single();
  }

  public EscalationPolicy get(String tenantId, String name) {
    return find(tenantId, name)
        .orElseThrow(() -> new BatonException.NotFound("escalation-policy", name));
  }

  public List<EscalationPolicy> all(String tenantId) {
    return jdbc.sql("select * from escalation_policies where tenant_id = :tenant order by name")
        .param("tenant", tenantId)
        .query(this::row)
        .list();
  }

  /** Creates or replaces policy {@code name}; an identical replacement changes nothing. */
  @Transactional
  public Saved put(String tenantId, String name, Request request, Actor actor, String source) {
    Map<String, Object> spec = check(tenantId, name, request);
    String written = json.writeValueAsString(spec);
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    Optional<EscalationPolicy> before = find(tenantId, name);
    if (before.isPresent() && json.readTree(written).equals(json.valueToTree(spec(before.get())))) {
      return new Saved(before.get(), false, false);
    }
    jdbc.sql(
            """
            insert into escalation_policies (tenant_id, name, version, spec, created_at, updated_at)
            values (:tenant, :name, 1, cast(:spec as jsonb), :now, :now)
            on conflict (tenant_id, name) do update
              set version = escalation_policies.version + 1, spec = excluded.spec,
                  updated_at = excluded.updated_at
            """)
        .param("tenant", tenantId)
        .param("name", name)
        .param("spec", written)
        .param("now", Timestamp.from(now))
        .update();
    EscalationPolicy after = get(tenantId, name);
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "escalation-policy",
            name,
            before.isEmpty() ? "escalation-policy.created" : "escalation-policy.updated",
            null,
            before.map(EscalationPolicies::spec).orElse(null),
            spec(after)));
    return new Saved(after, before.isEmpty(), true);
  }

  @Transactional
  public void delete(String tenantId, String name, Actor actor, String source) {
    EscalationPolicy before = get(tenantId, name);
    List<String> naming = policies.getObject().namingEscalation(tenantId, name);
    if (!naming.isEmpty()) {
      throw new BatonException.Conflict(
          "escalation policy '"
              + name
              + "' is named by the active version of policy '"
              + naming.get(0)
              + "'; activate a version without it first",
          Map.of("policies", naming));
    }
    jdbc.sql("delete from escalation_policies where tenant_id = :tenant and name = :name")
        .param("tenant", tenantId)
        .param("name", name)
        .update();
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "escalation-policy",
            name,
            "escalation-policy.deleted",
            null,
            spec(before),
            null));
  }

  /** The policy as its {@code spec}: what {@link #put} accepts back unchanged. */
  public static Map<String, Object> spec(EscalationPolicy policy) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (policy.description() != null) {
      spec.put("description", policy.description());
    }
    List<Map<String, Object>> steps = new ArrayList<>();
    for (EscalationPolicy.Step step : policy.steps()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("after", step.after().toString());
      s.put("action", step.action().wireName());
      s.put("targets", step.targets().stream().map(EscalationPolicies::target).toList());
      if (step.acknowledgers() != 1) {
        s.put("acknowledgers", step.acknowledgers());
      }
      steps.add(s);
    }
    spec.put("steps", steps);
    spec.put("repeat", policy.repeat());
    return spec;
  }

  private static Map<String, Object> target(EscalationPolicy.Target t) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (t.person() != null) {
      out.put("person", t.person());
    } else if (t.schedule() != null) {
      out.put("schedule", t.schedule());
    } else if (t.teamLead() != null) {
      out.put("teamLead", t.teamLead());
    } else {
      out.put("nextCandidate", true);
    }
    return out;
  }

  /** Checks the request (every problem at once) and answers it as the stored spec. */
  private Map<String, Object> check(String tenantId, String name, Request request) {
    Validation v =
        new Validation().slug(name, "name").maxLength(request.description(), "description", 500);
    int repeat = Objects.requireNonNullElse(request.repeat(), 0);
    v.when(repeat < 0 || repeat > MAX_REPEAT, "repeat", "must be between 0 and " + MAX_REPEAT);
    List<StepRequest> steps = Objects.requireNonNullElse(request.steps(), List.of());
    v.when(
        steps.isEmpty() || steps.size() > MAX_STEPS,
        "steps",
        "needs between 1 and " + MAX_STEPS + " steps");
    List<EscalationPolicy.Step> checked = new ArrayList<>();
    for (int i = 0; i < steps.size() && i < MAX_STEPS; i++) {
      StepRequest step = steps.get(i);
      String at = "steps[" + i + "]";
      Duration after = delay(step.after(), at + ".after", v);
      EscalationPolicy.Action action = action(step.action(), at + ".action", v);
      List<EscalationPolicy.Target> targets = Objects.requireNonNullElse(step.targets(), List.of());
      v.when(
          targets.isEmpty() || targets.size() > MAX_TARGETS,
          at + ".targets",
          "needs between 1 and " + MAX_TARGETS + " targets");
      for (int t = 0; t < targets.size(); t++) {
        target(tenantId, targets.get(t), at + ".targets[" + t + "]", v);
      }
      int acknowledgers = acknowledgers(step, action, targets, at + ".acknowledgers", v);
      if (after != null && action != null) {
        checked.add(new EscalationPolicy.Step(after, action, targets, acknowledgers));
      }
    }
    v.check();
    Instant now = Instant.now(clock);
    return spec(new EscalationPolicy(name, request.description(), checked, repeat, 0, now, now));
  }

  /**
   * A notify step's {@code acknowledgers}: 1 to 20, and no more than its targets can reach when
   * that is known now (every target a person); a larger count for targets resolved when the step
   * runs is recorded then as unreachable.
   */
  private static int acknowledgers(
      StepRequest step,
      EscalationPolicy.@Nullable Action action,
      List<EscalationPolicy.Target> targets,
      String at,
      Validation v) {
    Integer written = step.acknowledgers();
    if (written == null) {
      return 1;
    }
    if (action == EscalationPolicy.Action.REASSIGN) {
      v.add(at, "applies only to notify steps");
      return 1;
    }
    if (written < 1 || written > MAX_ACKNOWLEDGERS) {
      v.add(at, "must be between 1 and " + MAX_ACKNOWLEDGERS);
      return 1;
    }
    if (!targets.isEmpty() && targets.stream().allMatch(t -> t.person() != null)) {
      long people = targets.stream().map(EscalationPolicy.Target::person).distinct().count();
      v.when(
          written > people,
          at,
          "is " + written + " but the step notifies only " + people + " people");
    }
    return written;
  }

  private static @Nullable Duration delay(@Nullable String written, String at, Validation v) {
    if (written == null) {
      v.add(at, "is required, e.g. PT10M");
      return null;
    }
    try {
      Duration after = Duration.parse(written);
      v.when(
          after.isNegative() || after.compareTo(MAX_DELAY) > 0,
          at,
          "must be between PT0S and P30D");
      return after;
    } catch (DateTimeParseException e) {
      v.add(at, "'" + written + "' is not an ISO 8601 duration such as PT10M");
      return null;
    }
  }

  private static EscalationPolicy.@Nullable Action action(
      @Nullable String written, String at, Validation v) {
    if (written == null) {
      v.add(at, "is required: notify or reassign");
      return null;
    }
    try {
      return EscalationPolicy.Action.valueOf(written.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      v.add(at, "must be notify or reassign, not '" + written + "'");
      return null;
    }
  }

  private void target(String tenantId, EscalationPolicy.Target t, String at, Validation v) {
    long named =
        Stream.of(t.person(), t.schedule(), t.teamLead(), t.nextCandidate())
            .filter(Objects::nonNull)
            .count();
    if (named != 1) {
      v.add(at, "must name exactly one of person, schedule, teamLead or nextCandidate");
      return;
    }
    if (t.person() != null) {
      v.when(
          !people.exists(tenantId, t.person()),
          at + ".person",
          "person '" + t.person() + "' does not exist");
    } else if (t.schedule() != null) {
      v.when(
          schedules.find(tenantId, t.schedule()).isEmpty(),
          at + ".schedule",
          "schedule '" + t.schedule() + "' does not exist");
    } else if (t.teamLead() != null) {
      v.when(
          teams.find(tenantId, t.teamLead()).isEmpty(),
          at + ".teamLead",
          "team '" + t.teamLead() + "' does not exist");
    } else {
      v.when(
          !Boolean.TRUE.equals(t.nextCandidate()),
          at + ".nextCandidate",
          "must be true when given");
    }
  }

  private EscalationPolicy row(ResultSet rs, int n) throws SQLException {
    Request spec = json.readValue(rs.getString("spec"), Request.class);
    List<EscalationPolicy.Step> steps =
        Objects.requireNonNullElse(spec.steps(), List.<StepRequest>of()).stream()
            .map(
                s ->
                    new EscalationPolicy.Step(
                        Duration.parse(Objects.requireNonNull(s.after())),
                        EscalationPolicy.Action.valueOf(
                            Objects.requireNonNull(s.action()).toUpperCase(Locale.ROOT)),
                        Objects.requireNonNullElse(s.targets(), List.of()),
                        Objects.requireNonNullElse(s.acknowledgers(), 1)))
            .toList();
    return new EscalationPolicy(
        rs.getString("name"),
        spec.description(),
        steps,
        Objects.requireNonNullElse(spec.repeat(), 0),
        rs.getInt("version"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
