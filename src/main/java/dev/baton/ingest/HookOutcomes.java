package dev.baton.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts the hook requests of a known integration that stored nothing new (duplicates, and
 * rejections with their reason) per hour, so the console can show them per tenant; the metric
 * {@code baton_webhooks_received_total} has no tenant. A request to an unknown integration has no
 * tenant and is only in the metric. Rows older than {@link #KEPT} are deleted as an integration's
 * new hour starts, so the table stays small.
 */
@Component
class HookOutcomes {

  static final Duration KEPT = Duration.ofDays(2);
  static final String DUPLICATE = "duplicate";
  static final String REJECTED = "rejected";

  private final JdbcClient jdbc;
  private final Clock clock;

  HookOutcomes(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void duplicate(IntegrationRows.Stored integration) {
    count(integration.tenantId(), integration.id(), DUPLICATE, WebhookMetrics.NONE);
  }

  void rejected(IntegrationRows.Stored integration, HookRejected.Reason reason) {
    count(integration.tenantId(), integration.id(), REJECTED, reason.tag());
  }

  private void count(String tenantId, UUID integrationId, String outcome, String reason) {
    Instant hour = Instant.now(clock).truncatedTo(ChronoUnit.HOURS);
    boolean newRow =
        jdbc.sql(
                """
                insert into hook_outcome_counts
                  (tenant_id, integration_id, hour, outcome, reason, count)
                values (:tenant, :integration, :hour, :outcome, :reason, 1)
                on conflict (tenant_id, integration_id, hour, outcome, reason)
                do update set count = hook_outcome_counts.count + 1
                returning (xmax = 0) as inserted
                """)
            .param("tenant", tenantId)
            .param("integration", integrationId)
            .param("hour", Timestamp.from(hour))
            .param("outcome", outcome)
            .param("reason", reason)
            .query(Boolean.class)
            .single();
    if (newRow) {
      jdbc.sql(
              "delete from hook_outcome_counts where tenant_id = :tenant"
                  + " and integration_id = :integration and hour < :oldest")
          .param("tenant", tenantId)
          .param("integration", integrationId)
          .param("oldest", Timestamp.from(hour.minus(KEPT)))
          .update();
    }
  }
}
