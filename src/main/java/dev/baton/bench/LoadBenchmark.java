package dev.baton.bench;

import dev.baton.bench.LoadTracker.Sent;
import dev.baton.bench.LoadWorkload.Planned;
import dev.baton.bench.LoadWorkload.Source;
import dev.baton.bench.LoadWorkload.Step;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The load generator ({@code baton bench load}): real signed GitHub, Jira and Slack deliveries to a
 * running Baton's {@code /hooks}, in a set mix, paced (open loop) or as fast as answers come
 * (closed loop), with a share resent as duplicates and a share of out-of-order updates; a loopback
 * {@link LoadReceiver} stands in for Slack, Jira and a webhook subscriber. While it runs a {@link
 * LoadTracker} follows Baton through its API; after it the run drains and {@link LoadChecks} checks
 * that everything was processed once and delivered once to each destination.
 */
public final class LoadBenchmark {

  /** What to run. */
  public record Settings(
      String url,
      String token,
      Map<Source, Integer> mix,
      int rate,
      int concurrency,
      Duration duration,
      Duration warmup,
      double duplicates,
      double outOfOrder,
      Duration sample,
      long seed) {

    /** {@code github=60,jira=30,slack=10}; every source named at most once, weights at least 0. */
    public static Map<Source, Integer> mix(String text) {
      Map<Source, Integer> mix = new EnumMap<>(Source.class);
      for (String part : text.split(",")) {
        String[] kv = part.trim().split("=");
        if (kv.length != 2) {
          throw new IllegalArgumentException("--mix parts look like github=60, not '" + part + "'");
        }
        Source source;
        try {
          source = Source.valueOf(kv[0].trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "--mix knows github, jira and slack, not '" + kv[0] + "'");
        }
        int weight;
        try {
          weight = Integer.parseInt(kv[1].trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--mix weight of " + kv[0] + " is not a number");
        }
        if (weight < 0 || mix.put(source, weight) != null) {
          throw new IllegalArgumentException("--mix: " + kv[0] + " twice or negative");
        }
      }
      if (mix.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
        throw new IllegalArgumentException("--mix needs a positive weight");
      }
      return mix;
    }

    String describeMix() {
      StringBuilder s = new StringBuilder();
      mix.forEach(
          (k, v) ->
              s.append(s.isEmpty() ? "" : ",")
                  .append(k.name().toLowerCase(java.util.Locale.ROOT))
                  .append('=')
                  .append(v));
      return s.toString();
    }
  }

  /** Counts of what was sent, per source and step. */
  static final class Counts {
    final Map<Source, AtomicLong> sent = counters();
    final Map<Source, AtomicLong> accepted = counters();
    final Map<Source, AtomicLong> errors = counters();
    final Map<Step, AtomicLong> steps = new EnumMap<>(Step.class);
    final AtomicLong duplicatesSent = new AtomicLong();
    final AtomicLong duplicatesAnswered = new AtomicLong();
    final AtomicLong duplicatesWrong = new AtomicLong();
    final Map<Source, Recorder> answer = new EnumMap<>(Source.class);
    final Map<Source, AtomicLong> measured = counters();
    final AtomicLong inFlightSkipped = new AtomicLong();

    /** Inbox ids of GitHub and Jira sends Baton accepted, and of the older halves. */
    final ConcurrentLinkedQueue<String> acceptedIds = new ConcurrentLinkedQueue<>();

    final ConcurrentLinkedQueue<String> olderIds = new ConcurrentLinkedQueue<>();
    final AtomicLong pressesAnswered = new AtomicLong();
    final AtomicLong lastErrorAt = new AtomicLong();
    volatile @Nullable String lastError;

    Counts() {
      for (Step s : Step.values()) {
        steps.put(s, new AtomicLong());
      }
      for (Source s : Source.values()) {
        answer.put(s, new Recorder(3));
      }
    }

    /** Sends of one step, in all. */
    long steps(Step step) {
      return Objects.requireNonNull(steps.get(step)).get();
    }

    private static Map<Source, AtomicLong> counters() {
      Map<Source, AtomicLong> m = new EnumMap<>(Source.class);
      for (Source s : Source.values()) {
        m.put(s, new AtomicLong());
      }
      return m;
    }
  }

  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(90);
  private static final int MAX_IN_FLIGHT = 512;

  private final Settings settings;
  private final BatonClient baton;
  private final LoadPayloads payloads = new LoadPayloads();
  private final Counts counts = new Counts();
  private final AtomicLong presses = new AtomicLong();
  private final LoadReceiver receiver;

  public LoadBenchmark(Settings settings, LoadReceiver receiver) {
    this.settings = settings;
    this.receiver = receiver;
    this.baton =
        new BatonClient(
            settings.url(),
            settings.token(),
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build());
  }

  /**
   * Sets the tenant up, sends the load, prints a sample line per window to {@code out} when {@code
   * --sample} is set, drains and checks. {@code pid} is Baton's process id when it runs on this
   * machine (its CPU time is then read from {@code /proc}), else null.
   */
  public LoadResult run(@Nullable Long pid, PrintStream out) throws Exception {
    LoadSetup.Target target = LoadSetup.apply(baton, receiver);
    LoadWorkload workload =
        new LoadWorkload(settings.outOfOrder(), target.startedAt().minus(Duration.ofDays(1)));
    LoadTracker tracker =
        new LoadTracker(baton, workload, receiver, List.of(target.github(), target.jira()));
    tracker.skipToEnd();
    SoakSamples samples = new SoakSamples(settings.sample());
    ProcessCpu cpu = ProcessCpu.of(pid);

    long start = System.nanoTime();
    long measureFrom = start + settings.warmup().toNanos();
    long end = measureFrom + settings.duration().toNanos();
    Thread follower =
        Thread.ofPlatform().name("load-tracker").daemon().start(() -> follow(tracker, end));
    ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    List<java.util.concurrent.Future<?>> loops = new ArrayList<>();
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    if (settings.rate() > 0) {
      loops.add(
          senders.submit(
              () -> paced(workload, tracker, target, senders, inFlight, measureFrom, end)));
    } else {
      for (int c = 0; c < settings.concurrency(); c++) {
        long seed = settings.seed() + c;
        loops.add(
            senders.submit(
                () -> {
                  SplittableRandom random = new SplittableRandom(seed);
                  while (System.nanoTime() < end) {
                    sendOne(workload, tracker, target, random, measureFrom, end);
                  }
                }));
      }
    }
    List<BatonGauges> gauges = new ArrayList<>();
    ProcessCpu.Reading cpuFrom = null;
    long nextSample = start + settings.sample().toNanos();
    long nextScrape = start;
    samples.header(out);
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      if (cpuFrom == null && now >= measureFrom) {
        cpuFrom = cpu.read();
      }
      if (now >= nextScrape) {
        BatonGauges g = scrape();
        if (now >= measureFrom) {
          gauges.add(g);
        }
        nextScrape += TimeUnit.SECONDS.toNanos(1);
        if (!settings.sample().isZero() && now >= nextSample) {
          samples.add((now - start) / 1e9, tracker.takeWindow(), counts, g, out);
          nextSample += settings.sample().toNanos();
        }
      }
      LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(50), Math.max(1, end - now)));
    }
    ProcessCpu.Reading cpuTo = cpu.read();
    for (var loop : loops) {
      loop.get();
    }
    senders.shutdown();
    senders.awaitTermination(60, TimeUnit.SECONDS);
    boolean paired = completePairs(workload, tracker, target);
    boolean drained = drain(tracker, receiver) && paired;
    follower.interrupt();
    follower.join(TimeUnit.SECONDS.toMillis(30));
    tracker.poll();
    BatonGauges after = scrape();
    LoadChecks.Outcome checks = LoadChecks.verify(baton, target, counts, receiver, tracker);
    return new LoadResult(
        settings,
        payloads.source(),
        counts,
        tracker,
        checks,
        drained,
        gauges,
        after,
        cpuFrom == null ? null : cpu.between(cpuFrom, cpuTo),
        samples,
        workload.slackFallbacks());
  }

  private void follow(LoadTracker tracker, long end) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        tracker.poll();
        Thread.sleep(System.nanoTime() < end ? 50 : 100);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        counts.lastError = "following Baton: " + e;
      }
    }
  }

  private void paced(
      LoadWorkload workload,
      LoadTracker tracker,
      LoadSetup.Target target,
      ExecutorService senders,
      Semaphore inFlight,
      long measureFrom,
      long end) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    long interval = 1_000_000_000L / settings.rate();
    long next = System.nanoTime();
    while (next < end) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      next += interval;
      if (!inFlight.tryAcquire()) {
        counts.inFlightSkipped.incrementAndGet();
        continue;
      }
      SplittableRandom own = random.split();
      senders.submit(
          () -> {
            try {
              sendOne(workload, tracker, target, own, measureFrom, end);
            } finally {
              inFlight.release();
            }
          });
    }
  }

  /**
   * Sends the older half of every out-of-order pair whose newer half went out during the load, each
   * once Baton has processed the newer one; false when that did not happen within the drain limit.
   */
  private boolean completePairs(LoadWorkload workload, LoadTracker tracker, LoadSetup.Target target)
      throws InterruptedException {
    long giveUp = System.nanoTime() + DRAIN_LIMIT.toNanos();
    SplittableRandom random = new SplittableRandom(settings.seed() - 1);
    while (workload.pairsOpen() > 0) {
      if (System.nanoTime() > giveUp) {
        return false;
      }
      Planned older = workload.owedOlder();
      if (older == null) {
        Thread.sleep(50);
        continue;
      }
      send(workload, older, tracker, target, random, false);
    }
    return true;
  }

  private Source pick(SplittableRandom random) {
    int total = settings.mix().values().stream().mapToInt(Integer::intValue).sum();
    int r = random.nextInt(total);
    for (var e : settings.mix().entrySet()) {
      r -= e.getValue();
      if (r < 0) {
        return e.getKey();
      }
    }
    return Source.GITHUB;
  }

  private void sendOne(
      LoadWorkload workload,
      LoadTracker tracker,
      LoadSetup.Target target,
      SplittableRandom random,
      long measureFrom,
      long end) {
    Planned planned = workload.next(pick(random), random);
    long t0 = System.nanoTime();
    send(workload, planned, tracker, target, random, t0 >= measureFrom && t0 < end);
  }

  private void send(
      LoadWorkload workload,
      Planned planned,
      LoadTracker tracker,
      LoadSetup.Target target,
      SplittableRandom random,
      boolean measured) {
    long t0 = System.nanoTime();
    LoadPayloads.Signed signed = sign(planned, target);
    Sent sent = tracker.sending(planned, signed.deliveryId(), measured);
    Source source = planned.source();
    Objects.requireNonNull(counts.sent.get(source)).incrementAndGet();
    Objects.requireNonNull(counts.steps.get(planned.step())).incrementAndGet();
    try {
      HttpResponse<String> answer = post(hook(planned, target), signed, sent.correlation);
      long t1 = System.nanoTime();
      String id = answerId(answer);
      boolean ok =
          source == Source.SLACK
              ? answer.statusCode() == 200 && !answer.body().contains("\"duplicate\"")
              : answer.statusCode() == 202 && id != null;
      if (!ok) {
        error(source, "HTTP " + answer.statusCode() + " " + answer.body());
        workload.failed(planned);
        return;
      }
      Objects.requireNonNull(counts.accepted.get(source)).incrementAndGet();
      if (measured) {
        Objects.requireNonNull(counts.answer.get(source)).recordValue((t1 - t0) / 1000);
        Objects.requireNonNull(counts.measured.get(source)).incrementAndGet();
      }
      if (source == Source.SLACK) {
        counts.pressesAnswered.incrementAndGet();
      } else {
        counts.acceptedIds.add(java.util.Objects.requireNonNull(id));
        if (planned.step() == Step.OLDER) {
          counts.olderIds.add(id);
        }
      }
      if (random.nextDouble() < settings.duplicates()) {
        counts.duplicatesSent.incrementAndGet();
        HttpResponse<String> again = post(hook(planned, target), signed, sent.correlation);
        JsonNode body = again.body().isBlank() ? null : BatonClient.JSON.readTree(again.body());
        boolean duplicate =
            again.statusCode() == 200
                && body != null
                && "duplicate".equals(body.path("status").asString(""))
                && (id == null || id.equals(body.path("id").asString("")));
        (duplicate ? counts.duplicatesAnswered : counts.duplicatesWrong).incrementAndGet();
      }
      if (source == Source.SLACK) {
        workload.done(planned.issue());
      } else {
        tracker.accepted(sent, java.util.Objects.requireNonNull(id));
      }
    } catch (IOException | RuntimeException e) {
      error(source, e.toString());
      workload.failed(planned);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workload.failed(planned);
    }
  }

  private void error(Source source, String what) {
    Objects.requireNonNull(counts.errors.get(source)).incrementAndGet();
    counts.lastError = source + ": " + what;
  }

  private static @Nullable String answerId(HttpResponse<String> answer) {
    if (answer.body() == null || answer.body().isBlank()) {
      return null;
    }
    JsonNode body = BatonClient.JSON.readTree(answer.body());
    String id = body.path("id").asString("");
    return id.isEmpty() || !"accepted".equals(body.path("status").asString("")) ? null : id;
  }

  private LoadPayloads.Signed sign(Planned planned, LoadSetup.Target target) {
    var issue = planned.issue();
    Instant version = issue.at(planned.version());
    String deliveryId = UUID.randomUUID().toString();
    return switch (planned.source()) {
      case GITHUB ->
          payloads.github(
              target.githubSecret(), deliveryId, githubAction(planned.step()), issue.n, version);
      case JIRA ->
          payloads.jira(
              target.jiraSecret(),
              deliveryId,
              jiraAction(planned.step()),
              issue.n,
              version,
              planned.version());
      case SLACK -> {
        long n = presses.incrementAndGet();
        yield payloads.slackAccept(
            target.slackSecret(),
            java.util.Objects.requireNonNull(planned.message()),
            java.util.Objects.requireNonNull(issue.workItem),
            receiver.responseUrl(n),
            BenchClock.now(),
            n);
      }
    };
  }

  private static String githubAction(Step step) {
    return switch (step) {
      case OPEN -> "opened";
      case CLOSE -> "closed";
      default -> "edited";
    };
  }

  private static String jiraAction(Step step) {
    return switch (step) {
      case OPEN -> "created";
      case CLOSE -> "closed";
      default -> "updated";
    };
  }

  private URI hook(Planned planned, LoadSetup.Target target) {
    UUID integration =
        switch (planned.source()) {
          case GITHUB -> target.github();
          case JIRA -> target.jira();
          case SLACK -> target.slack();
        };
    return URI.create(baton.url() + "/hooks/" + integration);
  }

  private HttpResponse<String> post(URI hook, LoadPayloads.Signed signed, String correlation)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(hook)
            .timeout(Duration.ofSeconds(30))
            .header("X-Correlation-Id", correlation)
            .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
    signed.headers().forEach(request::header);
    return baton.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private BatonGauges scrape() {
    try {
      return BatonGauges.parse(baton.prometheus());
    } catch (IOException e) {
      return BatonGauges.NONE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return BatonGauges.NONE;
    }
  }

  /**
   * Waits until Baton processed every accepted send and has no pending delivery, and the receiver
   * saw nothing new for a second; false when that took longer than {@link #DRAIN_LIMIT}.
   */
  private boolean drain(LoadTracker tracker, LoadReceiver receiver) throws Exception {
    long giveUp = System.nanoTime() + DRAIN_LIMIT.toNanos();
    long lastCount = -1;
    long quietSince = System.nanoTime();
    while (true) {
      long arrived =
          receiver.webhooks.ids.size()
              + receiver.slackPosts.ids.size()
              + receiver.slackUpdates.get()
              + receiver.jiraComments.ids.size();
      if (arrived != lastCount) {
        lastCount = arrived;
        quietSince = System.nanoTime();
      }
      boolean pending =
          !baton.get("/api/v1/deliveries?status=pending&limit=1").path("items").isEmpty();
      if (tracker.outstanding() == 0
          && !pending
          && System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(1)) {
        return true;
      }
      if (System.nanoTime() > giveUp) {
        counts.lastError =
            "not drained: "
                + tracker.outstanding()
                + " sends not yet processed, deliveries pending: "
                + pending;
        return false;
      }
      Thread.sleep(200);
    }
  }
}
