package dev.baton.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many deliveries an in-process Baton planned to the bench subscription, read from its rows.
 */
final class DeliveryCount {

  private DeliveryCount() {}

  static long planned(JdbcClient jdbc, DeliveryBenchmark.Target target) {
    return jdbc.sql("select count(*) from deliveries where destination = :destination")
        .param("destination", "webhook:" + target.subscription())
        .query(Long.class)
        .single();
  }
}
