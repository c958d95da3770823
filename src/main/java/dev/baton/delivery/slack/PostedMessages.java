package dev.baton.delivery.slack;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Slack messages posted about work items ({@code slack_messages}), one per destination. */
@Repository
class PostedMessages {

  /** A message Slack accepted: where it lives ({@code channelId}, {@code ts}). */
  record Posted(String channelId, String ts) {}

  private final JdbcClient jdbc;

  PostedMessages(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Posted> find(String tenantId, UUID workItemId, SlackDestination destination) {
    return jdbc.sql(
            """
            select channel_id, ts from slack_messages
            where tenant_id = :tenant and work_item_id = :item and integration_id = :integration
              and target = :target
            """)
        .param("tenant", tenantId)
        .param("item", workItemId)
        .param("integration", destination.integrationId())
        .param("target", destination.target())
        .query(Posted.class)
        .optional();
  }

  /**
   * The destinations of an integration that already show {@code workItemId}'s assignment (not the
   * approval requests about it).
   */
  List<String> targets(String tenantId, UUID workItemId, UUID integrationId) {
    return jdbc.sql(
            """
            select target from slack_messages
            where tenant_id = :tenant and work_item_id = :item and integration_id = :integration
              and target not like 'approval:%'
            order by posted_at, target
            """)
        .param("tenant", tenantId)
        .param("item", workItemId)
        .param("integration", integrationId)
        .query(String.class)
        .list();
  }

  /** The destinations of an integration that show approval request {@code approvalId}. */
  List<String> approvalTargets(
      String tenantId, UUID workItemId, UUID integrationId, UUID approvalId) {
    return jdbc.sql(
            """
            select target from slack_messages
            where tenant_id = :tenant and work_item_id = :item and integration_id = :integration
              and target like :prefix
            order by posted_at, target
            """)
        .param("tenant", tenantId)
        .param("item", workItemId)
        .param("integration", integrationId)
        .param("prefix", SlackDestination.APPROVAL + approvalId + ":%")
        .query(String.class)
        .list();
  }

  /** Records a posted message; a message already recorded for the destination is kept. */
  void record(
      String tenantId,
      UUID workItemId,
      SlackDestination destination,
      Posted posted,
      UUID deliveryId,
      Instant now) {
    jdbc.sql(
            """
            insert into slack_messages (tenant_id, work_item_id, integration_id, target,
              channel_id, ts, delivery_id, posted_at, updated_at)
            values (:tenant, :item, :integration, :target, :channel, :ts, :delivery, :now, :now)
            on conflict do nothing
            """)
        .param("tenant", tenantId)
        .param("item", workItemId)
        .param("integration", destination.integrationId())
        .param("target", destination.target())
        .param("channel", posted.channelId())
        .param("ts", posted.ts())
        .param("delivery", deliveryId)
        .param("now", Timestamp.from(now))
        .update();
  }

  void touch(String tenantId, UUID workItemId, SlackDestination destination, Instant now) {
    jdbc.sql(
            """
            update slack_messages set updated_at = :now
            where tenant_id = :tenant and work_item_id = :item and integration_id = :integration
              and target = :target
            """)
        .param("now", Timestamp.from(now))
        .param("tenant", tenantId)
        .param("item", workItemId)
        .param("integration", destination.integrationId())
        .param("target", destination.target())
        .update();
  }
}
