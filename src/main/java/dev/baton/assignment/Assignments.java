package dev.baton.assignment;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.delivery.Outbox;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.roster.People;
import dev.baton.roster.Queues;
import dev.baton.roster.RosterReferences;
import dev.baton.roster.Teams;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs commands on assignments: each is checked against the transition table, the caller's right to
 * act and the expected version, then the new state, its audit entry and its event are written in
 * one transaction.
 */
@Service
public class Assignments implements RosterReferences {

  /** Actions that give the work to another owner. */
  private static final java.util.Set<AssignmentAction> MOVES =
      java.util.EnumSet.of(
          AssignmentAction.ASSIGN, AssignmentAction.REASSIGN, AssignmentAction.ESCALATE);

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Outbox outbox;
  private final People people;
  private final Queues queues;
  private final Teams teams;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  Assignments(
      JdbcClient jdbc,
      AuditLog audit,
      Outbox outbox,
      People people,
      Queues queues,
      Teams teams,
      Clock clock,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.outbox = outbox;
    this.people = people;
    this.queues = queues;
    this.teams = teams;
    this.clock = clock;
    this.events = events;
  }

  /** Opens the UNASSIGNED assignment of a new work item and emits {@code assignment.requested}. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Assignment open(String tenantId, AssignmentSubject subject, Actor actor, String source) {
    Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    jdbc.sql(
            """
            insert into assignments (tenant_id, work_item_id, state, version, updated_at)
            values (:tenant, :item, 'UNASSIGNED', 1, :now)
            """)
        .param("tenant", tenantId)
        .param("item", subject.id())
        .param("now", Timestamp.from(now))
        .update();
    Assignment created = new Assignment(subject.id(), AssignmentState.UNASSIGNED, null, 1, now);
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "work-item",
            subject.id().toString(),
            "assignment.requested",
            null,
            null,
            view(created)));
    outbox.publish(
        tenantId,
        "assignment.requested",
        subject.id().toString(),
        eventData(subject, created, null, null, actor, null, null));
    return created;
  }

  public Optional<Assignment> find(String tenantId, UUID workItemId) {
    return jdbc.sql("select * from assignments where tenant_id = :tenant and work_item_id = :item")
        .param("tenant", tenantId)
        .param("item", workItemId)
        .query(Assignments::row)
        .optional();
  }

  /**
   * How many open assignments each owner holds in each state (unowned ones have a null owner).
   *
   * @param ownerType {@code PERSON} or {@code QUEUE}, null when unowned
   */
  public record OpenCount(
      String state, @Nullable String ownerType, @Nullable String ownerId, long count) {}

  /** The tenant's open work counted by state and owner (index-only, no item rows read). */
  public java.util.List<OpenCount> openCounts(String tenantId) {
    return jdbc.sql(
            "select state, owner_type, owner_id, count(*) as count from assignments"
                + " where tenant_id = :tenant and state <> 'CLOSED'"
                + " group by state, owner_type, owner_id")
        .param("tenant", tenantId)
        .query(
            (rs, n) ->
                new OpenCount(
                    rs.getString("state"),
                    rs.getString("owner_type"),
                    rs.getString("owner_id"),
                    rs.getLong("count")))
        .list();
  }

  /** The assignments of several items, by item id. */
  public Map<UUID, Assignment> findAll(String tenantId, java.util.Collection<UUID> workItemIds) {
    if (workItemIds.isEmpty()) {
      return Map.of();
    }
    Map<UUID, Assignment> found = new java.util.HashMap<>();
    jdbc.sql("select * from assignments where tenant_id = :tenant and work_item_id = any(:items)")
        .param("tenant", tenantId)
        .param("items", workItemIds.toArray(UUID[]::new))
        .query(Assignments::row)
        .list()
        .forEach(a -> found.put(a.workItemId(), a));
    return found;
  }

