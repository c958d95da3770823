package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.bench.LoadWorkload.Source;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The load generator's pure parts: the mix, the actuator reading and the soak verdict. */
class LoadPartsTest {

  @Test
  void theMixNamesEachSourceOnceWithAWeight() {
    assertThat(LoadBenchmark.Settings.mix("github=60, jira=30,slack=10"))
        .containsExactly(
            Map.entry(Source.GITHUB, 60), Map.entry(Source.JIRA, 30), Map.entry(Source.SLACK, 10));
    assertThatThrownBy(() -> LoadBenchmark.Settings.mix("gitlab=5"))
        .hasMessageContaining("github, jira and slack");
    assertThatThrownBy(() -> LoadBenchmark.Settings.mix("github=5,github=6"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> LoadBenchmark.Settings.mix("github=0"))
        .hasMessageContaining("positive");
  }

  @Test
  void theActuatorReadingSumsTheHeapPoolsAndReadsBatonsGauges() {
    BatonGauges g =
        BatonGauges.parse(
            """
            # HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process
            process_cpu_usage{application="baton"} 0.25
            system_cpu_count 2.0
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576.0
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
            jvm_gc_live_data_size_bytes 0.0
            baton_deliveries_pending 7.0
            baton_inbox_depth 3.0
            """);

    assertThat(g.cpu()).isEqualTo(0.25);
    assertThat(g.cpus()).isEqualTo(2.0);
    assertThat(g.heapUsed()).isEqualTo(3 * 1048576.0);
    assertThat(g.heapAfterGc()).as("no collection measured live data yet").isEqualTo(2097152.0);
    assertThat(g.outbox()).isEqualTo(7);
    assertThat(g.inbox()).isEqualTo(3);
    assertThat(BatonGauges.parse("").present()).isFalse();
  }

  @Test
  void aHeapThatKeepsGrowingIsNotFlatAndASteadyOutboxIs() {
    SoakSamples samples = new SoakSamples(Duration.ofSeconds(60));
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    LoadBenchmark.Counts counts = new LoadBenchmark.Counts();
    for (int i = 1; i <= 10; i++) {
      double heap = (100 + 20.0 * i) * 1024 * 1024;
      samples.add(
          60.0 * i,
          new LoadTracker.Window(new Histogram(3), new Histogram(3), 0, 0),
          counts,
          new BatonGauges(0.1, 2, heap, heap, heap, 5 + (i % 2), 0),
          out);
    }

    Map<String, SoakSamples.Trend> trends = new java.util.HashMap<>();
    samples.trends().forEach(t -> trends.put(t.name(), t));

    SoakSamples.Trend heap = java.util.Objects.requireNonNull(trends.get("heap after GC (MB)"));
    assertThat(heap.perHour()).isCloseTo(1200.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(heap.flat()).isFalse();
    assertThat(java.util.Objects.requireNonNull(trends.get("outbox depth")).flat()).isTrue();
  }
}
