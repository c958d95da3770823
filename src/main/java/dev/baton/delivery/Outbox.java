package dev.baton.delivery;

import dev.baton.platform.Correlation;
import dev.baton.platform.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes semantic events, as CloudEvents 1.0 JSON, in the transaction of the change they describe.
 * Each tenant's events get consecutive sequence numbers under a row lock held until commit, so the
 * feed is read in commit order without gaps. The deliveries the connectors plan for an event are
 * written in the same transaction (see {@link PlanDeliveries}).
 */
@Service
public class Outbox {

  /** CloudEvents {@code type} prefix: {@code assignment.accepted} is sent as {@value}... */
  public static final String TYPE_PREFIX = "dev.baton.";

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final PlanDeliveries deliveries;

  Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, PlanDeliveries deliveries) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.deliveries = deliveries;
  }

  /**
   * Appends an event about {@code subject} (a work item id) with {@code data}, and the deliveries
   * every {@link Connector} plans for it; returns its id.
   *
   * @param type the semantic type, e.g. {@code assignment.accepted}
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public UUID publish(String tenantId, String type, String subject, Object data) {
    long seq =
        jdbc.sql(
                """
                insert into event_heads (tenant_id, seq) values (:tenant, 1)
                on conflict (tenant_id) do update set seq = event_heads.seq + 1
                returning seq
                """)
            .param("tenant", tenantId)
            .query(Long.class)
            .single();
    UUID id = Ids.newId(clock);
    Instant time = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("id", id.toString());
    event.put("source", "/baton/tenants/" + tenantId);
    event.put("type", TYPE_PREFIX + type);
    event.put("subject", subject);
    event.put("time", time.toString());
    event.put("datacontenttype", "application/json");
    event.put("batonsequence", seq);
    event.put("batoncorrelationid", Correlation.current());
    event.put("data", data);
    jdbc.sql(
            """
            insert into outbox_events (tenant_id, seq, id, type, subject, time, correlation_id,
              cloud_event)
            values (:tenant, :seq, :id, :type, :subject, :time, :correlation, :event)
            """)
        .param("tenant", tenantId)
        .param("seq", seq)
        .param("id", id)
        .param("type", type)
        .param("subject", subject)
        .param("time", Timestamp.from(time))
        .param("correlation", Correlation.current())
        .param("event", json.writeValueAsString(event))
        .update();
    deliveries.plan(
        new Connector.OutboxEvent(tenantId, id, seq, type, subject, json.valueToTree(event)), time);
    return id;
  }
}
