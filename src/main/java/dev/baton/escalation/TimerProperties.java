package dev.baton.escalation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code baton.timers.*}: how this node runs the durable timers (db-scheduler on Baton's database).
 *
 * @param run whether this node fires due timers (default true); false for a node that only serves
 *     the API, or a test that fires them by hand. Timers are scheduled either way.
 * @param pollInterval how often this node looks for due timers (default 5s); a timer fires at most
 *     this late
 * @param threads timers fired at once by this node (default 2)
 * @param heartbeatInterval how often a node marks the timers it is firing as alive (default 1m); a
 *     timer whose node missed four heartbeats is fired again by another node
 */
@ConfigurationProperties("baton.timers")
record TimerProperties(
    Boolean run, Duration pollInterval, Integer threads, Duration heartbeatInterval) {

  static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
  static final int THREADS = 2;
  static final Duration HEARTBEAT_INTERVAL = Duration.ofMinutes(1);

  TimerProperties {
    run = run == null ? Boolean.TRUE : run;
    pollInterval = pollInterval == null ? POLL_INTERVAL : pollInterval;
    threads = threads == null ? THREADS : threads;
    heartbeatInterval = heartbeatInterval == null ? HEARTBEAT_INTERVAL : heartbeatInterval;
    if (threads < 1) {
      throw new IllegalArgumentException("baton.timers.threads must be at least 1");
    }
  }
}
