package dev.baton.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.context.WebApplicationContext;

/**
 * Runs {@link DispatchDueDeliveries} on {@code baton.delivery.workers} virtual threads from start
 * to shutdown. A worker sends due deliveries until none may go, then waits until a commit that
 * planned or replayed deliveries wakes it, or the poll interval passes (retries coming due, rows of
 * other nodes, leases that ran out).
 *
 * <p>It runs in the server only, like the inbox worker, and not at all with {@code
 * baton.delivery.dispatch=false}. A stop claims nothing more, waits up to {@code
 * baton.delivery.stop-timeout} for attempts in flight, then interrupts the rest and gives their
 * leases back (marked uncertain, since their requests may have gone out).
 */
@Component
class Dispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final DispatchDueDeliveries dispatch;
  private final DispatchSignal signal;
  private final DeliveryRows rows;
  private final Clock clock;
  private final boolean autoStartup;
  private final int workers;
  private final Duration pollInterval;
  private final Duration stopTimeout;
  private final String owner;
  private final Map<Thread, DeliveryRows.Delivery> inFlight = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  @Autowired
  Dispatcher(
      DispatchDueDeliveries dispatch,
      DispatchSignal signal,
      DeliveryRows rows,
      Clock clock,
      DeliveryProperties settings,
      ApplicationContext context) {
    this(
        dispatch,
        signal,
        rows,
        clock,
        settings,
        settings.dispatch() && context instanceof WebApplicationContext);
  }

  Dispatcher(
      DispatchDueDeliveries dispatch,
      DispatchSignal signal,
      DeliveryRows rows,
      Clock clock,
      DeliveryProperties settings,
      boolean autoStartup) {
    this.dispatch = dispatch;
    this.signal = signal;
    this.rows = rows;
    this.clock = clock;
    // the server dispatches; a command-line run of the application (token create) not
    this.autoStartup = autoStartup;
    this.workers = settings.workers();
    this.pollInterval = settings.pollInterval();
    this.stopTimeout = settings.stopTimeout();
    this.owner = "node-" + UUID.randomUUID();
  }

  /** The lease owner this dispatcher writes on the rows it claims. */
  String owner() {
    return owner;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    for (int i = 0; i < workers; i++) {
      threads.add(Thread.ofVirtual().name("dispatcher-" + i).start(this::run));
    }
  }

  @Override
  public void stop() {
    List<Thread> stopping;
    synchronized (this) {
      running = false;
      stopping = List.copyOf(threads);
      threads.clear();
    }
    signal.wake();
    long deadline = System.nanoTime() + stopTimeout.toNanos();
    for (Thread thread : stopping) {
      try {
        thread.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    releaseUnfinished();
  }

  private void releaseUnfinished() {
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    for (Map.Entry<Thread, DeliveryRows.Delivery> entry : Map.copyOf(inFlight).entrySet()) {
      DeliveryRows.Delivery d = entry.getValue();
      try {
        if (rows.release(d.tenantId(), d.id(), owner, now)) {
          log.warn(
              "Delivery {} to {} was still being sent at shutdown; its lease is released",
              d.id(),
              d.destination());
        }
      } catch (RuntimeException e) {
        log.warn("Could not release the lease of delivery {}: {}", d.id(), e.getMessage());
      }
      // released first, so the attempt's late outcome no longer matches the row
      entry.getKey().interrupt();
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
      long seen = signal.seen();
      boolean sent;
      try {
        sent = dispatchOne();
      } catch (RuntimeException e) {
        // the database is down or going away; the row stays pending for the next poll
        log.warn("Dispatcher could not claim or record a delivery: {}", e.getMessage());
        sent = false;
      }
      if (!sent && running) {
        try {
          signal.await(seen, pollInterval);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Claims and sends one delivery; false when none may go now. */
  boolean dispatchOne() {
    if (!running) {
      return false;
    }
    Optional<DispatchDueDeliveries.Claimed> claimed = dispatch.claim(owner);
    if (claimed.isEmpty()) {
      return false;
    }
    inFlight.put(Thread.currentThread(), claimed.get().delivery());
    try {
      dispatch.send(claimed.get(), owner);
    } finally {
      inFlight.remove(Thread.currentThread());
    }
    return true;
  }
}
