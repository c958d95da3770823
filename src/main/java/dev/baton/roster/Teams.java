package dev.baton.roster;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Page;
import dev.baton.platform.Validation;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tenant's teams and their members, each change audited. */
@Service
public class Teams {

  private final JdbcClient jdbc;
  private final People people;
  private final AuditLog audit;
  private final Clock clock;

  Teams(JdbcClient jdbc, People people, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.people = people;
    this.audit = audit;
    this.clock = clock;
  }

  /** A team as a caller writes it. */
  public record Request(
      @Nullable String id,
      @Nullable String name,
      @Nullable List<String> members,
      @Nullable List<String> leads,
      @Nullable String mode) {

    /** A request that leaves the rollout mode {@code on}. */
    public Request(
        @Nullable String id,
        @Nullable String name,
        @Nullable List<String> members,
        @Nullable List<String> leads) {
      this(id, name, members, leads, null);
    }

    String effectiveMode() {
      return mode == null ? "on" : mode;
    }
  }

  /** Members and leads of a team as checked. */
  private record Membership(List<String> members, List<String> leads) {}

  public Optional<Team> find(String tenantId, String id) {
    return jdbc.sql(
            "select id, display_name, mode, version, created_at, updated_at from teams"
                + " where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query(
            (rs, n) ->
                new Team(
                    rs.getString("id"),
                    rs.getString("display_name"),
                    names("team_members", tenantId, id),
                    names("team_leads", tenantId, id),
                    rs.getString("mode"),
                    rs.getInt("version"),
                    RosterRows.instant(rs, "created_at"),
                    RosterRows.instant(rs, "updated_at")))
        .optional();
  }

  public Team get(String tenantId, String id) {
    return find(tenantId, id).orElseThrow(() -> new BatonException.NotFound("team", id));
  }

  public boolean isMember(String tenantId, String teamId, String personId) {
    return jdbc.sql(
            "select exists (select 1 from team_members where tenant_id = :tenant and team_id ="
                + " :team and person_id = :person)")
        .param("tenant", tenantId)
        .param("team", teamId)
        .param("person", personId)
        .query(Boolean.class)
        .single();
  }

  /**
   * Every team of the tenant, by id (for routing snapshots): three queries whatever the number of
   * teams, since routing reads this for every decision.
   */
  public List<Team> all(String tenantId) {
    Map<String, List<String>> members = namesByTeam("team_members", tenantId);
    Map<String, List<String>> leads = namesByTeam("team_leads", tenantId);
    return jdbc.sql(
            "select id, display_name, mode, version, created_at, updated_at from teams"
                + " where tenant_id = :tenant order by id")
        .param("tenant", tenantId)
        .query(
            (rs, n) -> {
              String id = rs.getString("id");
              return new Team(
                  id,
                  rs.getString("display_name"),
                  members.getOrDefault(id, List.of()),
                  leads.getOrDefault(id, List.of()),
                  rs.getString("mode"),
                  rs.getInt("version"),
                  RosterRows.instant(rs, "created_at"),
                  RosterRows.instant(rs, "updated_at"));
            })
        .list();
  }

  public Page<Team> list(String tenantId, @Nullable String cursor, int limit) {
    String after = Page.decode(cursor);
    List<String> ids =
        jdbc.sql(
                "select id from teams where tenant_id = :tenant and (:after::text is null or id >"
                    + " :after) order by id limit :limit")
            .param("tenant", tenantId)
            .param("after", after)
            .param("limit", limit + 1)
            .query(String.class)
            .list();
    List<Team> rows = ids.stream().map(id -> get(tenantId, id)).toList();
    return Page.of(rows, limit, Team::id);
  }

  @Transactional
  public Team create(String tenantId, Request request, Actor actor, String source) {
    Membership members = validate(tenantId, request, request.id());
    String id = Objects.requireNonNull(request.id());
    if (find(tenantId, id).isPresent()) {
      throw new BatonException.Conflict("team '" + id + "' already exists");
    }
    return insert(tenantId, id, request, members, actor, source);
  }

