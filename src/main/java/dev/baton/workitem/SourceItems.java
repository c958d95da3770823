package dev.baton.workitem;

import dev.baton.ingest.SourceEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code source_items} table: for each item of an integration's source, the work item that
 * mirrors it and the newest source version applied, which is what makes an older delivery stale.
 */
@Component
class SourceItems {

  /** The status of a source item deleted in its source. */
  static final String DELETED = "deleted";

  /** How many fingerprints of events at one version are kept to recognise repeats. */
  static final int MAX_FINGERPRINTS = 50;

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  SourceItems(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /**
   * A source item as stored.
   *
   * @param workItemId null only inside the transaction that first meets the item
   * @param appliedAtVersion fingerprints of the events applied at {@code sourceVersion}
   * @param status {@code open}, {@code closed} or {@code deleted} as the source last said
   */
  record SourceItem(
      @Nullable UUID workItemId,
      long sourceVersion,
      List<String> appliedAtVersion,
      String lastEvent,
      String status) {

    boolean isNew() {
      return workItemId == null;
    }

    /**
     * Older than what was applied, or the very same event again at the same version. Different
     * events at one version (GitHub sends opened and labeled with one {@code updated_at}) apply.
     * Deletion is final: a delete applies whatever its version (Jira's carries no changelog id, so
     * it can order below the last update), and nothing applies after it.
     */
    boolean isStale(SourceEvent event, String fingerprint) {
      if (isNew()) {
        return false;
      }
      if (DELETED.equals(status)) {
        return true;
      }
      if (event.kind() == SourceEvent.Kind.ITEM_DELETED) {
        return false;
      }
      return event.sourceVersion() < sourceVersion
          || (event.sourceVersion() == sourceVersion && appliedAtVersion.contains(fingerprint));
    }
  }

  /**
   * Locks the source item's row until the transaction ends. An item never seen gets a row without a
   * work item first: a second delivery of the same new item waits on that insert and then finds the
   * work item the first one created.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  SourceItem lock(String tenantId, UUID integrationId, SourceEvent event) {
    Timestamp now = Timestamp.from(Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
    jdbc.sql(
            """
            insert into source_items (tenant_id, integration_id, external_id, provider,
              source_version, applied_at_version, last_event, last_kind, status, created_at,
              updated_at)
            values (:tenant, :integration, :externalId, :provider, :version, '{}', :event, :kind,
              'new', :now, :now)
            on conflict do nothing
            """)
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("externalId", externalId(event))
        .param("provider", event.provider())
        .param("version", event.sourceVersion())
        .param("event", eventName(event))
        .param("kind", event.kind().name())
        .param("now", now)
        .update();
    return jdbc.sql(
            "select * from source_items where tenant_id = :tenant and integration_id ="
                + " :integration and external_id = :externalId for update")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("externalId", externalId(event))
        .query(SourceItems::row)
        .single();
  }

  /** Stores what applying the event left: the work item, the version, the source's status. */
  @Transactional(propagation = Propagation.MANDATORY)
  void record(
      String tenantId,
      UUID integrationId,
      SourceItem before,
      SourceEvent event,
      UUID workItemId,
      String status,
      String fingerprint,
      UUID inboxId) {
    // the newest version applied stays, even when a delete of a lower version came last
    long version =
        before.isNew()
            ? event.sourceVersion()
            : Math.max(before.sourceVersion(), event.sourceVersion());
    List<String> applied = new ArrayList<>();
    if (!before.isNew() && before.sourceVersion() == version) {
      applied.addAll(before.appliedAtVersion());
    }
    applied.add(fingerprint);
    if (applied.size() > MAX_FINGERPRINTS) {
      applied = applied.subList(applied.size() - MAX_FINGERPRINTS, applied.size());
    }
    jdbc.sql(
            """
            update source_items set work_item_id = :workItem, source_version = :version,
              applied_at_version = :applied, last_event = :event, last_kind = :kind,
              status = :status, last_inbox_id = :inbox, updated_at = :now
            where tenant_id = :tenant and integration_id = :integration
              and external_id = :externalId
            """)
        .param("workItem", workItemId)
        .param("version", version)
        .param("applied", applied.toArray(String[]::new))
        .param("event", eventName(event))
        .param("kind", event.kind().name())
        .param("status", status)
        .param("inbox", inboxId)
        .param("now", Timestamp.from(Instant.now(clock).truncatedTo(ChronoUnit.MICROS)))
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("externalId", externalId(event))
        .update();
  }

  /** The event's name as stored and audited: {@code issues/labeled}, {@code jira:issue_created}. */
  static String eventName(SourceEvent event) {
    return event.action() == null ? event.eventType() : event.eventType() + "/" + event.action();
  }

  /**
   * Identifies one event by everything it says, so a repeat (a redelivery under a new delivery id)
   * is recognised while another event at the same version is not. Stable across restarts: the
   * fields are written in a fixed order.
   */
  String fingerprint(SourceEvent event) {
    Map<String, @Nullable Object> fields = new LinkedHashMap<>();
    fields.put("provider", event.provider());
    fields.put("event", eventName(event));
    fields.put("kind", event.kind().name());
    fields.put("externalId", event.externalId());
    fields.put("externalKey", event.externalKey());
    fields.put("url", event.url());
    fields.put("title", event.title());
    fields.put("labels", event.labels());
    fields.put("components", event.components());
    fields.put("priorityHint", event.priorityHint());
    fields.put("severity", event.severity());
    fields.put("status", event.status());
    fields.put("sourceVersion", event.sourceVersion());
    fields.put("assignee", event.assignee());
    fields.put("previousAssignee", event.previousAssignee());
    fields.put("actor", event.actor());
    fields.put("project", event.project());
    fields.put("attributes", new TreeMap<>(event.attributes()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(json.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String externalId(SourceEvent event) {
    String id = event.externalId();
    if (id == null) {
      throw new IllegalArgumentException("an event about an item names it");
    }
    return id;
  }

  private static SourceItem row(ResultSet rs, int n) throws SQLException {
    return new SourceItem(
        rs.getObject("work_item_id", UUID.class),
        rs.getLong("source_version"),
        Arrays.asList((String[]) rs.getArray("applied_at_version").getArray()),
        rs.getString("last_event"),
        rs.getString("status"));
  }
}
