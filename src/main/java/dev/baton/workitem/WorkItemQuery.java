package dev.baton.workitem;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentState;
import dev.baton.assignment.Assignments;
import dev.baton.assignment.Owner;
import dev.baton.platform.BatonException;
import dev.baton.platform.Page;
import dev.baton.roster.Queues;
import dev.baton.roster.Team;
import dev.baton.roster.Teams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lists work items newest first with filters and cursor pagination. Filters on the assignment
 * (state, owner, team) are answered in the same query by joining the assignments table read-only;
 * the assignments themselves are then loaded through {@link Assignments}.
 */
@Component
public class WorkItemQuery {

  private final JdbcClient jdbc;
  private final WorkItems items;
  private final Assignments assignments;
  private final Teams teams;
  private final Queues queues;

  WorkItemQuery(
      JdbcClient jdbc, WorkItems items, Assignments assignments, Teams teams, Queues queues) {
    this.jdbc = jdbc;
    this.items = items;
    this.assignments = assignments;
    this.teams = teams;
    this.queues = queues;
  }

  /** One page of the tenant's items matching {@code filter}, newest first. */
  public Page<WorkItems.WithAssignment> list(
      String tenantId, WorkItemFilter filter, @Nullable String cursor, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "select w.* from work_items w join assignments a on a.tenant_id = w.tenant_id and"
                + " a.work_item_id = w.id where w.tenant_id = :tenant");
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("tenant", tenantId);
    if (filter.state() != null) {
      List<String> states = new ArrayList<>();
      for (String s : filter.state().split(",")) {
        try {
          states.add(AssignmentState.valueOf(s.trim().toUpperCase(Locale.ROOT)).name());
        } catch (IllegalArgumentException e) {
          throw new BatonException.InvalidInput(
              "state", "'" + s + "' is not a state; one of " + List.of(AssignmentState.values()));
        }
      }
      sql.append(" and a.state = any(:states)");
      params.put("states", states.toArray(String[]::new));
    }
    if (filter.owner() != null) {
      Owner owner = Owner.parse("owner", filter.owner());
      sql.append(" and a.owner_type = :ownerType and a.owner_id = :ownerId");
      params.put("ownerType", owner.kind().name());
      params.put("ownerId", owner.id());
    }
    if (filter.team() != null) {
      Optional<Team> team = teams.find(tenantId, filter.team());
      List<String> members = team.map(Team::members).orElse(List.of());
      List<String> teamQueues =
          team.isPresent() ? queues.idsOfTeam(tenantId, filter.team()) : List.of();
      sql.append(
          " and ((a.owner_type = 'PERSON' and a.owner_id = any(:members))"
              + " or (a.owner_type = 'QUEUE' and a.owner_id = any(:queues)))");
      params.put("members", members.toArray(String[]::new));
      params.put("queues", teamQueues.toArray(String[]::new));
    }
    equal(sql, params, "priority", "w.priority", filter.priority());
    equal(sql, params, "type", "w.type", filter.type());
    equal(sql, params, "source", "w.source_system", filter.source());
    if (filter.text() != null && !filter.text().isBlank()) {
      sql.append(" and (w.title ilike :text or w.external_key ilike :text)");
      params.put("text", "%" + escapeLike(filter.text().trim()) + "%");
    }
    String after = Page.decode(cursor);
    if (after != null) {
      try {
        params.put("after", UUID.fromString(after));
      } catch (IllegalArgumentException e) {
        throw new BatonException.BadRequest("parameter 'cursor' is not a cursor Baton issued");
      }
      sql.append(" and w.id < :after");
    }
    sql.append(" order by w.id desc limit :limit");
    params.put("limit", limit + 1);
    List<WorkItem> rows = jdbc.sql(sql.toString()).params(params).query(items::row).list();
    Map<UUID, Assignment> byItem =
        assignments.findAll(tenantId, rows.stream().map(WorkItem::id).toList());
    List<WorkItems.WithAssignment> withAssignments =
        rows.stream()
            .map(
                w ->
                    new WorkItems.WithAssignment(
                        w, java.util.Objects.requireNonNull(byItem.get(w.id()))))
            .toList();
    return Page.of(withAssignments, limit, w -> w.item().id().toString());
  }

  private static void equal(
      StringBuilder sql,
      Map<String, Object> params,
      String name,
      String column,
      @Nullable String value) {
    if (value != null) {
      sql.append(" and ").append(column).append(" = :").append(name);
      params.put(name, value);
    }
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