  /** Creates the team or replaces its name and members. */
  @Transactional
  public Saved put(String tenantId, String id, Request request, Actor actor, String source) {
    Validation.samePathId(request.id(), id);
    Membership members = validate(tenantId, request, id);
    Optional<Team> before = lock(tenantId, id);
    if (before.isEmpty()) {
      return new Saved(insert(tenantId, id, request, members, actor, source), true, true);
    }
    Team existing = before.get();
    if (existing.name().equals(request.name())
        && existing.mode().equals(request.effectiveMode())
        && new java.util.HashSet<>(existing.members())
            .equals(new java.util.HashSet<>(members.members()))
        && new java.util.HashSet<>(existing.leads())
            .equals(new java.util.HashSet<>(members.leads()))) {
      return new Saved(existing, false, false);
    }
    jdbc.sql(
            "update teams set display_name = :name, mode = :mode, version = version + 1,"
                + " updated_at = :now where tenant_id = :tenant and id = :id")
        .param("name", request.name())
        .param("mode", request.effectiveMode())
        .param("now", RosterRows.ts(Instant.now(clock)))
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    replaceMembers(tenantId, id, members);
    Team after = get(tenantId, id);
    audit.append(
        tenantId,
        new AuditRecord(actor, source, "team", id, "team.updated", null, before.get(), after));
    return new Saved(after, false, true);
  }

  /** The outcome of a create-or-replace. */
  public record Saved(Team team, boolean created, boolean changed) {}

  @Transactional
  public Team addMember(
      String tenantId, String teamId, @Nullable String personId, Actor actor, String source) {
    new Validation().require(personId, "person").check();
    Team before =
        lock(tenantId, teamId).orElseThrow(() -> new BatonException.NotFound("team", teamId));
    String person = Objects.requireNonNull(personId);
    if (!people.exists(tenantId, person)) {
      throw new BatonException.InvalidInput("person", "person '" + person + "' does not exist");
    }
    jdbc.sql(
            "insert into team_members (tenant_id, team_id, person_id) values (:tenant, :team,"
                + " :person) on conflict do nothing")
        .param("tenant", tenantId)
        .param("team", teamId)
        .param("person", person)
        .update();
    return touched(tenantId, teamId, before, "team.member-added", actor, source);
  }

  @Transactional
  public Team removeMember(
      String tenantId, String teamId, String personId, Actor actor, String source) {
    Team before =
        lock(tenantId, teamId).orElseThrow(() -> new BatonException.NotFound("team", teamId));
    int removed =
        jdbc.sql(
                "delete from team_members where tenant_id = :tenant and team_id = :team and"
                    + " person_id = :person")
            .param("tenant", tenantId)
            .param("team", teamId)
            .param("person", personId)
            .update();
    if (removed == 0) {
      throw new BatonException.NotFound("member of team " + teamId, personId);
    }
    return touched(tenantId, teamId, before, "team.member-removed", actor, source);
  }

  @Transactional
  public void delete(String tenantId, String id, Actor actor, String source) {
    Team before = lock(tenantId, id).orElseThrow(() -> new BatonException.NotFound("team", id));
    List<String> queues =
        jdbc.sql("select id from queues where tenant_id = :tenant and team_id = :team order by id")
            .param("tenant", tenantId)
            .param("team", id)
            .query(String.class)
            .list();
    if (!queues.isEmpty()) {
      throw new BatonException.Conflict(
          "team '" + id + "' owns queues " + queues + "; delete or move them first",
          Map.of("queues", queues));
    }
    jdbc.sql("delete from teams where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    audit.append(
        tenantId, new AuditRecord(actor, source, "team", id, "team.deleted", null, before, null));
  }

  private Team touched(
      String tenantId, String teamId, Team before, String action, Actor actor, String source) {
    jdbc.sql(
            "update teams set version = version + 1, updated_at = :now where tenant_id = :tenant"
                + " and id = :id")
        .param("now", RosterRows.ts(Instant.now(clock)))
        .param("tenant", tenantId)
        .param("id", teamId)
        .update();
    Team after = get(tenantId, teamId);
    audit.append(
        tenantId, new AuditRecord(actor, source, "team", teamId, action, null, before, after));
    return after;
  }

  private Optional<Team> lock(String tenantId, String id) {
    boolean found =
        jdbc.sql("select id from teams where tenant_id = :tenant and id = :id for update")
            .param("tenant", tenantId)
            .param("id", id)
            .query(String.class)
            .optional()
            .isPresent();
    return found ? find(tenantId, id) : Optional.empty();
  }

