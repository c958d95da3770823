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
 * Counts over the tenant's inbox for the console: webhook deliveries received per hour, per
 * integration how many were received and how many failed to process (parked) in a window, and one
 * integration's accepted, duplicate and rejected requests with the reasons.
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

  /**
   * One integration's hook requests since a time.
   *
   * @param accepted deliveries stored (the inbox's rows received since)
   * @param duplicate requests for a delivery id already stored
   * @param rejected requests refused, by reason ({@code signature}, {@code stale}, …), most first
   */
  public record Outcomes(long accepted, long duplicate, Map<String, Long> rejected) {

    public long rejectedTotal() {
      return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Accepted, duplicate and rejected requests of one integration since {@code since}; duplicates
   * and rejections are counted per hour, so {@code since} is taken back to its hour's start for
   * them.
   */
  public Outcomes outcomes(String tenantId, UUID integrationId, Instant since) {
    long accepted =
        jdbc.sql(
                "select count(*) from inbox where tenant_id = :tenant"
                    + " and integration_id = :integration and received_at >= :since")
            .param("tenant", tenantId)
            .param("integration", integrationId)
            .param("since", Timestamp.from(since))
            .query(Long.class)
            .single();
    long[] duplicate = {0};
    Map<String, Long> rejected = new java.util.LinkedHashMap<>();
    jdbc.sql(
            "select outcome, reason, sum(count) as count from hook_outcome_counts"
                + " where tenant_id = :tenant and integration_id = :integration"
                + " and hour >= :since group by outcome, reason order by count desc, reason")
        .param("tenant", tenantId)
        .param("integration", integrationId)
        .param("since", Timestamp.from(since.truncatedTo(java.time.temporal.ChronoUnit.HOURS)))
        .query(
            (rs, n) -> {
              if (HookOutcomes.DUPLICATE.equals(rs.getString("outcome"))) {
                duplicate[0] += rs.getLong("count");
              } else {
                rejected.put(rs.getString("reason"), rs.getLong("count"));
              }
              return n;
            })
        .list();
    return new Outcomes(accepted, duplicate[0], rejected);
  }
}
