package dev.baton.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Baton's {@code /actuator/prometheus} says about its process at one moment: CPU, heap, heap
 * after GC and the depths of its inbox and outbox.
 *
 * @param cpu {@code process_cpu_usage}: the process's recent CPU use, 0 to 1 of all cores
 * @param cpus {@code system_cpu_count}
 * @param heapUsed {@code jvm_memory_used_bytes} summed over the heap's pools
 * @param liveData {@code jvm_gc_live_data_size_bytes}: the old generation after the last major or
 *     concurrent collection (0 until there was one)
 * @param oldGen {@code jvm_memory_used_bytes} of the old generation's pool
 * @param outbox {@code baton_deliveries_pending}: deliveries planned and not yet done
 * @param inbox {@code baton_inbox_depth}: webhook deliveries stored and not yet processed
 */
record BatonGauges(
    double cpu,
    double cpus,
    double heapUsed,
    double liveData,
    double oldGen,
    double outbox,
    double inbox) {

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})?\\s+(\\S+)");

  static final BatonGauges NONE = new BatonGauges(-1, -1, -1, -1, -1, -1, -1);

  /** Heap after GC: the live data when a collection has measured it, else the old generation. */
  double heapAfterGc() {
    return liveData > 0 ? liveData : oldGen;
  }

  boolean present() {
    return heapUsed >= 0;
  }

  static BatonGauges parse(String text) {
    if (text.isBlank()) {
      return NONE;
    }
    Map<String, Double> plain = new HashMap<>();
    double heap = 0;
    double old = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        continue;
      }
      String name = m.group(1);
      String labels = m.group(3) == null ? "" : m.group(3);
      double value;
      try {
        value = Double.parseDouble(m.group(4));
      } catch (NumberFormatException e) {
        continue;
      }
      if (name.equals("jvm_memory_used_bytes") && labels.contains("area=\"heap\"")) {
        heap += value;
        if (labels.contains("Old Gen") || labels.contains("Tenured")) {
          old += value;
        }
      } else {
        plain.merge(name, value, Double::sum);
      }
    }
    return new BatonGauges(
        plain.getOrDefault("process_cpu_usage", -1.0),
        plain.getOrDefault("system_cpu_count", -1.0),
        heap,
        plain.getOrDefault("jvm_gc_live_data_size_bytes", 0.0),
        old,
        plain.getOrDefault("baton_deliveries_pending", -1.0),
        plain.getOrDefault("baton_inbox_depth", -1.0));
  }
}
