package dev.baton.escalation;

import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * A db-scheduler node that fires due timers only when a test asks ({@link ManualScheduler}), with
 * the time of Baton's (test) clock: no polling thread, no sleeping.
 */
final class ManualTimers {

  private ManualTimers() {}

  static ManualScheduler node(DataSource dataSource, Timers timers, Clock clock, String name) {
    SettableClock time =
        new SettableClock() {
          @Override
          public Instant now() {
            return clock.instant();
          }
        };
    TestHelper.ManualSchedulerBuilder builder =
        TestHelper.createManualScheduler(dataSource, timers.tasks()).clock(time);
    builder.serializer(new Timers.Utf8()).schedulerName(new SchedulerName.Fixed(name));
    return builder.build();
  }
}
