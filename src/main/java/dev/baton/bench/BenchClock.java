package dev.baton.bench;

import java.time.Clock;
import java.time.Instant;

/** Wall-clock time for the load generator, which measures real elapsed time (microseconds). */
final class BenchClock {

  private static final Clock WALL = Clock.systemUTC();

  private BenchClock() {}

  static Instant now() {
    return WALL.instant();
  }
}
