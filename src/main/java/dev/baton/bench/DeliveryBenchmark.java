package dev.baton.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound load: clients create work items through the API (closed loop, or paced), Baton plans a
 * signed webhook delivery for each of their events to a subscription pointing at a receiver this
 * benchmark runs on 127.0.0.1, and the dispatcher sends them. Reports the deliveries received per
 * second and the delivery lag, from the event's {@code time} (stamped in the transaction that
 * commits it) to its arrival at the receiver; and checks that every {@code webhook-id} arrived
 * once. After the load stops it waits until the receiver has everything Baton planned, or nothing
 * arrives for {@link #QUIET}.
 */
public final class DeliveryBenchmark {

  /** A load generator measures real elapsed time. */
  private static final java.time.Clock WALL = java.time.Clock.systemUTC();

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);
  private static final String SECRET = "whsec_" + "QmF0b25EZWxpdmVyeUJlbmNobWFyazIwMjY=";

  /** What to run. */
  public record Settings(
      String url, String token, int concurrency, Duration duration, Duration warmup, int rate) {}

  /**
   * What was measured. Counts and rates cover the deliveries of events stamped while measuring;
   * {@code planned} is what Baton planned to the subscription in all (-1 when it cannot be read).
   */
  public record Result(
      long created,
      long errors,
      long received,
      double seconds,
      Histogram lag,
      long distinct,
      long duplicates,
      long planned,
      long drained,
      boolean drainedInTime) {
    public double perSecond() {
      return received / seconds;
    }

    /** Every planned delivery arrived, and none twice. */
    public boolean exactlyOnce() {
      return duplicates == 0 && (planned < 0 || planned == distinct);
    }
  }

  /** The subscription the deliveries go to. */
  public record Target(UUID subscription) {}

  private final Settings settings;
  private final HttpClient http;

  public DeliveryBenchmark(Settings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * Runs the load; {@code planned} answers how many deliveries Baton planned for the target (or -1
   * when it cannot tell, e.g. against a remote Baton).
   */
  public Result run(ToLongFunction<Target> planned) throws Exception {
    Receiver receiver = new Receiver();
    try {
      UUID subscription = subscribe(receiver.url());
      Target target = new Target(subscription);
      AtomicLong created = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      long start = System.nanoTime();
      long measureFrom = start + settings.warmup().toNanos();
      long end = measureFrom + settings.duration().toNanos();
      receiver.window(
          WALL.instant().plus(settings.warmup()),
          WALL.instant().plus(settings.warmup()).plus(settings.duration()));
      ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < settings.concurrency(); c++) {
        int client = c;
        clients.add(pool.submit(() -> load(client, end, measureFrom, created, errors)));
      }
      for (Future<?> f : clients) {
        f.get();
      }
      pool.shutdown();
      boolean drained = drain(receiver, () -> planned.applyAsLong(target));
      long all = planned.applyAsLong(target);
      return new Result(
          created.get(),
          errors.get(),
          receiver.measured.get(),
          settings.duration().toNanos() / 1e9,
          receiver.lag.getIntervalHistogram(),
          receiver.ids.size(),
          receiver.duplicates.get(),
          all,
          receiver.total.get(),
          drained);
    } finally {
      receiver.close();
    }
  }

  private void load(int client, long end, long measureFrom, AtomicLong created, AtomicLong errors) {
    long interval =
        settings.rate() > 0 ? 1_000_000_000L * settings.concurrency() / settings.rate() : 0;
    long next = System.nanoTime();
    long n = 0;
    while (System.nanoTime() < end) {
      if (interval > 0) {
        next += interval;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      long t0 = System.nanoTime();
      try {
        HttpResponse<String> answer =
            send(
                "/api/v1/work-items",
                "{\"title\":\"Delivery bench "
                    + client
                    + "-"
                    + n++
                    + "\",\"type\":\"task\",\"priority\":\"P3\",\"labels\":[\"bench\"]}");
        if (answer.statusCode() != 201) {
          errors.incrementAndGet();
        } else if (t0 >= measureFrom) {
          created.incrementAndGet();
        }
      } catch (IOException e) {
        errors.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Waits until the receiver has what Baton planned, or nothing new arrives for a while. */
  private static boolean drain(Receiver receiver, java.util.function.LongSupplier planned) {
    Instant giveUp = WALL.instant().plus(DRAIN_LIMIT);
    long seen = -1;
    Instant lastChange = WALL.instant();
    while (WALL.instant().isBefore(giveUp)) {
      long now = receiver.ids.size();
      long expected = planned.getAsLong();
      if (expected >= 0 && now >= expected) {
        return true;
      }
      if (now != seen) {
        seen = now;
        lastChange = WALL.instant();
      } else if (Duration.between(lastChange, WALL.instant()).compareTo(QUIET) > 0) {
        return expected < 0;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private UUID subscribe(String receiverUrl) throws IOException, InterruptedException {
    HttpResponse<String> created =
        send(
            "/api/v1/subscriptions",
            "{\"url\":\"" + receiverUrl + "\",\"events\":[\"*\"],\"secret\":\"" + SECRET + "\"}");
    if (created.statusCode() != 201) {
      throw new IllegalStateException(
          "could not subscribe the bench receiver (is 127.0.0.1 on BATON_OUTBOUND_ALLOWLIST?):"
              + " HTTP "
              + created.statusCode()
              + " "
              + created.body());
    }
    return UUID.fromString(JSON.readTree(created.body()).get("id").asString());
  }

  private HttpResponse<String> send(String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + settings.token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The webhook receiver: answers 204 at once, counts each {@code webhook-id} and records the lag
   * of deliveries whose event was stamped inside the measured window.
   */
  private static final class Receiver implements AutoCloseable {
    final Map<String, AtomicInteger> ids = new ConcurrentHashMap<>();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong measured = new AtomicLong();
    final AtomicLong total = new AtomicLong();
    final Recorder lag = new Recorder(3);
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Instant from = Instant.MAX;
    private volatile Instant to = Instant.MAX;

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
      server.createContext(
          "/",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Instant arrived = WALL.instant();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            received(id, body, arrived);
          });
      server.setExecutor(threads);
      server.start();
    }

    void window(Instant from, Instant to) {
      this.from = from;
      this.to = to;
    }

    private void received(@Nullable String id, byte[] body, Instant arrived) {
      total.incrementAndGet();
      if (id == null || ids.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() > 1) {
        duplicates.incrementAndGet();
        return;
      }
      JsonNode event = JSON.readTree(body);
      Instant time = Instant.parse(event.get("time").asString());
      if (!time.isBefore(from) && time.isBefore(to)) {
        measured.incrementAndGet();
        lag.recordValue(Math.max(0, ChronoUnit.MICROS.between(time, arrived)));
      }
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/deliveries";
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  public static void report(Settings settings, String target, Result r, PrintStream out) {
    out.printf(
        "Baton delivery benchmark: %d concurrent clients creating work items, %s, %d s measured"
            + " after %d s warm-up%n",
        settings.concurrency(),
        settings.rate() > 0 ? "paced at " + settings.rate() + " items/s" : "closed loop",
        settings.duration().toSeconds(),
        settings.warmup().toSeconds());
    out.printf("target: %s%n", target);
    out.printf("work items created while measuring: %d (errors: %d)%n", r.created(), r.errors());
    out.printf(
        "webhook deliveries received for events of the measured window: %d = %.1f per second%n",
        r.received(), r.perSecond());
    out.printf("%-28s %8s %8s %8s %8s%n", "lag (ms)", "p50", "p90", "p99", "max");
    Histogram h = r.lag();
    out.printf(
        "%-28s %8.2f %8.2f %8.2f %8.2f%n",
        "event committed to received",
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
    out.printf(
        "exactly once: %s (distinct webhook-ids %d, duplicates %d, planned by Baton %s%s)%n",
        r.exactlyOnce() ? "yes" : "NO",
        r.distinct(),
        r.duplicates(),
        r.planned() < 0 ? "unknown" : Long.toString(r.planned()),
        r.drainedInTime() ? "" : ", not drained within " + DRAIN_LIMIT.toSeconds() + " s");
  }
}
