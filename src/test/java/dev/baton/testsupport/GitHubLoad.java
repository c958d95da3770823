package dev.baton.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Steady signed GitHub webhook load from a test: {@code issues} deliveries with GitHub's headers
 * ({@code X-GitHub-Event}, {@code X-GitHub-Delivery}, {@code X-GitHub-Hook-ID}, {@code
 * X-Hub-Signature-256} over the raw bytes), mostly {@code opened} for a new issue, every {@code
 * editEvery}-th an {@code edited} of an issue already accepted (a newer {@code updated_at}). Sent
 * at {@code rate} a second, round robin over the hook URLs given (one per node).
 *
 * <p>A delivery that gets no 2xx (connection refused or reset while a node is down, a 5xx) is
 * redelivered later with the same bytes and delivery id, as GitHub's redelivery does, until it gets
 * one: 202 (stored now) or 200 duplicate (stored by an earlier attempt whose answer was lost).
 */
public final class GitHubLoad implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One planned delivery. */
  public record Delivery(String id, String action, long issue, String nodeId, byte[] body) {
    public boolean opened() {
      return action.equals("opened");
    }
  }

  private final List<URI> hooks;
  private final byte[] key;
  private final int rate;
  private final int editEvery;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final ObjectNode template;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final Random random = new Random(8);
  private final Instant base = Instant.parse("2026-11-23T10:00:00Z");

  private final Map<String, Delivery> accepted = new LinkedHashMap<>();
  private final Map<String, Integer> answers = new LinkedHashMap<>();
  private final Deque<Delivery> failed = new ArrayDeque<>();
  private final List<Delivery> openedIssues = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private long next;
  private int turn;
  private volatile boolean running;
  private Thread thread;

  public GitHubLoad(List<String> hookUrls, String secret, int rate, int editEvery) {
    this.hooks = hookUrls.stream().map(URI::create).toList();
    this.key = secret.getBytes(StandardCharsets.UTF_8);
    this.rate = rate;
    this.editEvery = editEvery;
    try (InputStream in =
        GitHubLoad.class.getResourceAsStream("/bench/github-issues-opened.json")) {
      if (in == null) {
        throw new IllegalStateException("bench/github-issues-opened.json is missing");
      }
      this.template = (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts sending on a thread of its own. */
  public synchronized void start() {
    running = true;
    thread =
        Thread.ofPlatform()
            .name("github-load")
            .start(
                () -> {
                  long interval = 1_000_000_000L / rate;
                  long due = System.nanoTime();
                  while (running) {
                    due += interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      LockSupport.parkNanos(wait);
                    }
                    if (post(plan()) && !failed.isEmpty()) {
                      // the node is back: redeliver two of the missed ones per tick as well
                      for (int i = 0; i < 2; i++) {
                        Delivery again = takeFailed();
                        if (again != null) {
                          post(again);
                        }
                      }
                    }
                  }
                });
  }

  /** Stops the steady load (deliveries waiting for redelivery stay). */
  public void stop() {
    running = false;
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Redelivers every delivery that has no 2xx yet, until none is left or the limit passes. */
  public boolean redeliverUntilAccepted(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Delivery d = takeFailed();
      if (d == null) {
        return true;
      }
      if (!post(d)) {
        BatonProcess.pause(Duration.ofMillis(200));
      }
    }
    return failedCount() == 0;
  }

  private synchronized Delivery plan() {
    long n = sent.incrementAndGet();
    boolean edit = editEvery > 0 && n % editEvery == 0 && !openedIssues.isEmpty();
    Delivery target = edit ? openedIssues.get(random.nextInt(openedIssues.size())) : null;
    long issue = target == null ? n : target.issue();
    ObjectNode body = template.deepCopy();
    body.put("action", edit ? "edited" : "opened");
    ObjectNode item = (ObjectNode) body.get("issue");
    String nodeId = "I_crash_" + run + "_" + issue;
    item.put("id", issue);
    item.put("node_id", nodeId);
    item.put("number", issue);
    item.put("title", (edit ? "Edited issue " : "Issue ") + issue + (edit ? " at " + n : ""));
    item.put("html_url", "https://github.com/bench-org/checkout/issues/" + issue);
    item.put("updated_at", base.plusSeconds(n).toString());
    if (edit) {
      body.putObject("changes").putObject("title").put("from", "Issue " + issue);
    }
    return new Delivery(
        UUID.randomUUID().toString(),
        edit ? "edited" : "opened",
        issue,
        nodeId,
        JSON.writeValueAsBytes(body));
  }

  /** Posts once; true when the answer was 2xx. */
  private boolean post(Delivery d) {
    URI hook;
    synchronized (this) {
      hook = hooks.get(turn++ % hooks.size());
    }
    HttpRequest request =
        HttpRequest.newBuilder(hook)
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .header("User-Agent", "GitHub-Hookshot/4c3b5a1")
            .header("X-GitHub-Event", "issues")
            .header("X-GitHub-Delivery", d.id())
            .header("X-GitHub-Hook-ID", "512938")
            .header("X-GitHub-Hook-Installation-Target-Type", "repository")
            .header("X-GitHub-Hook-Installation-Target-ID", "704182")
            .header("X-Hub-Signature-256", "sha256=" + hmac(d.body()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()))
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      status = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = -1;
    }
    synchronized (this) {
      if (status / 100 == 2) {
        answers.merge(status == 202 ? "202" : String.valueOf(status), 1, Integer::sum);
        if (accepted.put(d.id(), d) == null && d.opened()) {
          openedIssues.add(d);
        }
        return true;
      }
      if (status == -1 || status >= 500) {
        failures.incrementAndGet();
        answers.merge(status == -1 ? "no answer" : String.valueOf(status), 1, Integer::sum);
        failed.addLast(d);
      } else {
        rejected.add(d.id() + " answered " + status);
      }
      return false;
    }
  }

  private synchronized Delivery takeFailed() {
    return failed.pollFirst();
  }

  private String hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deliveries that got a 2xx, by delivery id. */
  public synchronized Map<String, Delivery> accepted() {
    return Map.copyOf(accepted);
  }

  /** Answers by status ({@code no answer} for a refused or broken connection). */
  public synchronized Map<String, Integer> answers() {
    return Map.copyOf(answers);
  }

  /** Deliveries answered with a 4xx: there should be none. */
  public synchronized List<String> rejected() {
    return List.copyOf(rejected);
  }

  public synchronized int failedCount() {
    return failed.size();
  }

  /** Attempts that got no 2xx (each redelivered later). */
  public long failures() {
    return failures.get();
  }

  @Override
  public void close() {
    stop();
  }
}
