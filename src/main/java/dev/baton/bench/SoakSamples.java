package dev.baton.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * The soak view of a load run ({@code --sample SECONDS}): one line per window (throughput, p99
 * routed and delivered, heap after GC, outbox depth), and at the end the least-squares slope of
 * each over the run with a verdict on whether it stayed flat. The verdict is printed, never
 * asserted: a slope is "flat" when the fitted change over the whole run stays within a tolerance
 * ({@link #HEAP_TOLERANCE_BYTES} or 10% of the mean heap; {@link #OUTBOX_TOLERANCE} deliveries or
 * 10% of the mean depth; p99 within 50 ms or 50% of its mean).
 */
final class SoakSamples {

  static final double HEAP_TOLERANCE_BYTES = 16 * 1024 * 1024;
  static final double OUTBOX_TOLERANCE = 50;

  /** One window. */
  record Sample(
      double at,
      double acceptedPerSecond,
      double decisionsPerSecond,
      double routedP99Ms,
      double deliveredP99Ms,
      double heapAfterGc,
      double heapUsed,
      double outbox,
      double inbox) {}

  /** A fitted trend: slope per hour, change over the run, and whether that is within tolerance. */
  record Trend(String name, double perHour, double overRun, double tolerance, boolean flat) {}

  private final Duration window;
  private final List<Sample> samples = new ArrayList<>();
  private long acceptedBefore;
  private double lastAt;

  SoakSamples(Duration window) {
    this.window = window;
  }

  boolean enabled() {
    return !window.isZero();
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  void header(PrintStream out) {
    if (enabled()) {
      out.printf(
          "soak samples every %d s:%n%8s %11s %11s %12s %15s %14s %10s %8s %8s%n",
          window.toSeconds(),
          "t (s)",
          "accepted/s",
          "decided/s",
          "p99 routed",
          "p99 delivered",
          "heap after GC",
          "heap",
          "outbox",
          "inbox");
    }
  }

  void add(
      double at,
      LoadTracker.Window w,
      LoadBenchmark.Counts counts,
      BatonGauges g,
      PrintStream out) {
    long accepted =
        counts.accepted.values().stream()
            .mapToLong(java.util.concurrent.atomic.AtomicLong::get)
            .sum();
    double seconds = Math.max(1e-3, at - lastAt);
    Sample s =
        new Sample(
            at,
            (accepted - acceptedBefore) / seconds,
            w.decisions() / seconds,
            p99(w.routed()),
            p99(w.delivered()),
            g.heapAfterGc(),
            g.heapUsed(),
            g.outbox(),
            g.inbox());
    acceptedBefore = accepted;
    lastAt = at;
    samples.add(s);
    out.printf(
        "%8.0f %11.1f %11.1f %9.1f ms %12.1f ms %11.1f MB %7.1f MB %8.0f %8.0f%n",
        s.at(),
        s.acceptedPerSecond(),
        s.decisionsPerSecond(),
        s.routedP99Ms(),
        s.deliveredP99Ms(),
        mb(s.heapAfterGc()),
        mb(s.heapUsed()),
        s.outbox(),
        s.inbox());
    out.flush();
  }

  private static double p99(Histogram h) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0;
  }

  static double mb(double bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  /** The trends over the samples, the first left out as warm-up when there are at least four. */
  List<Trend> trends() {
    List<Sample> used = samples.size() >= 4 ? samples.subList(1, samples.size()) : samples;
    if (used.size() < 2) {
      return List.of();
    }
    double span = used.get(used.size() - 1).at() - used.get(0).at();
    return List.of(
        trend(
            "heap after GC (MB)",
            used,
            s -> mb(s.heapAfterGc()),
            span,
            m -> Math.max(mb(HEAP_TOLERANCE_BYTES), 0.1 * m)),
        trend("outbox depth", used, Sample::outbox, span, m -> Math.max(OUTBOX_TOLERANCE, 0.1 * m)),
        trend("p99 routed (ms)", used, Sample::routedP99Ms, span, m -> Math.max(50, 0.5 * m)),
        trend(
            "p99 delivered (ms)", used, Sample::deliveredP99Ms, span, m -> Math.max(50, 0.5 * m)));
  }

  private static Trend trend(
      String name,
      List<Sample> used,
      ToDoubleFunction<Sample> value,
      double span,
      java.util.function.DoubleUnaryOperator tolerance) {
    double n = used.size();
    double sx = 0;
    double sy = 0;
    for (Sample s : used) {
      sx += s.at();
      sy += value.applyAsDouble(s);
    }
    double mx = sx / n;
    double my = sy / n;
    double num = 0;
    double den = 0;
    for (Sample s : used) {
      num += (s.at() - mx) * (value.applyAsDouble(s) - my);
      den += (s.at() - mx) * (s.at() - mx);
    }
    double perSecond = den == 0 ? 0 : num / den;
    double overRun = perSecond * span;
    double allowed = tolerance.applyAsDouble(Math.abs(my));
    return new Trend(name, perSecond * 3600, overRun, allowed, Math.abs(overRun) <= allowed);
  }
}
