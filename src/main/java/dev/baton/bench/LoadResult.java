package dev.baton.bench;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a load run measured and checked.
 *
 * @param fixtures where the payload shapes came from
 * @param drained whether Baton processed and delivered everything within the drain limit
 * @param gauges Baton's actuator readings, one a second while measuring
 * @param after Baton's actuator reading once drained
 * @param cpu the Baton process's CPU and memory from {@code /proc} (null when not on this machine)
 * @param slackFallbacks Slack presses that found no DM to press and opened a GitHub issue instead
 */
public record LoadResult(
    LoadBenchmark.Settings settings,
    String fixtures,
    LoadBenchmark.Counts counts,
    LoadTracker tracker,
    LoadChecks.Outcome checks,
    boolean drained,
    List<BatonGauges> gauges,
    BatonGauges after,
    ProcessCpu.@Nullable Use cpu,
    SoakSamples samples,
    long slackFallbacks) {

  public double seconds() {
    return settings.duration().toNanos() / 1e9;
  }

  /** Sends Baton accepted while measuring. */
  public long acceptedMeasured() {
    return counts.measured.values().stream()
        .mapToLong(java.util.concurrent.atomic.AtomicLong::get)
        .sum();
  }

  /** Requests that failed (not 202, or 200 for Slack), in all. */
  public long errors() {
    return counts.errors.values().stream()
        .mapToLong(java.util.concurrent.atomic.AtomicLong::get)
        .sum();
  }

  /**
   * Routing decisions committed for issues opened while measuring, per second of the span in which
   * they were committed (at least the measured duration): Baton's routing throughput, also when a
   * closed loop built a backlog that was routed after the senders stopped.
   */
  public double routedPerSecond() {
    return tracker.routed.getTotalCount() / Math.max(seconds(), tracker.routedSpanSeconds());
  }

  /** Everything accepted was processed and delivered once, with no request failing. */
  public boolean passed() {
    return drained && errors() == 0 && checks.passed();
  }
}
