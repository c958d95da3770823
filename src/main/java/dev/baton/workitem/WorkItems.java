package dev.baton.workitem;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.AssignmentSubject;
import dev.baton.assignment.Assignments;
import dev.baton.assignment.Router;
import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.delivery.Outbox;
import dev.baton.delivery.WorkItemOrigins;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Ids;
import dev.baton.platform.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Creates and reads the tenant's work items; creation opens the item's assignment. */
@Service
public class WorkItems implements WorkItemOrigins {

  private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {};

  /** A work item's status mirrors its source: open or closed. */
  public static final String OPEN = "open";

  public static final String CLOSED = "closed";

  private static final List<String> STATUSES = List.of(OPEN, CLOSED);

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Assignments assignments;
  private final Router router;
  private final Outbox outbox;
  private final JsonMapper json;
  private final Clock clock;

  WorkItems(
      JdbcClient jdbc,
      AuditLog audit,
      Assignments assignments,
      Router router,
      Outbox outbox,
      JsonMapper json,
      Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.assignments = assignments;
    this.router = router;
    this.outbox = outbox;
    this.json = json;
    this.clock = clock;
  }

  /** A work item with its assignment, as the API answers it. */
  public record WithAssignment(WorkItem item, Assignment assignment) {}

  /**
   * Creates an item and its UNASSIGNED assignment in the caller's transaction. {@code prefix} names
   * the entry in error messages of a bulk request.
   */
  @Transactional
  public WithAssignment create(
      String tenantId, NewWorkItem request, String prefix, Actor actor, String source) {
    return create(tenantId, request, prefix, actor, source, true);
  }

  /** As {@link #create}, routing the item only when {@code route} is true. */
  @Transactional
  public WithAssignment create(
      String tenantId,
      NewWorkItem request,
      String prefix,
      Actor actor,
      String source,
      boolean route) {
    return insert(tenantId, request, prefix, null, null, actor, source, route);
  }

  /**
   * Creates an item that mirrors an item of an integration's source system. Uniqueness of the
   * source item is the caller's to keep (see {@code source_items}): one source item may give
   * several work items, e.g. one per failed run of a CI workflow.
   *
   * @param sourceVersion the source version the item was created from
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public WithAssignment createFromSource(
      String tenantId,
      NewWorkItem request,
      UUID integrationId,
      long sourceVersion,
      Actor actor,
      String source,
      boolean route) {
    return insert(
        tenantId,
        request,
        "",
        integrationId.toString(),
        Long.toString(sourceVersion),
        actor,
        source,
        route);
  }

  private WithAssignment insert(
      String tenantId,
      NewWorkItem request,
      String prefix,
      @Nullable String integrationId,
      @Nullable String sourceVersion,
      Actor actor,
      String source,
      boolean route) {
    String attributes =
        json.writeValueAsString(request.attributes() == null ? Map.of() : request.attributes());
    request.validate(prefix, attributes.length());
    UUID id = Ids.newId(clock);
    Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    NewWorkItem.SourceRef ref = request.source();
    try {
      jdbc.sql(
              """
              insert into work_items (tenant_id, id, source_system, integration_id, external_id,
                external_key, url, type, title, priority, severity, labels, skills, component,
                customer_id, customer_tier, reporter, attributes, status, source_version,
                created_at, updated_at)
              values (:tenant, :id, :system, :integration, :externalId, :externalKey, :url, :type,
                :title, :priority, :severity, :labels, :skills, :component, :customerId,
                :customerTier, :reporter, :attributes, 'open', :sourceVersion, :now, :now)
              """)
          .param("tenant", tenantId)
          .param("id", id)
          .param("system", request.system())
          .param("integration", integrationId)
          .param("externalId", ref == null ? null : ref.externalId())
          .param("externalKey", ref == null ? null : ref.externalKey())
          .param("url", ref == null ? null : ref.url())
          .param("type", request.type())
          .param("title", request.title())
          .param("priority", request.priority())
          .param("severity", request.severity())
          .param("labels", array(request.labels()))
          .param("skills", array(request.skills()))
          .param("component", request.component())
          .param("customerId", request.customer() == null ? null : request.customer().id())
          .param("customerTier", request.customer() == null ? null : request.customer().tier())
          .param("reporter", request.reporter())
          .param("attributes", attributes)
          .param("sourceVersion", sourceVersion)
          .param("now", Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException e) {
      String existing = bySource(tenantId, request.system(), ref).map(UUID::toString).orElse("?");
      throw new BatonException.Conflict(
          "a work item from "
              + request.system()
              + " with externalId '"
              + (ref == null ? null : ref.externalId())
              + "' already exists: "
              + existing,
          Map.of("existingId", existing));
    }
    WorkItem item = get(tenantId, id);
    audit.append(
        tenantId,
        new AuditRecord(
            actor, source, "work-item", id.toString(), "work-item.created", null, null, item));
    Assignment opened = assignments.open(tenantId, subject(item), actor, source);
    Assignment assignment =
        route
            ? router.route(tenantId, subject(item), facts(item), Set.of(), "created").orElse(opened)
            : opened;
    return new WithAssignment(item, assignment);
  }

  private static String[] array(@Nullable List<String> values) {
    return (values == null ? List.<String>of() : values).toArray(String[]::new);
  }

  /** What {@link #update} did: the item after, and the names of the fields that changed. */
  public record Updated(WorkItem item, List<String> changed) {}

