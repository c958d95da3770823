package dev.baton.bench;

import dev.baton.bench.LoadWorkload.Source;
import dev.baton.bench.LoadWorkload.Step;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Prints a load run's report in sections: accepted, routed, delivered, correctness, the Baton
 * process, the database ceiling and, with {@code --sample}, the soak verdict.
 */
public final class LoadReport {

  /**
   * The pgbench ceiling measured beside the run: the same SQL work per event as Baton, as events
   * per second. The report prints Baton's routed rate as a ratio of it.
   */
  public record Ceiling(double eventsPerSecond, String how) {}

  private LoadReport() {}

  public static void print(
      String target, LoadResult r, @Nullable Ceiling ceiling, PrintStream out) {
    LoadBenchmark.Settings s = r.settings();
    out.printf(
        "Baton load benchmark: mix %s, %s, %d s measured after %d s warm-up; duplicates %.0f%%,"
            + " out of order %.0f%%%n",
        s.describeMix(),
        s.rate() > 0
            ? "paced at " + s.rate() + " sends/s (open loop)"
            : "closed loop, " + s.concurrency() + " senders",
        s.duration().toSeconds(),
        s.warmup().toSeconds(),
        100 * s.duplicates(),
        100 * s.outOfOrder());
    out.printf("target: %s%n", target);
    out.printf("payload shapes: %s%n", r.fixtures());

    LoadBenchmark.Counts c = r.counts();
    out.println();
    out.println("== accepted by /hooks (answer latency; GitHub and Jira 202, Slack 200)");
    out.printf(
        "sent %d, accepted %d, errors %d (%d while measuring: %.1f accepted/s)%n",
        sum(c.sent),
        sum(c.accepted),
        r.errors(),
        r.acceptedMeasured(),
        r.acceptedMeasured() / r.seconds());
    out.printf(
        "steps: opened %d, edited %d, closed %d, out-of-order pairs %d newer + %d older, Slack Accept"
            + " presses %d (%d fell back to GitHub: no DM to press yet)%n",
        Objects.requireNonNull(c.steps.get(Step.OPEN)).get(),
        Objects.requireNonNull(c.steps.get(Step.EDIT)).get(),
        Objects.requireNonNull(c.steps.get(Step.CLOSE)).get(),
        Objects.requireNonNull(c.steps.get(Step.NEWER)).get(),
        Objects.requireNonNull(c.steps.get(Step.OLDER)).get(),
        Objects.requireNonNull(c.steps.get(Step.PRESS)).get(),
        r.slackFallbacks());
    if (c.inFlightSkipped.get() > 0) {
      out.printf("sends skipped with %s in flight already: %d%n", "512", c.inFlightSkipped.get());
    }
    if (c.lastError != null) {
      out.printf("last error: %s%n", c.lastError);
    }
    header(out, "latency (ms)");
    Histogram all = new Histogram(3);
    for (Source source : Source.values()) {
      Histogram h = Objects.requireNonNull(c.answer.get(source)).getIntervalHistogram();
      all.add(h);
      line(out, source.name().toLowerCase(Locale.ROOT) + " answer", h, r.seconds());
    }
    line(out, "all answers", all, r.seconds());

    out.println();
    out.println("== routed (send to the routing decision's commit, read from /api/v1/events)");
    header(out, "latency (ms)");
    line(out, "issue opened -> routed", r.tracker().routed, r.seconds());
    line(out, "Accept -> accepted", r.tracker().accepted, r.seconds());
    out.printf(
        "routing rate: %.1f decisions/s over %.1f s (the measured duration, or from the first to"
            + " the last decision when a backlog was routed after the senders stopped)%n",
        r.routedPerSecond(), Math.max(r.seconds(), r.tracker().routedSpanSeconds()));

    out.println();
    out.println("== delivered (send of an opened issue to its routing's arrival at the receiver)");
    header(out, "latency (ms)");
    r.tracker()
        .delivered
        .forEach((d, h) -> line(out, d.name().toLowerCase(Locale.ROOT), h, r.seconds()));

    LoadChecks.Outcome k = r.checks();
    out.println();
    out.println(
        "== correctness (after draining" + (r.drained() ? "" : ": NOT drained in time") + ")");
    for (LoadChecks.Inbox i : k.inboxes()) {
      out.printf(
          "inbox %-6s rows %d: processed %d, failed %d, pending %d; outcomes %s%n",
          i.name(), i.rows(), i.processed(), i.failed(), i.pending(), i.outcomes());
    }
    out.printf(
        "accepted and not processed: %d; inbox rows beyond one per accepted delivery: %d%n",
        k.acceptedNotProcessed(), k.extraRows());
    out.printf(
        "duplicates: resent %d, answered as duplicates %d, answered otherwise %d%n",
        k.duplicatesSent(), k.duplicatesAnswered(), k.duplicatesWrong());
    out.printf(
        "out of order: older updates sent after newer %d, found stale %d; stale updates seen in all %d%n",
        k.olderSent(), k.olderStale(), k.staleSeen());
    out.printf(
        "work items: %d created for %d issues the inbox created (a second item for one issue: %d)%n",
        k.workItemsCreated(), k.issuesCreatedByInbox(), k.secondWorkItems());
    for (LoadChecks.Destination d : k.destinations()) {
      out.printf(
          "exactly once %-7s %s: planned %d, delivered %d, received %d, repeats %d, missing %d,"
              + " unexpected %d, calls %d (%s)%n",
          d.name(),
          d.exactlyOnce() ? "yes" : "NO",
          d.planned(),
          d.delivered(),
          d.received(),
          d.repeats(),
          d.missing(),
          d.unexpected(),
          d.calls(),
          d.note());
    }

    out.println();
    out.println("== Baton process");
    List<BatonGauges> g = r.gauges().stream().filter(BatonGauges::present).toList();
    if (g.isEmpty()) {
      out.println("actuator: /actuator/prometheus not readable");
    } else {
      double cpus = g.get(0).cpus();
      out.printf(
          "process_cpu_usage mean %.1f%% / max %.1f%% of %s cores; heap used max %.1f MB; heap after"
              + " GC (%s) last %.1f MB; outbox depth max %.0f, inbox depth max %.0f; after draining:"
              + " outbox %.0f, inbox %.0f%n",
          100 * g.stream().mapToDouble(BatonGauges::cpu).average().orElse(0),
          100 * g.stream().mapToDouble(BatonGauges::cpu).max().orElse(0),
          cpus < 0 ? "?" : String.format(Locale.ROOT, "%.0f", cpus),
          SoakSamples.mb(g.stream().mapToDouble(BatonGauges::heapUsed).max().orElse(0)),
          g.get(g.size() - 1).liveData() > 0
              ? "jvm_gc_live_data_size_bytes"
              : "old generation used",
          SoakSamples.mb(g.get(g.size() - 1).heapAfterGc()),
          g.stream().mapToDouble(BatonGauges::outbox).max().orElse(0),
          g.stream().mapToDouble(BatonGauges::inbox).max().orElse(0),
          r.after().outbox(),
          r.after().inbox());
    }
    ProcessCpu.Use cpu = r.cpu();
    if (cpu != null) {
      out.printf(
          "/proc/%d: %.2f cores busy on average while measuring (%.1f CPU s), resident %.1f MB%n",
          cpu.pid(), cpu.cores(), cpu.cpuSeconds(), SoakSamples.mb(cpu.residentBytes()));
    }

    out.println();
    out.println("== ceiling");
    if (ceiling == null) {
      out.println(
          "ceiling: not measured in this run (the pgbench ceiling is printed here when run beside it)");
    } else {
      out.printf(
          "ceiling: %.1f events/s (%s); Baton routed %.1f/s = %.2f of it%n",
          ceiling.eventsPerSecond(),
          ceiling.how(),
          r.routedPerSecond(),
          ceiling.eventsPerSecond() <= 0 ? 0 : r.routedPerSecond() / ceiling.eventsPerSecond());
    }

    if (r.samples().enabled()) {
      out.println();
      out.println("== soak verdict (least-squares slope over the samples; printed, not asserted)");
      List<SoakSamples.Trend> trends = r.samples().trends();
      if (trends.isEmpty()) {
        out.println("too few samples for a trend");
      }
      for (SoakSamples.Trend t : trends) {
        out.printf(
            "%-20s slope %+.2f per hour, %+.2f over the run (tolerance %.2f): %s%n",
            t.name(), t.perHour(), t.overRun(), t.tolerance(), t.flat() ? "flat" : "NOT flat");
      }
    }
    out.println();
    out.println(
        "result: "
            + (r.passed() ? "PASSED" : "FAILED")
            + " (every accepted send processed once, every planned delivery received once)");
  }

  private static long sum(java.util.Map<Source, java.util.concurrent.atomic.AtomicLong> m) {
    return m.values().stream().mapToLong(java.util.concurrent.atomic.AtomicLong::get).sum();
  }

  private static void header(PrintStream out, String title) {
    out.printf(
        "%-26s %8s %8s %8s %8s %8s %8s%n", title, "count", "per s", "p50", "p90", "p99", "max");
  }

  private static void line(PrintStream out, String name, Histogram h, double seconds) {
    if (h.getTotalCount() == 0) {
      out.printf("%-26s %8d%n", name, 0);
      return;
    }
    out.printf(
        "%-26s %8d %8.1f %8.2f %8.2f %8.2f %8.2f%n",
        name,
        h.getTotalCount(),
        h.getTotalCount() / seconds,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }
}
