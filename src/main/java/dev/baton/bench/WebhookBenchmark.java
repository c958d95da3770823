package dev.baton.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Closed-loop load on the inbound path: each client posts signed GitHub {@code issues.opened}
 * deliveries, each for a new issue, to a GitHub integration's {@code /hooks/{id}} URL, for a fixed
 * time. Reports accepted deliveries per second and the latency of the answer; the caller supplies
 * the processing lag (received to processed, which includes creating and routing the work item),
 * read once the inbox has drained.
 */
public final class WebhookBenchmark {

  /** A load generator measures real elapsed time. */
  private static final java.time.Clock WALL = java.time.Clock.systemUTC();

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What to run. */
  public record Settings(
      String url, String token, int concurrency, Duration duration, Duration warmup, int rate) {}

  /** What was measured, after the warm-up. */
  public record Result(
      long accepted,
      double seconds,
      long errors,
      Histogram answer,
      @Nullable Histogram lag,
      long processed,
      long failed,
      double processedPerSecond) {
    public double perSecond() {
      return accepted / seconds;
    }
  }

  /** The integration the load was sent to, and when measuring started. */
  public record Target(UUID integration, Instant measuredFrom) {}

  /** Ten people in one team, and a live policy that routes every GitHub item to the team. */
  private static final String ROSTER_AND_POLICY = rosterAndPolicy();

  private final Settings settings;
  private final HttpClient http;
  private final ObjectNode template;

