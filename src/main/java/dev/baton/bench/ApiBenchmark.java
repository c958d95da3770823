package dev.baton.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load on the work item API: each client creates a work item and assigns it to a
 * person, again and again, for a fixed time. Reports pairs per second and latency percentiles. Runs
 * against any Baton it is given (URL and an admin token).
 */
public final class ApiBenchmark {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
  private static final int PEOPLE = 10;

  /** What to run. */
  public record Settings(
      String url, String token, int concurrency, Duration duration, Duration warmup) {}

  /** What was measured, after the warm-up. */
  public record Result(
      long pairs, double seconds, long errors, Histogram create, Histogram assign, Histogram pair) {
    public double perSecond() {
      return pairs / seconds;
    }
  }

  private final Settings settings;
  private final HttpClient http;

  public ApiBenchmark(Settings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public Result run() throws Exception {
    for (int i = 0; i < PEOPLE; i++) {
      int status =
          send("PUT", "/api/v1/people/bench-" + i, "{\"name\":\"Bench person " + i + "\"}")
              .statusCode();
      if (status != 200 && status != 201) {
        throw new IllegalStateException("could not create bench people: HTTP " + status);
      }
    }
    Recorder create = new Recorder(3);
    Recorder assign = new Recorder(3);
    Recorder pair = new Recorder(3);
    AtomicLong pairs = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + settings.warmup().toNanos();
    long end = measureFrom + settings.duration().toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < settings.concurrency(); c++) {
      int client = c;
      clients.add(
          pool.submit(
              () -> {
                long n = 0;
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  boolean measured = t0 >= measureFrom;
                  try {
                    HttpResponse<String> created =
                        send(
                            "POST",
                            "/api/v1/work-items",
                            "{\"title\":\"Bench item "
                                + client
                                + "-"
                                + n
                                + "\",\"type\":\"task\",\"priority\":\"P3\",\"labels\":[\"bench\"]}");
                    long t1 = System.nanoTime();
                    Matcher id = ID.matcher(created.body());
                    if (created.statusCode() != 201 || !id.find()) {
                      errors.incrementAndGet();
                      continue;
                    }
                    HttpResponse<String> assigned =
                        send(
                            "POST",
                            "/api/v1/work-items/" + id.group(1) + "/actions",
                            "{\"action\":\"assign\",\"to\":\"person:bench-" + (n % PEOPLE) + "\"}");
                    long t2 = System.nanoTime();
                    if (assigned.statusCode() != 200) {
                      errors.incrementAndGet();
                      continue;
                    }
                    if (measured && t2 <= end) {
                      create.recordValue((t1 - t0) / 1000);
                      assign.recordValue((t2 - t1) / 1000);
                      pair.recordValue((t2 - t0) / 1000);
                      pairs.incrementAndGet();
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  n++;
                }
              }));
    }
    for (Future<?> f : clients) {
      f.get();
    }
    pool.shutdown();
    return new Result(
        pairs.get(),
        settings.duration().toNanos() / 1e9,
        errors.get(),
        create.getIntervalHistogram(),
        assign.getIntervalHistogram(),
        pair.getIntervalHistogram());
  }

  public static void report(Settings settings, String target, Result r, PrintStream out) {
    out.printf(
        "Baton API benchmark: %d concurrent clients, %d s measured after %d s warm-up%n",
        settings.concurrency(), settings.duration().toSeconds(), settings.warmup().toSeconds());
    out.printf("target: %s%n", target);
    out.printf(
        "work items created and assigned: %d in %.1f s = %.1f per second (errors: %d)%n",
        r.pairs(), r.seconds(), r.perSecond(), r.errors());
    out.printf("%-16s %8s %8s %8s %8s%n", "latency (ms)", "p50", "p90", "p99", "max");
    line(out, "create", r.create());
    line(out, "assign", r.assign());
    line(out, "create+assign", r.pair());
  }

  private static void line(PrintStream out, String name, Histogram h) {
    out.printf(
        "%-16s %8.2f %8.2f %8.2f %8.2f%n",
        name,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }

  private HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + settings.token())
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
