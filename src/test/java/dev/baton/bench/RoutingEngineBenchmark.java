package dev.baton.bench;

import dev.baton.policy.CompiledPolicy;
import dev.baton.policy.PolicyParser;
import dev.baton.routing.Decision;
import dev.baton.routing.RosterSnapshot;
import dev.baton.routing.RoutingEngine;
import dev.baton.routing.RoutingInput;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link RoutingEngine#decide} on a policy of 100 rules over a roster of 500 people and 20
 * schedules, cycling through 512 varied items. The policy is compiled and the inputs built once per
 * trial; only the decision is measured. Run with {@code bench/jmh.sh}; the figures and the target
 * (p99 under 50 µs) are in docs/benchmarks.md.
 */
public class RoutingEngineBenchmark {

  /** A power of two, so the next item is a mask away. */
  static final int ITEMS = 512;

  /** The engine, the compiled policy, the roster and the items, shared by every thread. */
  @State(Scope.Benchmark)
  public static class Workload {
    final RoutingEngine engine = new RoutingEngine();
    RoutingInput[] inputs = new RoutingInput[0];

    @Setup(Level.Trial)
    public void generate() {
      Random random = new Random(SyntheticOrg.SEED);
      RosterSnapshot roster = SyntheticRoster.generate(random);
      CompiledPolicy policy = PolicyParser.compile(SyntheticPolicy.yaml());
      List<Map<String, Object>> items = SyntheticItems.generate(random, ITEMS);
      inputs =
          items.stream()
              .map(item -> new RoutingInput(item, policy, 1, roster, SyntheticOrg.AT, Set.of()))
              .toArray(RoutingInput[]::new);
      System.out.println(mix(policy, roster));
    }

    /** Where the items end up, so a reader can see the work is spread over the rules. */
    private String mix(CompiledPolicy policy, RosterSnapshot roster) {
      Map<String, Integer> depth = new TreeMap<>();
      Map<String, Integer> strategies = new TreeMap<>();
      for (RoutingInput input : inputs) {
        Decision decision = engine.decide(input);
        int rules = decision.path().size();
        String bucket =
            decision.rule() == null
                ? "fallback after all " + rules + " rules"
                : rules <= 10
                    ? "rule 1-10"
                    : rules <= 50 ? "rule 11-50" : rules < 100 ? "rule 51-99" : "rule 100";
        depth.merge(bucket, 1, Integer::sum);
        strategies.merge(
            Objects.requireNonNullElse(decision.strategy(), "fallback"), 1, Integer::sum);
      }
      return "%d rules, %d people, %d teams, %d schedules, %d items; decided by %s; strategies %s"
          .formatted(
              policy.rules().size(),
              roster.people().size(),
              roster.teams().size(),
              roster.onCall().size(),
              inputs.length,
              depth,
              strategies);
    }
  }

  /** Each thread walks the items in its own order. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    RoutingInput next(Workload workload) {
      RoutingInput input = workload.inputs[next];
      next = (next + 1) & (ITEMS - 1);
      return input;
    }
  }

  /** Decisions per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Decision throughput(Workload workload, Cursor cursor) {
    return workload.engine.decide(cursor.next(workload));
  }

  /** The distribution of one decision's time: p50, p90, p99, p99.9. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Decision latency(Workload workload, Cursor cursor) {
    return workload.engine.decide(cursor.next(workload));
  }
}