  private Team insert(
      String tenantId, String id, Request request, Membership members, Actor actor, String source) {
    Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    jdbc.sql(
            "insert into teams (tenant_id, id, display_name, mode, version, created_at,"
                + " updated_at) values (:tenant, :id, :name, :mode, 1, :now, :now)")
        .param("tenant", tenantId)
        .param("id", id)
        .param("name", request.name())
        .param("mode", request.effectiveMode())
        .param("now", RosterRows.ts(now))
        .update();
    replaceMembers(tenantId, id, members);
    Team team = get(tenantId, id);
    audit.append(
        tenantId, new AuditRecord(actor, source, "team", id, "team.created", null, null, team));
    return team;
  }

  private void replaceMembers(String tenantId, String teamId, Membership membership) {
    replace("team_members", tenantId, teamId, membership.members());
    replace("team_leads", tenantId, teamId, membership.leads());
  }

  /** Replaces the rows of {@code table} (team_members or team_leads) of one team. */
  private void replace(String table, String tenantId, String teamId, List<String> persons) {
    jdbc.sql("delete from " + table + " where tenant_id = :tenant and team_id = :team")
        .param("tenant", tenantId)
        .param("team", teamId)
        .update();
    for (String person : persons) {
      jdbc.sql(
              "insert into "
                  + table
                  + " (tenant_id, team_id, person_id) values (:tenant, :team, :person)")
          .param("tenant", tenantId)
          .param("team", teamId)
          .param("person", person)
          .update();
    }
  }

  /** The person ids in {@code table} (team_members or team_leads) of one team. */
  private List<String> names(String table, String tenantId, String teamId) {
    return jdbc.sql(
            "select person_id from "
                + table
                + " where tenant_id = :tenant and team_id = :team order by person_id")
        .param("tenant", tenantId)
        .param("team", teamId)
        .query(String.class)
        .list();
  }

  /** The people in {@code table} (members or leads) of each team, by person id. */
  private Map<String, List<String>> namesByTeam(String table, String tenantId) {
    Map<String, List<String>> names = new java.util.HashMap<>();
    jdbc.sql(
            "select team_id, person_id from "
                + table
                + " where tenant_id = :tenant order by team_id, person_id")
        .param("tenant", tenantId)
        .query(
            (rs, n) ->
                names
                    .computeIfAbsent(rs.getString("team_id"), k -> new java.util.ArrayList<>())
                    .add(rs.getString("person_id")))
        .list();
    return names;
  }

  /** The rollout mode of each team whose mode is not {@code on}. */
  public Map<String, String> notOn(String tenantId) {
    Map<String, String> modes = new java.util.HashMap<>();
    jdbc.sql("select id, mode from teams where tenant_id = :tenant and mode <> 'on'")
        .param("tenant", tenantId)
        .query((rs, n) -> Map.entry(rs.getString("id"), rs.getString("mode")))
        .list()
        .forEach(e -> modes.put(e.getKey(), e.getValue()));
    return modes;
  }

  /** Whether the person leads the team. */
  public boolean isLead(String tenantId, String teamId, String personId) {
    return names("team_leads", tenantId, teamId).contains(personId);
  }

  /** The teams a person is a member of. */
  public List<String> teamsOf(String tenantId, String personId) {
    return jdbc.sql(
            "select team_id from team_members where tenant_id = :tenant and person_id = :person"
                + " order by team_id")
        .param("tenant", tenantId)
        .param("person", personId)
        .query(String.class)
        .list();
  }

  private Membership validate(String tenantId, Request request, @Nullable String id) {
    Validation v = new Validation();
    v.require(id, "id").slug(id, "id");
    v.require(request.name(), "name").maxLength(request.name(), "name", 200);
    v.when(
        request.mode() != null && !Team.MODES.contains(request.mode()),
        "mode",
        "must be one of " + Team.MODES);
    List<String> members = distinct(request.members());
    List<String> leads = distinct(request.leads());
    v.when(members.size() > 1000, "members", "at most 1000 members");
    v.when(leads.size() > 100, "leads", "at most 100 leads");
    for (String person : members) {
      v.when(!people.exists(tenantId, person), "members", "person '" + person + "' does not exist");
    }
    for (String person : leads) {
      v.when(!people.exists(tenantId, person), "leads", "person '" + person + "' does not exist");
    }
    v.check();
    return new Membership(members, leads);
  }

  private static List<String> distinct(@Nullable List<String> persons) {
    return persons == null ? List.of() : List.copyOf(new LinkedHashSet<>(persons));
  }
}
