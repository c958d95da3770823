package dev.baton.roster;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Page;
import dev.baton.platform.Validation;
import dev.baton.tenant.KnownPeople;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** The tenant's people: create, replace, read, list and delete, each change audited. */
@Service
public class People implements KnownPeople {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final ObjectProvider<RosterReferences> references;
  private final Clock clock;

  People(
      JdbcClient jdbc, AuditLog audit, ObjectProvider<RosterReferences> references, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.references = references;
    this.clock = clock;
  }

  /** A person as a caller writes it. */
  public record Request(
      @Nullable String id,
      @Nullable String name,
      @Nullable String email,
      @Nullable String timeZone,
      Person.@Nullable Identities identities,
      @Nullable Boolean active,
      @Nullable JsonNode skills,
      Person.@Nullable Capacity capacity,
      Person.@Nullable WorkingHours workingHours) {

    /** A person with just an id and a name. */
    public static Request named(String id, String name) {
      return new Request(id, name, null, null, null, null, null, null, null);
    }
  }

  /** The outcome of a create-or-replace. */
  public record Saved(Person person, boolean created, boolean changed) {}

  @Override
  public boolean exists(String tenantId, String personId) {
    return find(tenantId, personId).isPresent();
  }

  public Optional<Person> find(String tenantId, String id) {
    return jdbc.sql("select * from people where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query(RosterRows::person)
        .optional();
  }

  /** The person whose Slack identity (user id, e.g. {@code U0ALICE01}) is {@code slackUserId}. */
  public Optional<Person> findBySlackUserId(String tenantId, String slackUserId) {
    return jdbc.sql("select * from people where tenant_id = :tenant and slack_user_id = :slack")
        .param("tenant", tenantId)
        .param("slack", slackUserId)
        .query(RosterRows::person)
        .optional();
  }

  public Person get(String tenantId, String id) {
    return find(tenantId, id).orElseThrow(() -> new BatonException.NotFound("person", id));
  }

  /** The tools whose identities a person may have, as {@link #findByIdentity} names them. */
  public enum IdentitySystem {
    SLACK("slack_user_id = :value"),
    JIRA("jira_account_id = :value"),
    GITHUB("lower(github_login) = lower(:value)"),
    GITLAB("lower(gitlab_login) = lower(:value)");

    private final String condition;

    IdentitySystem(String condition) {
      this.condition = condition;
    }
  }

  /**
   * The person who has this identity in that tool (GitHub and GitLab logins ignore case), or empty:
   * an identity nobody holds is never matched to anyone by guess.
   */
  public Optional<Person> findByIdentity(String tenantId, IdentitySystem system, String value) {
    return jdbc.sql("select * from people where tenant_id = :tenant and " + system.condition)
        .param("tenant", tenantId)
        .param("value", value)
        .query(RosterRows::person)
        .optional();
  }

  /** Every person of the tenant, by id (for routing snapshots). */
  public List<Person> all(String tenantId) {
    return jdbc.sql("select * from people where tenant_id = :tenant order by id")
        .param("tenant", tenantId)
        .query(RosterRows::person)
        .list();
  }

  public Page<Person> list(String tenantId, @Nullable String cursor, int limit) {
    String after = Page.decode(cursor);
    List<Person> rows =
        jdbc.sql(
                "select * from people where tenant_id = :tenant and (:after::text is null or id >"
                    + " :after) order by id limit :limit")
            .param("tenant", tenantId)
            .param("after", after)
            .param("limit", limit + 1)
            .query(RosterRows::person)
            .list();
    return Page.of(rows, limit, Person::id);
  }

  @Transactional
  public Person create(String tenantId, Request request, Actor actor, String source) {
    Map<String, Integer> skills = validate(request, request.id());
    String id = Objects.requireNonNull(request.id());
    if (exists(tenantId, id)) {
      throw new BatonException.Conflict("person '" + id + "' already exists");
    }
    return insert(tenantId, id, request, skills, actor, source);
  }

  /** Creates the person or replaces every field of an existing one. */
  @Transactional
  public Saved put(String tenantId, String id, Request request, Actor actor, String source) {
    Validation.samePathId(request.id(), id);
    Map<String, Integer> skills = validate(request, id);
    Optional<Person> before =
        jdbc.sql("select * from people where tenant_id = :tenant and id = :id for update")
            .param("tenant", tenantId)
            .param("id", id)
            .query(RosterRows::person)
            .optional();
    if (before.isEmpty()) {
      return new Saved(insert(tenantId, id, request, skills, actor, source), true, true);
    }
    if (unchanged(before.get(), request, skills)) {
      return new Saved(before.get(), false, false);
    }
    Person.Identities ids = identities(request);
    try {
      jdbc.sql(
              """
              update people set display_name = :name, email = :email, time_zone = :zone,
                slack_user_id = :slack, jira_account_id = :jira, github_login = :github,
                gitlab_login = :gitlab, active = :active, skills = :skills, capacity = :capacity,
                working_hours = :hours, version = version + 1, updated_at = :now
              where tenant_id = :tenant and id = :id
              """)
          .param("name", request.name())
          .param("email", request.email())
          .param("zone", zone(request))
          .param("slack", ids.slack())
          .param("jira", ids.jira())
          .param("github", ids.github())
          .param("gitlab", ids.gitlab())
          .param("active", request.active() == null || request.active())
          .param("skills", PersonDetails.write(skills))
          .param("capacity", PersonDetails.write(request.capacity()))
          .param("hours", PersonDetails.write(request.workingHours()))
          .param("now", RosterRows.ts(Instant.now(clock).truncatedTo(ChronoUnit.MICROS)))
          .param("tenant", tenantId)
          .param("id", id)
          .update();
    } catch (DuplicateKeyException e) {
      throw RosterRows.duplicate(e, "person", id);
    }
    Person after = get(tenantId, id);
    audit.append(
        tenantId,
        new AuditRecord(actor, source, "person", id, "person.updated", null, before.get(), after));
    return new Saved(after, false, true);
  }

  @Transactional
  public void delete(String tenantId, String id, Actor actor, String source) {
    Person before = get(tenantId, id);
    long open = RosterReferences.count(references, tenantId, "person", id);
    if (open > 0) {
      throw new BatonException.Conflict(
          "person '" + id + "' owns " + open + " open assignment(s); reassign them first",
          java.util.Map.of("openAssignments", open));
    }
    recordLostMemberships(tenantId, id, actor, source);
    jdbc.sql("delete from people where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    audit.append(
        tenantId,
        new AuditRecord(actor, source, "person", id, "person.deleted", null, before, null));
  }

  /** Deleting a person removes them from teams; each team's trail says so. */
  private void recordLostMemberships(String tenantId, String id, Actor actor, String source) {
    record Role(String teamId, String role) {}
    List<Role> roles =
        jdbc.sql(
                "select team_id, 'member' as role from team_members where tenant_id = :tenant and"
                    + " person_id = :person union all select team_id, 'lead' from team_leads"
                    + " where tenant_id = :tenant and person_id = :person order by 1, 2")
            .param("tenant", tenantId)
            .param("person", id)
            .query(Role.class)
            .list();
    for (Role role : roles) {
      audit.append(
          tenantId,
          new AuditRecord(
              actor,
              source,
              "team",
              role.teamId(),
              "team." + role.role() + "-removed",
              "person '" + id + "' was deleted",
              Map.of("person", id),
              null));
    }
  }

  private Person insert(
      String tenantId,
      String id,
      Request request,
      Map<String, Integer> skills,
      Actor actor,
      String source) {
    Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    Person.Identities ids = identities(request);
    try {
      jdbc.sql(
              """
              insert into people (tenant_id, id, display_name, email, time_zone, slack_user_id,
                jira_account_id, github_login, gitlab_login, active, skills, capacity, working_hours,
                version, created_at, updated_at)
              values (:tenant, :id, :name, :email, :zone, :slack, :jira, :github, :gitlab, :active,
                :skills, :capacity, :hours, 1, :now, :now)
              """)
          .param("tenant", tenantId)
          .param("id", id)
          .param("name", request.name())
          .param("email", request.email())
          .param("zone", zone(request))
          .param("slack", ids.slack())
          .param("jira", ids.jira())
          .param("github", ids.github())
          .param("gitlab", ids.gitlab())
          .param("active", request.active() == null || request.active())
          .param("skills", PersonDetails.write(skills))
          .param("capacity", PersonDetails.write(request.capacity()))
          .param("hours", PersonDetails.write(request.workingHours()))
          .param("now", RosterRows.ts(now))
          .update();
    } catch (DuplicateKeyException e) {
      throw RosterRows.duplicate(e, "person", id);
    }
    Person person = get(tenantId, id);
    audit.append(
        tenantId,
        new AuditRecord(actor, source, "person", id, "person.created", null, null, person));
    return person;
  }

  private static Map<String, Integer> validate(Request request, @Nullable String id) {
    Validation v = new Validation();
    v.require(id, "id").slug(id, "id");
    v.require(request.name(), "name").maxLength(request.name(), "name", 200);
    v.maxLength(request.email(), "email", 320);
    v.when(
        request.email() != null && !EMAIL.matcher(request.email()).matches(),
        "email",
        "is not an email address");
    if (request.timeZone() != null) {
      try {
        ZoneId.of(request.timeZone());
      } catch (DateTimeException e) {
        v.add("timeZone", "'" + request.timeZone() + "' is not a time zone id like Europe/Berlin");
      }
    }
    Person.Identities ids = identities(request);
    v.maxLength(ids.slack(), "identities.slack", 100);
    v.maxLength(ids.jira(), "identities.jira", 128);
    v.maxLength(ids.github(), "identities.github", 100);
    v.maxLength(ids.gitlab(), "identities.gitlab", 100);
    Map<String, Integer> skills = PersonDetails.skills(request.skills(), v);
    PersonDetails.capacity(request.capacity(), v);
    PersonDetails.workingHours(request.workingHours(), v);
    v.check();
    return skills;
  }

  /** Whether writing {@code request} would leave {@code person} as it is. */
  private static boolean unchanged(Person person, Request request, Map<String, Integer> skills) {
    return person.name().equals(request.name())
        && Objects.equals(person.email(), request.email())
        && person.timeZone().equals(zone(request))
        && person.identities().equals(identities(request))
        && person.active() == (request.active() == null || request.active())
        && person.skills().equals(skills)
        && Objects.equals(person.capacity(), request.capacity())
        && Objects.equals(person.workingHours(), request.workingHours());
  }

  private static Person.Identities identities(Request request) {
    return request.identities() == null ? Person.Identities.NONE : request.identities();
  }

  private static String zone(Request request) {
    return request.timeZone() == null ? "UTC" : ZoneId.of(request.timeZone()).getId();
  }
}
