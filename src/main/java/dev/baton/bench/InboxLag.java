package dev.baton.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.Histogram;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the processing lag of an in-process run's deliveries from its inbox, once drained. */
final class InboxLag {

  /** A load generator measures real elapsed time. */
  private static final java.time.Clock WALL = java.time.Clock.systemUTC();

  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);

  private InboxLag() {}

  static WebhookBenchmark.LagReading read(JdbcClient jdbc, WebhookBenchmark.Target target) {
    Instant giveUp = WALL.instant().plus(DRAIN_LIMIT);
    while (pending(jdbc, target) > 0 && WALL.instant().isBefore(giveUp)) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Histogram lag = new Histogram(3);
    long[] failed = {0};
    jdbc.sql(
            "select status, extract(epoch from (processed_at - received_at)) * 1000000 as micros"
                + " from inbox where integration_id = :id and received_at >= :from")
        .param("id", target.integration())
        .param("from", Timestamp.from(target.measuredFrom()))
        .query(
            (rs, n) -> {
              if ("processed".equals(rs.getString("status"))) {
                lag.recordValue(Math.max(0, Math.round(rs.getDouble("micros"))));
              } else if ("failed".equals(rs.getString("status"))) {
                failed[0]++;
              }
              return n;
            })
        .list();
    Double seconds =
        jdbc.sql(
                "select extract(epoch from (max(processed_at) - min(received_at))) from inbox"
                    + " where integration_id = :id and received_at >= :from")
            .param("id", target.integration())
            .param("from", Timestamp.from(target.measuredFrom()))
            .query(Double.class)
            .optional()
            .orElse(null);
    double perSecond = seconds == null || seconds <= 0 ? 0 : lag.getTotalCount() / seconds;
    return new WebhookBenchmark.LagReading(lag, lag.getTotalCount(), failed[0], perSecond);
  }

  private static long pending(JdbcClient jdbc, WebhookBenchmark.Target target) {
    return jdbc.sql("select count(*) from inbox where integration_id = :id and status = 'pending'")
        .param("id", target.integration())
        .query(Long.class)
        .single();
  }
}