  /**
   * Sets an item's fields (all those of {@link NewWorkItem} but {@code source.system} and {@code
   * source.externalId}, which never change) and its status ({@code open} or {@code closed}), in the
   * caller's transaction. Only a real change is written; it is audited as {@code work-item.updated}
   * with the changed fields before and after, and published as an event of the same name naming
   * them. The assignment is left as it is and the item is not routed again.
   *
   * @param sourceVersion the source version the change comes from, if any
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Updated update(
      String tenantId,
      UUID id,
      NewWorkItem fields,
      String status,
      @Nullable Long sourceVersion,
      Actor actor,
      String source) {
    String attributes =
        json.writeValueAsString(fields.attributes() == null ? Map.of() : fields.attributes());
    fields.validate("", attributes.length());
    new Validation()
        .when(!STATUSES.contains(status), "status", "must be one of " + STATUSES)
        .check();
    WorkItem current =
        jdbc.sql("select * from work_items where tenant_id = :tenant and id = :id for update")
            .param("tenant", tenantId)
            .param("id", id)
            .query(this::row)
            .optional()
            .orElseThrow(() -> new BatonException.NotFound("work-item", id));
    ItemChanges changes =
        ItemChanges.between(current, fields, status, json.readValue(attributes, ATTRIBUTES));
    if (changes.none()) {
      return new Updated(current, List.of());
    }
    NewWorkItem.SourceRef ref = fields.source();
    jdbc.sql(
            """
            update work_items set external_key = :externalKey, url = :url, type = :type,
              title = :title, priority = :priority, severity = :severity, labels = :labels,
              skills = :skills, component = :component, customer_id = :customerId,
              customer_tier = :customerTier, reporter = :reporter, attributes = :attributes,
              status = :status, source_version = coalesce(:sourceVersion, source_version),
              updated_at = :now
            where tenant_id = :tenant and id = :id
            """)
        .param("externalKey", ref == null ? null : ref.externalKey())
        .param("url", ref == null ? null : ref.url())
        .param("type", fields.type())
        .param("title", fields.title())
        .param("priority", fields.priority())
        .param("severity", fields.severity())
        .param("labels", array(fields.labels()))
        .param("skills", array(fields.skills()))
        .param("component", fields.component())
        .param("customerId", fields.customer() == null ? null : fields.customer().id())
        .param("customerTier", fields.customer() == null ? null : fields.customer().tier())
        .param("reporter", fields.reporter())
        .param("attributes", attributes)
        .param("status", status)
        .param("sourceVersion", sourceVersion == null ? null : sourceVersion.toString())
        .param("now", Timestamp.from(Instant.now(clock).truncatedTo(ChronoUnit.MICROS)))
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    WorkItem updated = get(tenantId, id);
    List<String> changed = changes.fields();
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "work-item",
            id.toString(),
            "work-item.updated",
            null,
            changes.before(),
            changes.after()));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("workItem", summary(updated));
    data.put("changed", changed);
    data.put("actor", actor.toString());
    outbox.publish(tenantId, "work-item.updated", id.toString(), data);
    return new Updated(updated, changed);
  }

  /** The few fields an event about an item carries (least data). */
  private static Map<String, @Nullable Object> summary(WorkItem item) {
    Map<String, @Nullable Object> summary = new LinkedHashMap<>();
    summary.put("id", item.id().toString());
    summary.put("title", item.title());
    summary.put("type", item.type());
    summary.put("priority", item.priority());
    summary.put("status", item.status());
    summary.put("source", item.source().system());
    summary.put("externalKey", item.source().externalKey());
    summary.put("url", item.source().url());
    return summary;
  }