  /**
   * Locks the assignment and checks that {@code action} may run now: the version the caller expects
   * and the transition table. For actions another component completes ({@code route}).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Assignment checkAllowed(
      String tenantId, UUID workItemId, AssignmentAction action, @Nullable Integer expected) {
    Assignment current =
        jdbc.sql(
                "select * from assignments where tenant_id = :tenant and work_item_id = :item"
                    + " for update")
            .param("tenant", tenantId)
            .param("item", workItemId)
            .query(Assignments::row)
            .optional()
            .orElseThrow(() -> new BatonException.NotFound("work-item", workItemId));
    if (expected != null && expected != current.version()) {
      throw new AssignmentProblems.StaleVersion(expected, current.version());
    }
    if (!Transitions.allowed(current.state(), action)) {
      throw new AssignmentProblems.TransitionNotAllowed(action, current.state());
    }
    return current;
  }

  /**
   * As {@link #checkAllowed(String, UUID, AssignmentAction, Integer)}, and checks that {@code
   * actor} may take the action before its target is known ({@code reassign} by policy, see {@link
   * Router#reassign}).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Assignment checkAllowed(
      String tenantId,
      UUID workItemId,
      AssignmentAction action,
      @Nullable Integer expected,
      Actor actor) {
    Assignment current = checkAllowed(tenantId, workItemId, action, expected);
    new CheckCommand(tenantId, people, queues, teams)
        .mayAct(current, action, null, actor.personId(), false);
    return current;
  }

  /**
   * Locks the assignment and makes every check {@link #apply} makes of a command (version,
   * transition, target, reason, who may act), changing nothing; throws what apply would.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Assignment check(String tenantId, UUID workItemId, AssignmentCommand command) {
    Assignment current =
        checkAllowed(tenantId, workItemId, command.action(), command.expectedVersion());
    new CheckCommand(tenantId, people, queues, teams).check(current, command);
    return current;
  }

  /** Applies one command; the work item is known to exist in the tenant. */
  @Transactional
  public Assignment apply(String tenantId, AssignmentSubject subject, AssignmentCommand command) {
    Assignment current =
        jdbc.sql(
                "select * from assignments where tenant_id = :tenant and work_item_id = :item"
                    + " for update")
            .param("tenant", tenantId)
            .param("item", subject.id())
            .query(Assignments::row)
            .optional()
            .orElseThrow(() -> new BatonException.NotFound("work-item", subject.id()));
    AssignmentAction action = command.action();
    if (command.expectedVersion() != null && command.expectedVersion() != current.version()) {
      throw new AssignmentProblems.StaleVersion(command.expectedVersion(), current.version());
    }
    if (!Transitions.allowed(current.state(), action)) {
      throw new AssignmentProblems.TransitionNotAllowed(action, current.state());
    }
    if (MOVES.contains(action)
        && "system".equals(command.actor().type())
        && !command.overrideAllowed()) {
      Optional<String> overriddenBy = overriddenBy(tenantId, subject.id());
      if (overriddenBy.isPresent()) {
        throw new AssignmentProblems.OverrideInForce(action, overriddenBy.get());
      }
    }
    Owner target = new CheckCommand(tenantId, people, queues, teams).check(current, command);
    Transitions.Outcome outcome =
        Transitions.apply(current.state(), current.owner(), action, target);
    Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    Owner owner = outcome.owner();
    boolean overriding = action == AssignmentAction.OVERRIDE;
    // an override stands while its owner holds the work; a new owner or a close ends it
    boolean keepsOverride =
        !overriding
            && outcome.state() != AssignmentState.CLOSED
            && java.util.Objects.equals(owner, current.owner());
    jdbc.sql(
            """
            update assignments set state = :state, owner_type = :ownerType, owner_id = :ownerId,
              version = version + 1, updated_at = :now,
              overridden_by = case when :keep then overridden_by else :overriddenBy end,
              overridden_at = case when :keep then overridden_at else :overriddenAt end
            where tenant_id = :tenant and work_item_id = :item
            """)
        .param("state", outcome.state().name())
        .param("ownerType", owner == null ? null : owner.kind().name())
        .param("ownerId", owner == null ? null : owner.id())
        .param("now", Timestamp.from(now))
        .param("keep", keepsOverride)
        .param("overriddenBy", overriding ? command.actor().toString() : null)
        .param("overriddenAt", overriding ? Timestamp.from(now) : null)
        .param("tenant", tenantId)
        .param("item", subject.id())
        .update();
    Assignment after =
        new Assignment(subject.id(), outcome.state(), owner, current.version() + 1, now);
    String type = action.eventType(target == null ? null : target.kind());
    audit.append(
        tenantId,
        new AuditRecord(
            command.actor(),
            command.source(),
            "work-item",
            subject.id().toString(),
            type,
            command.reason(),
            view(current),
            view(after)));
    outbox.publish(
        tenantId,
        type,
        subject.id().toString(),
        eventData(
            subject,
            after,
            current,
            action,
            command.actor(),
            command.reason(),
            command.decision()));
    events.publishEvent(
        new AssignmentChanged(
            tenantId,
            subject,
            current,
            after,
            action,
            command.actor(),
            command.reason(),
            command.decision()));
    return after;
  }

