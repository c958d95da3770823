package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * CPU time and resident memory of a process on this machine, from {@code /proc/<pid>} (Linux; clock
 * ticks of 1/100 s, the kernel's USER_HZ). Without a pid, or off Linux, every reading is empty.
 */
final class ProcessCpu {

  private static final double TICKS_PER_SECOND = 100.0;

  /** CPU seconds used so far, resident bytes, and when (System.nanoTime). */
  record Reading(double cpuSeconds, long residentBytes, long at) {}

  /** Over a stretch of time: cores busy on average, and resident memory at its end. */
  record Use(long pid, double cores, double cpuSeconds, long residentBytes) {}

  private final @Nullable Long pid;

  private ProcessCpu(@Nullable Long pid) {
    this.pid = pid;
  }

  static ProcessCpu of(@Nullable Long pid) {
    return new ProcessCpu(pid);
  }

  @Nullable Reading read() {
    if (pid == null) {
      return null;
    }
    try {
      String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the command: state is field 3, utime 14 and stime 15 (1-based over the whole line)
      double ticks = Double.parseDouble(f[11]) + Double.parseDouble(f[12]);
      long rss = 0;
      for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return new Reading(ticks / TICKS_PER_SECOND, rss, System.nanoTime());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Nullable Use between(@Nullable Reading from, @Nullable Reading to) {
    if (pid == null || from == null || to == null || to.at() <= from.at()) {
      return null;
    }
    double cpu = to.cpuSeconds() - from.cpuSeconds();
    return new Use(pid, cpu / ((to.at() - from.at()) / 1e9), cpu, to.residentBytes());
  }
}
