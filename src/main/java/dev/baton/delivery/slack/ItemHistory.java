package dev.baton.delivery.slack;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The earlier events about one work item, from the outbox: where its messages were meant to go (the
 * channels its decisions named, the people it was offered to) and the latest decision's why.
 */
@Component
class ItemHistory {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ItemHistory(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** One earlier event: its semantic type and its {@code data}. */
  record Earlier(String type, JsonNode data) {}

  /**
   * The {@code data} of the {@code approval.requested} event of approval request {@code approvalId}
   * about {@code workItemId}, which carries the work item's title and link.
   */
  Optional<JsonNode> approvalRequest(String tenantId, String workItemId, String approvalId) {
    return jdbc
        .sql(
            """
            select cloud_event from outbox_events
            where tenant_id = :tenant and subject = :item and type = 'approval.requested'
            order by seq
            """)
        .param("tenant", tenantId)
        .param("item", workItemId)
        .query((rs, n) -> json.readTree(rs.getString("cloud_event")).path("data"))
        .list()
        .stream()
        .filter(data -> approvalId.equals(data.path("approval").path("id").asString("")))
        .findFirst();
  }

  /** The assignment events about {@code workItemId} before {@code seq}, oldest first. */
  List<Earlier> before(String tenantId, String workItemId, long seq) {
    return jdbc.sql(
            """
            select type, cloud_event from outbox_events
            where tenant_id = :tenant and subject = :item and seq < :seq
              and type like 'assignment.%'
            order by seq
            """)
        .param("tenant", tenantId)
        .param("item", workItemId)
        .param("seq", seq)
        .query(
            (rs, n) ->
                new Earlier(
                    rs.getString("type"), json.readTree(rs.getString("cloud_event")).path("data")))
        .list();
  }
}
