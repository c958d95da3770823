package dev.baton.delivery;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the tenant's events in sequence order. */
@Component
class EventFeed {

  private final JdbcClient jdbc;

  EventFeed(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An event with its place in the feed, as the JSON text it was written with. */
  record Row(long seq, String cloudEvent) {}

  List<Row> page(String tenantId, long afterSeq, int limit) {
    return jdbc.sql(
            "select seq, cloud_event from outbox_events where tenant_id = :tenant and seq >"
                + " :after order by seq limit :limit")
        .param("tenant", tenantId)
        .param("after", afterSeq)
        .param("limit", limit)
        .query(Row.class)
        .list();
  }
}
