package dev.baton.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts over the tenant's inbox for the console: webhook deliveries received per hour, and per
 * integration how many were received and how many failed to process (parked) in a window.
 */
@Component
public class InboxStats {

  private final JdbcClient jdbc;

  InboxStats(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One integration's inbox over a window.
   *
   * @param failed deliveries that could not be processed (parked after their retries)
   */
  public record IntegrationCounts(UUID integrationId, long received, long failed) {}

  /** Deliveries received since {@code since}, counted per hour (the hour's start). */
  public Map<Instant, Long> receivedPerHour(String tenantId, Instant since) {
    Map<Instant, Long> perHour = new TreeMap<>();
    jdbc.sql(
            "select date_trunc('hour', received_at) as hour, count(*) as count from inbox"
                + " where tenant_id = :tenant and received_at >= :since group by 1")
        .param("tenant", tenantId)
        .param("since", Timestamp.from(since))
        .query((rs, n) -> perHour.put(rs.getTimestamp("hour").toInstant(), rs.getLong("count")))
        .list();
    return perHour;
  }

  /** Per integration that received anything since {@code since}: received and failed counts. */
  public List<IntegrationCounts> byIntegration(String tenantId, Instant since) {
    return jdbc.sql(
            "select integration_id, count(*) as received,"
                + " count(*) filter (where status = 'failed') as failed from inbox"
                + " where tenant_id = :tenant and received_at >= :since group by integration_id")
        .param("tenant", tenantId)
        .param("since", Timestamp.from(since))
        .query(
            (rs, n) ->
                new IntegrationCounts(
                    rs.getObject("integration_id", UUID.class),
                    rs.getLong("received"),
                    rs.getLong("failed")))
        .list();
  }
}
