package dev.baton.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Wakes idle dispatcher workers after a commit that planned or replayed deliveries. A bean of its
 * own, so the outbox can signal without depending on the dispatcher (which publishes through it).
 */
@Component
class DispatchSignal {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private long wakeups;

  void wake() {
    lock.lock();
    try {
      wakeups++;
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The count of wake-ups so far, to pass to {@link #await}. */
  long seen() {
    lock.lock();
    try {
      return wakeups;
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code timeout} unless a wake-up came after {@code seen}. */
  void await(long seen, Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      if (wakeups == seen) {
        work.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Wakes after the current transaction commits; at once when there is none. */
  void wakeAfterCommit() {
    if (org.springframework.transaction.support.TransactionSynchronizationManager
        .isSynchronizationActive()) {
      org.springframework.transaction.support.TransactionSynchronizationManager
          .registerSynchronization(
              new org.springframework.transaction.support.TransactionSynchronization() {
                @Override
                public void afterCommit() {
                  wake();
                }
              });
    } else {
      wake();
    }
  }
}