  public WebhookBenchmark(Settings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try (InputStream in =
        WebhookBenchmark.class.getResourceAsStream("/bench/github-issues-opened.json")) {
      if (in == null) {
        throw new IllegalStateException("bench/github-issues-opened.json is missing");
      }
      this.template = (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends the load, then asks {@code lag} for the processing lag of the deliveries accepted while
   * measuring (null when it cannot be read, e.g. against a remote Baton).
   */
  public Result run(Function<Target, @Nullable LagReading> lag) throws Exception {
    HttpResponse<String> configured =
        send("/api/v1/config/apply", ROSTER_AND_POLICY, "application/yaml");
    if (configured.statusCode() != 200) {
      throw new IllegalStateException(
          "could not apply the bench roster and policy: HTTP "
              + configured.statusCode()
              + " "
              + configured.body());
    }
    String secret = "bench-" + UUID.randomUUID();
    HttpResponse<String> created =
        send(
            "/api/v1/integrations",
            "{\"provider\":\"github\",\"name\":\"bench-github-"
                + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"secrets\":[\""
                + secret
                + "\"]}",
            "application/json");
    if (created.statusCode() != 201) {
      throw new IllegalStateException(
          "could not create the bench integration: HTTP "
              + created.statusCode()
              + " "
              + created.body());
    }
    JsonNode integration = JSON.readTree(created.body());
    UUID id = UUID.fromString(integration.get("id").asString());
    URI hook = URI.create(settings.url() + "/hooks/" + id);
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);

    Recorder answer = new Recorder(3);
    AtomicLong accepted = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong issue = new AtomicLong(1_000_000);
    long start = System.nanoTime();
    long measureFrom = start + settings.warmup().toNanos();
    long end = measureFrom + settings.duration().toNanos();
    Instant measuredFrom = WALL.instant().plus(settings.warmup());
    ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < settings.concurrency(); c++) {
      clients.add(
          pool.submit(
              () -> {
                Mac mac = hmac(key);
                long interval =
                    settings.rate() > 0
                        ? 1_000_000_000L * settings.concurrency() / settings.rate()
                        : 0;
                long next = System.nanoTime();
                while (System.nanoTime() < end) {
                  if (interval > 0) {
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                      java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                  }
                  byte[] body = payload(issue.incrementAndGet());
                  String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
                  HttpRequest request =
                      HttpRequest.newBuilder(hook)
                          .timeout(Duration.ofSeconds(30))
                          .header("Content-Type", "application/json")
                          .header("User-Agent", "GitHub-Hookshot/bench")
                          .header("X-GitHub-Event", "issues")
                          .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                          .header("X-Hub-Signature-256", signature)
                          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                          .build();
                  long t0 = System.nanoTime();
                  try {
                    HttpResponse<Void> response =
                        http.send(request, HttpResponse.BodyHandlers.discarding());
                    long t1 = System.nanoTime();
                    if (response.statusCode() != 202) {
                      errors.incrementAndGet();
                    } else if (t0 >= measureFrom && t1 <= end) {
                      answer.recordValue((t1 - t0) / 1000);
                      accepted.incrementAndGet();
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }));
    }
    for (Future<?> f : clients) {
      f.get();
    }
    pool.shutdown();
    LagReading reading = lag.apply(new Target(id, measuredFrom));
    return new Result(
        accepted.get(),
        settings.duration().toNanos() / 1e9,
        errors.get(),
        answer.getIntervalHistogram(),
        reading == null ? null : reading.lag(),
        reading == null ? 0 : reading.processed(),
        reading == null ? 0 : reading.failed(),
        reading == null ? 0 : reading.perSecond());
  }

  /**
   * The processing lag, in microseconds, of the deliveries received while measuring.
   *
   * @param processed how many of them were processed
   * @param failed how many were parked as failed
   */
  public record LagReading(Histogram lag, long processed, long failed, double perSecond) {}

  private static String rosterAndPolicy() {
    StringBuilder yaml = new StringBuilder();
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      yaml.append(
          "apiVersion: baton.dev/v1\nkind: Person\nmetadata: { name: hook-bench-%d }\nspec: {"
                  .formatted(i)
              + " displayName: Hook bench %d }\n---\n".formatted(i));
      members.add("hook-bench-" + i);
    }
    yaml.append("apiVersion: baton.dev/v1\nkind: Team\nmetadata: { name: hook-bench }\n")
        .append("spec: { members: [")
        .append(String.join(", ", members))
        .append("] }\n---\n")
        .append("apiVersion: baton.dev/v1\nkind: RoutingPolicy\nmetadata: { name: hook-bench }\n")
        .append("spec:\n  rules:\n    - name: github-bugs\n")
        .append("      when: item.source.system == \"github\"\n")
        .append("      assign: { team: hook-bench, strategy: least-loaded }\n");
    return yaml.toString();
  }

  private byte[] payload(long n) {
    ObjectNode body = template.deepCopy();
    ObjectNode issue = (ObjectNode) body.get("issue");
    issue.put("id", n);
    issue.put("node_id", "I_bench" + n);
    issue.put("number", n);
    issue.put("title", "Bench issue " + n);
    issue.put("html_url", "https://github.com/bench-org/checkout/issues/" + n);
    issue.put("updated_at", WALL.instant().toString());
    return JSON.writeValueAsBytes(body);
  }

  private static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void report(Settings settings, String target, Result r, PrintStream out) {
    out.printf(
        "Baton webhook benchmark: %d concurrent senders, %s, %d s measured after %d s warm-up%n",
        settings.concurrency(),
        settings.rate() > 0 ? "paced at " + settings.rate() + " deliveries/s" : "closed loop",
        settings.duration().toSeconds(),
        settings.warmup().toSeconds());
    out.printf("target: %s%n", target);
    out.printf(
        "GitHub issues.opened deliveries accepted (202): %d in %.1f s = %.1f per second"
            + " (errors: %d)%n",
        r.accepted(), r.seconds(), r.perSecond(), r.errors());
    out.printf("%-22s %8s %8s %8s %8s%n", "latency (ms)", "p50", "p90", "p99", "max");
    line(out, "answer (202)", r.answer());
    Histogram lag = r.lag();
    if (lag == null) {
      out.println("processing lag: not measured (only in-process)");
    } else {
      line(out, "received to processed", lag);
      out.printf(
          "processed: %d (each a work item created and routed), failed: %d, processing rate:"
              + " %.1f per second%n",
          r.processed(), r.failed(), r.processedPerSecond());
    }
  }

  private static void line(PrintStream out, String name, Histogram h) {
    out.printf(
        "%-22s %8.2f %8.2f %8.2f %8.2f%n",
        name,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }

  private HttpResponse<String> send(String path, String body, String contentType)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + settings.token())
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
