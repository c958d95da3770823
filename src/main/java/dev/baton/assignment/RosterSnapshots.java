package dev.baton.assignment;

import dev.baton.policy.ActivePolicy;
import dev.baton.policy.ItemFacts;
import dev.baton.policy.PolicyDocument;
import dev.baton.policy.Strategy;
import dev.baton.roster.People;
import dev.baton.roster.Person;
import dev.baton.roster.Queues;
import dev.baton.roster.Schedules;
import dev.baton.roster.Teams;
import dev.baton.roster.TimeOffs;
import dev.baton.routing.RosterSnapshot;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what the routing engine needs at a decision instant: people with their details, time off
 * and open load, teams, queues, who is on call on the schedules the policies name, round-robin
 * cursors and the owners of related items. Load and related items are read by joining work items
 * read-only; everything else comes through the roster's API.
 */
@Component
class RosterSnapshots {

  private static final List<DayOfWeek> DAYS = List.of(DayOfWeek.values());
  private static final List<String> DAY_NAMES =
      List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

  private final JdbcClient jdbc;
  private final People people;
  private final Teams teams;
  private final Queues queues;
  private final Schedules schedules;
  private final TimeOffs timeOffs;

  RosterSnapshots(
      JdbcClient jdbc,
      People people,
      Teams teams,
      Queues queues,
      Schedules schedules,
      TimeOffs timeOffs) {
    this.jdbc = jdbc;
    this.people = people;
    this.teams = teams;
    this.queues = queues;
    this.schedules = schedules;
    this.timeOffs = timeOffs;
  }

  RosterSnapshot at(String tenantId, Instant at, List<ActivePolicy> policies, ItemFacts item) {
    Map<String, Map<String, Integer>> load = openLoad(tenantId);
    Map<String, Instant> lastAssigned = lastAssigned(tenantId);
    Map<String, List<RosterSnapshot.TimeOff>> away = new HashMap<>();
    timeOffs
        .overlapping(tenantId, at.minus(Duration.ofDays(1)), at.plus(Duration.ofDays(1)))
        .forEach(
            t ->
                away.computeIfAbsent(t.person(), k -> new ArrayList<>())
                    .add(new RosterSnapshot.TimeOff(t.from(), t.to())));
    Map<String, RosterSnapshot.Person> snapshotPeople = new HashMap<>();
    for (Person p : people.all(tenantId)) {
      snapshotPeople.put(
          p.id(),
          new RosterSnapshot.Person(
              p.id(),
              p.active(),
              p.timeZone(),
              p.skills(),
              capacity(p.capacity()),
              hours(p.workingHours()),
              away.getOrDefault(p.id(), List.of()),
              load.getOrDefault(p.id(), Map.of()),
              lastAssigned.get(p.id())));
    }
    Map<String, RosterSnapshot.Team> snapshotTeams = new HashMap<>();
    teams
        .all(tenantId)
        .forEach(
            t ->
                snapshotTeams.put(t.id(), new RosterSnapshot.Team(t.id(), t.members(), t.leads())));
    Map<String, RosterSnapshot.Queue> snapshotQueues = new HashMap<>();
    queues
        .all(tenantId)
        .forEach(q -> snapshotQueues.put(q.id(), new RosterSnapshot.Queue(q.id(), q.team())));
    Map<String, Optional<String>> onCall = new HashMap<>();
    for (String schedule : referenced(policies, PolicyDocument.Assign::schedule)) {
      onCall.put(
          schedule,
          schedules.find(tenantId, schedule).isEmpty()
              ? Optional.empty()
              : schedules.personOnCall(tenantId, schedule, at));
    }
    return new RosterSnapshot(
        snapshotPeople,
        snapshotTeams,
        snapshotQueues,
        onCall,
        cursors(tenantId),
        stickyOwners(tenantId, policies, item));
  }

  private static RosterSnapshot.Capacity capacity(
      Person.@org.jspecify.annotations.Nullable Capacity c) {
    if (c == null) {
      return RosterSnapshot.Capacity.UNLIMITED;
    }
    return new RosterSnapshot.Capacity(
        c.maxOpen(), c.perPriority() == null ? Map.of() : c.perPriority());
  }