  /**
   * Who overrode the current ownership ({@code jira:5b10… via integration:…}, {@code person:alice
   * via token:…}), while that override stands: until the owner changes or the work is closed. While
   * it stands, automatic commands (system actors) that would move the work are refused with {@code
   * OverrideInForce}; a command with {@code overrideAllowed} (a reclaim rule) may.
   */
  public Optional<String> overriddenBy(String tenantId, UUID workItemId) {
    return jdbc.sql(
            "select overridden_by from assignments where tenant_id = :tenant and work_item_id ="
                + " :item and overridden_by is not null")
        .param("tenant", tenantId)
        .param("item", workItemId)
        .query(String.class)
        .optional();
  }

  @Override
  public long openAssignments(String tenantId, String ownerType, String ownerId) {
    return jdbc.sql(
            "select count(*) from assignments where tenant_id = :tenant and owner_type = :type"
                + " and owner_id = :id and state <> 'CLOSED'")
        .param("tenant", tenantId)
        .param("type", ownerType.toUpperCase(java.util.Locale.ROOT))
        .param("id", ownerId)
        .query(Long.class)
        .single();
  }

  /** The assignment as shown in audit entries and answers. */
  public static Map<String, Object> view(Assignment a) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("state", a.state().name());
    view.put("owner", a.owner() == null ? null : a.owner().toString());
    view.put("version", a.version());
    return view;
  }

  private static Map<String, Object> eventData(
      AssignmentSubject subject,
      Assignment after,
      @Nullable Assignment before,
      @Nullable AssignmentAction action,
      Actor actor,
      @Nullable String reason,
      @Nullable Map<String, Object> decision) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", subject.id().toString());
    item.put("title", subject.title());
    item.put("type", subject.type());
    item.put("priority", subject.priority());
    item.put("source", subject.sourceSystem());
    item.put("externalKey", subject.externalKey());
    item.put("url", subject.url());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("workItem", item);
    data.put("assignment", view(after));
    data.put("previous", before == null ? null : view(before));
    data.put("action", action == null ? null : action.wireName());
    data.put("actor", actor.toString());
    data.put("reason", reason);
    if (decision != null) {
      data.put("decision", decision);
    }
    return data;
  }

  static Assignment row(ResultSet rs, int n) throws SQLException {
    String ownerType = rs.getString("owner_type");
    Owner owner =
        ownerType == null
            ? null
            : new Owner(Owner.Kind.valueOf(ownerType), rs.getString("owner_id"));
    return new Assignment(
        rs.getObject("work_item_id", UUID.class),
        AssignmentState.valueOf(rs.getString("state")),
        owner,
        rs.getInt("version"),
        rs.getTimestamp("updated_at").toInstant());
  }
}
