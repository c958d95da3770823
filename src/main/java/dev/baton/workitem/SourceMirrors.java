package dev.baton.workitem;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only view of which work item mirrors which source item, and at what source version: what
 * reconciliation compares a source with before it applies anything through {@code
 * applySourceEvent}.
 */
@Service
public class SourceMirrors {

  private final JdbcClient jdbc;

  SourceMirrors(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One source item as Baton last applied it.
   *
   * @param status {@code open}, {@code closed} or {@code deleted}, as the source last said
   */
  public record Mirror(
      String externalId,
      UUID workItemId,
      long sourceVersion,
      String status,
      @Nullable String project) {

    public boolean deleted() {
      return SourceItems.DELETED.equals(status);
    }
  }

  public Optional<Mirror> find(String tenantId, UUID integrationId, String externalId) {
    return jdbc.sql(SELECT + " and s.external_id = :external")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("external", externalId)
        .query(SourceMirrors::row)
        .optional();
  }

  /** The integration's source items Baton holds open, by external id, after the one given. */
  public List<Mirror> open(
      String tenantId, UUID integrationId, @Nullable String afterExternalId, int limit) {
    return jdbc.sql(
            SELECT
                + " and s.status = 'open' and s.external_id > :after"
                + " order by s.external_id limit :limit")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("after", afterExternalId == null ? "" : afterExternalId)
        .param("limit", limit)
        .query(SourceMirrors::row)
        .list();
  }

  /** The source projects (Jira project keys, repositories) the integration's items came from. */
  public List<String> projects(String tenantId, UUID integrationId) {
    return jdbc.sql(
            """
            select distinct w.attributes::jsonb ->> 'project' as project
            from work_items w
            where w.tenant_id = :tenant and w.integration_id = :integration
              and w.attributes::jsonb ->> 'project' is not null
            order by project
            """)
        .param("tenant", tenantId)
        .param("integration", integrationId.toString())
        .query(String.class)
        .list();
  }

  private static final String SELECT =
      """
      select s.external_id, s.work_item_id, s.source_version, s.status,
        w.attributes::jsonb ->> 'project' as project
      from source_items s join work_items w
        on w.tenant_id = s.tenant_id and w.id = s.work_item_id
      where s.tenant_id = :tenant and s.integration_id = :integration
      """;

  private static Mirror row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Mirror(
        rs.getString("external_id"),
        rs.getObject("work_item_id", UUID.class),
        rs.getLong("source_version"),
        rs.getString("status"),
        rs.getString("project"));
  }
}