  private static RosterSnapshot.@org.jspecify.annotations.Nullable WorkingHours hours(
      Person.@org.jspecify.annotations.Nullable WorkingHours h) {
    if (h == null) {
      return null;
    }
    Set<DayOfWeek> days =
        h.days().stream().map(d -> DAYS.get(DAY_NAMES.indexOf(d))).collect(Collectors.toSet());
    return new RosterSnapshot.WorkingHours(
        days, LocalTime.parse(h.from()), LocalTime.parse(h.to()));
  }

  /** Open assignments held by each person, by the item's priority. */
  private Map<String, Map<String, Integer>> openLoad(String tenantId) {
    Map<String, Map<String, Integer>> load = new HashMap<>();
    jdbc.sql(
            "select a.owner_id, w.priority, count(*) as n from assignments a join work_items w on"
                + " w.tenant_id = a.tenant_id and w.id = a.work_item_id where a.tenant_id ="
                + " :tenant and a.owner_type = 'PERSON' and a.state <> 'CLOSED' group by"
                + " a.owner_id, w.priority")
        .param("tenant", tenantId)
        .query(
            (rs, n) ->
                load.computeIfAbsent(rs.getString("owner_id"), k -> new HashMap<>())
                    .put(rs.getString("priority"), rs.getInt("n")))
        .list();
    return load;
  }

  /** When routing last gave each person work. */
  private Map<String, Instant> lastAssigned(String tenantId) {
    Map<String, Instant> last = new HashMap<>();
    jdbc.sql(
            "select substr(owner, 8) as person, max(created_at) as at from routing_decisions"
                + " where tenant_id = :tenant and applied and owner like 'person:%' group by owner")
        .param("tenant", tenantId)
        .query((rs, n) -> last.put(rs.getString("person"), rs.getTimestamp("at").toInstant()))
        .list();
    return last;
  }

  private Map<String, String> cursors(String tenantId) {
    Map<String, String> cursors = new HashMap<>();
    jdbc.sql("select pool, last_assigned from round_robin_cursors where tenant_id = :tenant")
        .param("tenant", tenantId)
        .query((rs, n) -> cursors.put(rs.getString("pool"), rs.getString("last_assigned")))
        .list();
    return cursors;
  }

  /** The person holding each related item the sticky rules point at. */
  private Map<String, String> stickyOwners(
      String tenantId, List<ActivePolicy> policies, ItemFacts item) {
    Map<String, String> owners = new HashMap<>();
    for (ActivePolicy policy : policies) {
      for (PolicyDocument.Rule rule : policy.compiled().document().spec().rules()) {
        PolicyDocument.Assign assign = rule.assign();
        if (assign == null || assign.effectiveStrategy() != Strategy.STICKY) {
          continue;
        }
        String field =
            assign.relatedItem() == null ? "attributes.relatedItem" : assign.relatedItem();
        item.text(field)
            .ifPresent(
                key ->
                    jdbc.sql(
                            "select a.owner_id from work_items w join assignments a on a.tenant_id"
                                + " = w.tenant_id and a.work_item_id = w.id where w.tenant_id ="
                                + " :tenant and a.owner_type = 'PERSON' and (w.id::text = :key or"
                                + " w.external_key = :key or w.external_id = :key) order by"
                                + " w.created_at desc limit 1")
                        .param("tenant", tenantId)
                        .param("key", key)
                        .query(String.class)
                        .optional()
                        .ifPresent(owner -> owners.put(key, owner)));
      }
    }
    return owners;
  }

  private static Set<String> referenced(
      List<ActivePolicy> policies,
      java.util.function.Function<PolicyDocument.Assign, @org.jspecify.annotations.Nullable String>
          field) {
    Set<String> names = new LinkedHashSet<>();
    for (ActivePolicy policy : policies) {
      for (PolicyDocument.Rule rule : policy.compiled().document().spec().rules()) {
        if (rule.assign() != null) {
          String name = field.apply(rule.assign());
          if (name != null) {
            names.add(name);
          }
        }
      }
    }
    return names;
  }

  static Timestamp ts(Instant at) {
    return Timestamp.from(at);
  }
}
