package dev.baton.escalation;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.context.WebApplicationContext;

/**
 * Runs a db-scheduler {@link Scheduler} on this node from start to shutdown, firing due {@link
 * Timers}. Its time is Baton's {@link Clock}, so tests that tick the clock move timers too. Started
 * in the server only, and not with {@code baton.timers.run=false}.
 */
@Component
@EnableConfigurationProperties(TimerProperties.class)
class TimerScheduler implements SmartLifecycle {

  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private final DataSource dataSource;
  private final Timers timers;
  private final Clock clock;
  private final TimerProperties settings;
  private final boolean autoStartup;
  private @Nullable Scheduler scheduler;

  TimerScheduler(
      DataSource dataSource,
      Timers timers,
      Clock clock,
      TimerProperties settings,
      ApplicationContext context) {
    this.dataSource = dataSource;
    this.timers = timers;
    this.clock = clock;
    this.settings = settings;
    // the server fires timers; a command-line run of the application (token create) does not
    this.autoStartup = settings.run() && context instanceof WebApplicationContext;
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    Scheduler started =
        Scheduler.create(dataSource, timers.tasks())
            .clock(clock::instant)
            .serializer(new Timers.Utf8())
            .pollingInterval(settings.pollInterval())
            .heartbeatInterval(settings.heartbeatInterval())
            .threads(settings.threads())
            .schedulerName(new SchedulerName.Hostname())
            .shutdownMaxWait(SHUTDOWN_WAIT)
            .build();
    started.start();
    scheduler = started;
  }

  @Override
  public synchronized void stop() {
    Scheduler running = scheduler;
    scheduler = null;
    if (running != null) {
      running.stop();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }
}
