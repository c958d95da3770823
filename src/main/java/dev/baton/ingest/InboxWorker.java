package dev.baton.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.context.WebApplicationContext;

/**
 * Runs {@link ProcessDelivery} on a few virtual threads from start to shutdown. A worker processes
 * due deliveries until none is left, then waits until {@link #wake()} (called after a delivery is
 * stored) or the poll interval passes, which also picks up retries that come due and rows stored by
 * other nodes. Deliveries left pending by a stop are processed after the next start.
 *
 * <p>It runs in the server only (not in command-line runs of the application), starts before and
 * stops after the web server, so requests still in flight at shutdown can wake it, and a stop lets
 * each worker finish the delivery in hand.
 */
@Component
class InboxWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final ProcessDelivery process;
  private final boolean autoStartup;
  private final int workers;
  private final Duration pollInterval;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final List<Thread> threads = new ArrayList<>();
  private long wakeups;
  private volatile boolean running;

  InboxWorker(ProcessDelivery process, IngestProperties properties, ApplicationContext context) {
    this.process = process;
    // the server processes deliveries; a command-line run of the application (token create) not
    this.autoStartup = context instanceof WebApplicationContext;
    this.workers = properties.inbox().workers();
    this.pollInterval = properties.inbox().pollInterval();
  }

  /** Tells the workers that a delivery may be due now. */
  void wake() {
    lock.lock();
    try {
      wakeups++;
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void start() {
    lock.lock();
    try {
      if (running) {
        return;
      }
      running = true;
      for (int i = 0; i < workers; i++) {
        threads.add(Thread.ofVirtual().name("inbox-worker-" + i).start(this::run));
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stop() {
    List<Thread> stopping;
    lock.lock();
    try {
      running = false;
      work.signalAll();
      stopping = List.copyOf(threads);
      threads.clear();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (Thread thread : stopping) {
      try {
        if (!thread.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
          log.warn("Inbox worker {} did not stop within {}", thread.getName(), STOP_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // below the web server's phases: started before it, stopped after it
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  private void run() {
    while (running && !Thread.currentThread().isInterrupted()) {
      long seen = wakeups();
      boolean processed;
      try {
        processed = process.processNext();
      } catch (RuntimeException e) {
        // the database is down or going away; the delivery stays pending for the next poll
        log.warn("Inbox worker could not claim a delivery: {}", e.getMessage());
        processed = false;
      }
      if (!processed) {
        awaitWork(seen);
      }
    }
  }

  private long wakeups() {
    lock.lock();
    try {
      return wakeups;
    } finally {
      lock.unlock();
    }
  }

  private void awaitWork(long seen) {
    lock.lock();
    try {
      if (running && wakeups == seen) {
        work.await(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }
}