  public Optional<WorkItem> find(String tenantId, UUID id) {
    return jdbc.sql("select * from work_items where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query(this::row)
        .optional();
  }

  @Override
  public Optional<Origin> origin(String tenantId, UUID workItemId) {
    return find(tenantId, workItemId)
        .map(
            item ->
                new Origin(
                    item.source().system(),
                    item.source().integrationId() == null
                        ? null
                        : UUID.fromString(item.source().integrationId()),
                    item.source().externalKey()));
  }

  public WorkItem get(String tenantId, UUID id) {
    return find(tenantId, id).orElseThrow(() -> new BatonException.NotFound("work-item", id));
  }

  /**
   * Items whose source key (a Jira key such as {@code PROJ-123}, a GitHub {@code owner/repo#12}) is
   * {@code key}, ignoring case, newest first, at most {@code limit}: the same key can come from two
   * sources.
   */
  public List<WorkItem> findByKey(String tenantId, String key, int limit) {
    return jdbc.sql(
            "select * from work_items where tenant_id = :tenant and lower(external_key) ="
                + " lower(:key) order by id desc limit :limit")
        .param("tenant", tenantId)
        .param("key", key)
        .param("limit", limit)
        .query(this::row)
        .list();
  }

  /** The item and its assignment, or 404 for an id that is not the tenant's or not an id. */
  public WithAssignment getWithAssignment(String tenantId, String id) {
    UUID uuid = parseId(id);
    WorkItem item = get(tenantId, uuid);
    Assignment assignment =
        assignments
            .find(tenantId, uuid)
            .orElseThrow(() -> new IllegalStateException("work item " + id + " has no assignment"));
    return new WithAssignment(item, assignment);
  }

  public static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BatonException.NotFound("work-item", id);
    }
  }

  /** The fields an assignment's events carry. */
  public static AssignmentSubject subject(WorkItem item) {
    return new AssignmentSubject(
        item.id(),
        item.title(),
        item.type(),
        item.priority(),
        item.source().system(),
        item.source().externalKey(),
        item.source().url());
  }

  /** Items created in [from, to), newest first, at most {@code limit}. */
  public List<WorkItem> createdBetween(String tenantId, Instant from, Instant to, int limit) {
    return jdbc.sql(
            "select * from work_items where tenant_id = :tenant and created_at >= :from and"
                + " created_at < :to order by id desc limit :limit")
        .param("tenant", tenantId)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .param("limit", limit)
        .query(this::row)
        .list();
  }

  /** The fields routing conditions and scores see as {@code item}. */
  public static Map<String, Object> facts(WorkItem item) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("id", item.id().toString());
    facts.put("type", item.type());
    facts.put("title", item.title());
    facts.put("priority", item.priority());
    facts.put("severity", item.severity());
    facts.put("labels", item.labels());
    facts.put("component", item.component());
    if (item.customer() != null) {
      Map<String, Object> customer = new LinkedHashMap<>();
      customer.put("id", item.customer().id());
      customer.put("tier", item.customer().tier());
      facts.put("customer", customer);
    }
    facts.put("reporter", item.reporter());
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("system", item.source().system());
    source.put("integrationId", item.source().integrationId());
    source.put("externalId", item.source().externalId());
    source.put("externalKey", item.source().externalKey());
    source.put("url", item.source().url());
    facts.put("source", source);
    facts.put("attributes", item.attributes());
    facts.put("skills", item.skills());
    return facts;
  }

  private Optional<UUID> bySource(
      String tenantId, String system, NewWorkItem.@Nullable SourceRef ref) {
    if (ref == null || ref.externalId() == null) {
      return Optional.empty();
    }
    return jdbc.sql(
            "select id from work_items where tenant_id = :tenant and source_system = :system and"
                + " integration_id is null and external_id = :externalId")
        .param("tenant", tenantId)
        .param("system", system)
        .param("externalId", ref.externalId())
        .query(UUID.class)
        .optional();
  }

  WorkItem row(ResultSet rs, int n) throws SQLException {
    String customerId = rs.getString("customer_id");
    String customerTier = rs.getString("customer_tier");
    return new WorkItem(
        rs.getObject("id", UUID.class),
        rs.getString("type"),
        rs.getString("title"),
        rs.getString("priority"),
        rs.getString("severity"),
        Arrays.asList((String[]) rs.getArray("labels").getArray()),
        Arrays.asList((String[]) rs.getArray("skills").getArray()),
        rs.getString("component"),
        customerId == null && customerTier == null
            ? null
            : new WorkItem.Customer(customerId, customerTier),
        rs.getString("reporter"),
        new WorkItem.Source(
            rs.getString("source_system"),
            rs.getString("integration_id"),
            rs.getString("external_id"),
            rs.getString("external_key"),
            rs.getString("url")),
        rs.getString("status"),
        Objects.requireNonNull(json.readValue(rs.getString("attributes"), ATTRIBUTES)),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
