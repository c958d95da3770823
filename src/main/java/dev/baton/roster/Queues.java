package dev.baton.roster;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Page;
import dev.baton.platform.Validation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tenant's queues, each owned by a team; each change audited. */
@Service
public class Queues {

  private final JdbcClient jdbc;
  private final Teams teams;
  private final AuditLog audit;
  private final ObjectProvider<RosterReferences> references;
  private final Clock clock;

  Queues(
      JdbcClient jdbc,
      Teams teams,
      AuditLog audit,
      ObjectProvider<RosterReferences> references,
      Clock clock) {
    this.jdbc = jdbc;
    this.teams = teams;
    this.audit = audit;
    this.references = references;
    this.clock = clock;
  }

  /** A queue as a caller writes it. */
  public record Request(@Nullable String id, @Nullable String name, @Nullable String team) {}

  /** The outcome of a create-or-replace. */
  public record Saved(Queue queue, boolean created, boolean changed) {}

  public Optional<Queue> find(String tenantId, String id) {
    return jdbc.sql("select * from queues where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query(RosterRows::queue)
        .optional();
  }

  public Queue get(String tenantId, String id) {
    return find(tenantId, id).orElseThrow(() -> new BatonException.NotFound("queue", id));
  }

  /** Every queue of the tenant, by id (for routing snapshots). */
  public List<Queue> all(String tenantId) {
    return jdbc.sql("select * from queues where tenant_id = :tenant order by id")
        .param("tenant", tenantId)
        .query(RosterRows::queue)
        .list();
  }

  /** The ids of the queues a team owns. */
  public List<String> idsOfTeam(String tenantId, String teamId) {
    return jdbc.sql(
            "select id from queues where tenant_id = :tenant and team_id = :team order by id")
        .param("tenant", tenantId)
        .param("team", teamId)
        .query(String.class)
        .list();
  }

  public Page<Queue> list(String tenantId, @Nullable String cursor, int limit) {
    String after = Page.decode(cursor);
    List<Queue> rows =
        jdbc.sql(
                "select * from queues where tenant_id = :tenant and (:after::text is null or id >"
                    + " :after) order by id limit :limit")
            .param("tenant", tenantId)
            .param("after", after)
            .param("limit", limit + 1)
            .query(RosterRows::queue)
            .list();
    return Page.of(rows, limit, Queue::id);
  }

  @Transactional
  public Queue create(String tenantId, Request request, Actor actor, String source) {
    validate(tenantId, request, request.id());
    String id = Objects.requireNonNull(request.id());
    if (find(tenantId, id).isPresent()) {
      throw new BatonException.Conflict("queue '" + id + "' already exists");
    }
    return insert(tenantId, id, request, actor, source);
  }

  @Transactional
  public Saved put(String tenantId, String id, Request request, Actor actor, String source) {
    Validation.samePathId(request.id(), id);
    validate(tenantId, request, id);
    Optional<Queue> before =
        jdbc.sql("select * from queues where tenant_id = :tenant and id = :id for update")
            .param("tenant", tenantId)
            .param("id", id)
            .query(RosterRows::queue)
            .optional();
    if (before.isEmpty()) {
      return new Saved(insert(tenantId, id, request, actor, source), true, true);
    }
    if (before.get().name().equals(request.name()) && before.get().team().equals(request.team())) {
      return new Saved(before.get(), false, false);
    }
    jdbc.sql(
            "update queues set display_name = :name, team_id = :team, version = version + 1,"
                + " updated_at = :now where tenant_id = :tenant and id = :id")
        .param("name", request.name())
        .param("team", request.team())
        .param("now", RosterRows.ts(Instant.now(clock)))
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    Queue after = get(tenantId, id);
    audit.append(
        tenantId,
        new AuditRecord(actor, source, "queue", id, "queue.updated", null, before.get(), after));
    return new Saved(after, false, true);
  }

  @Transactional
  public void delete(String tenantId, String id, Actor actor, String source) {
    Queue before = get(tenantId, id);
    long open = RosterReferences.count(references, tenantId, "queue", id);
    if (open > 0) {
      throw new BatonException.Conflict(
          "queue '" + id + "' holds " + open + " open assignment(s); move them first",
          Map.of("openAssignments", open));
    }
    jdbc.sql("delete from queues where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    audit.append(
        tenantId, new AuditRecord(actor, source, "queue", id, "queue.deleted", null, before, null));
  }

  private Queue insert(String tenantId, String id, Request request, Actor actor, String source) {
    Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    jdbc.sql(
            "insert into queues (tenant_id, id, display_name, team_id, version, created_at,"
                + " updated_at) values (:tenant, :id, :name, :team, 1, :now, :now)")
        .param("tenant", tenantId)
        .param("id", id)
        .param("name", request.name())
        .param("team", request.team())
        .param("now", RosterRows.ts(now))
        .update();
    Queue queue = get(tenantId, id);
    audit.append(
        tenantId, new AuditRecord(actor, source, "queue", id, "queue.created", null, null, queue));
    return queue;
  }

  private void validate(String tenantId, Request request, @Nullable String id) {
    Validation v = new Validation();
    v.require(id, "id").slug(id, "id");
    v.require(request.name(), "name").maxLength(request.name(), "name", 200);
    v.require(request.team(), "team");
    v.when(
        request.team() != null && teams.find(tenantId, request.team()).isEmpty(),
        "team",
        "team '" + request.team() + "' does not exist");
    v.check();
  }
}
