package dev.baton.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends signed Jira Cloud {@code jira:issue_created} webhooks, each for a new issue ({@code
 * LOAD-<n>}), to one integration's {@code /hooks/{id}} at a steady rate from a background thread,
 * and records every answer with the phase the test was in when it was sent. Fault tests use it as
 * the load the faults happen under.
 */
public final class JiraHookLoad implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One webhook and Baton's answer ({@code status} 0: no answer within the client's timeout);
   * {@code answeredAt} is the {@link System#nanoTime} of the answer.
   */
  public record Sent(
      int n,
      String issueKey,
      String phase,
      int status,
      long answeredAt,
      long latencyMs,
      @Nullable String retryAfter,
      String contentType,
      String body) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonNode template;
  private final URI hookUrl;
  private final byte[] secret;
  private final Duration timeout;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private volatile String phase = "start";

  /**
   * @param template a Jira {@code jira:issue_created} payload (the vendor fixture)
   * @param timeout how long one webhook may wait for Baton's answer before it counts as a hang
   */
  public JiraHookLoad(
      JsonNode template, int port, String integrationId, String secret, Duration timeout) {
    this.template = template;
    this.hookUrl = URI.create("http://127.0.0.1:" + port + "/hooks/" + integrationId);
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.timeout = timeout;
  }

  /** The key of the issue the {@code n}th webhook creates. */
  public static String issueKey(int n) {
    return "LOAD-" + n;
  }

  /** Starts sending {@code perSecond} webhooks a second until {@link #stop}. */
  public void start(int perSecond) {
    ticker.scheduleAtFixedRate(
        () -> senders.submit(this::sendOne), 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
  }

  /** Names the phase the next webhooks are sent in. */
  public void phase(String name) {
    phase = name;
  }

  /** Stops sending and waits (bounded) for the answers still outstanding. */
  public void stop() {
    ticker.shutdownNow();
    senders.shutdown();
    try {
      if (!senders.awaitTermination(timeout.toSeconds() + 10, TimeUnit.SECONDS)) {
        throw new AssertionError("webhooks still unanswered after the client timeout");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** Sends one more webhook now, from the calling thread, and returns its answer. */
  public Sent sendOne() {
    int n = next.incrementAndGet();
    String sentIn = phase;
    byte[] body = payload(n);
    HttpRequest request =
        HttpRequest.newBuilder(hookUrl)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("X-Atlassian-Webhook-Identifier", UUID.randomUUID().toString())
            .header("X-Hub-Signature", "sha256=" + HexFormat.of().formatHex(hmac(body)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    long start = System.nanoTime();
    Sent answer;
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      answer =
          new Sent(
              n,
              issueKey(n),
              sentIn,
              response.statusCode(),
              System.nanoTime(),
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
              response.headers().firstValue("Retry-After").orElse(null),
              response.headers().firstValue("Content-Type").orElse(""),
              response.body());
    } catch (IOException e) {
      answer =
          new Sent(
              n,
              issueKey(n),
              sentIn,
              0,
              System.nanoTime(),
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
              null,
              "",
              e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    sent.add(answer);
    return answer;
  }

  /**
   * Per phase: webhooks sent, the share answered 202, and answer latency p50 / p99 / max, as lines
   * to print (figures from a test, on whatever machine ran it).
   */
  public List<String> report() {
    Map<String, List<Sent>> byPhase = new TreeMap<>();
    for (Sent s : sent) {
      byPhase.computeIfAbsent(s.phase(), k -> new ArrayList<>()).add(s);
    }
    List<String> lines = new ArrayList<>();
    byPhase.forEach(
        (name, list) -> {
          long accepted = list.stream().filter(s -> s.status() == 202).count();
          long[] latencies = list.stream().mapToLong(Sent::latencyMs).sorted().toArray();
          Map<Integer, Long> statuses = new TreeMap<>();
          list.forEach(s -> statuses.merge(s.status(), 1L, Long::sum));
          lines.add(
              String.format(
                  Locale.ROOT,
                  "phase %-10s sent %4d  accepted %5.1f %%  latency p50 %4d ms  p99 %5d ms  max %5d"
                      + " ms  statuses %s",
                  name,
                  list.size(),
                  100.0 * accepted / list.size(),
                  percentile(latencies, 0.50),
                  percentile(latencies, 0.99),
                  latencies[latencies.length - 1],
                  statuses));
        });
    return lines;
  }

  private static long percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private byte[] payload(int n) {
    ObjectNode body = (ObjectNode) template.deepCopy();
    ObjectNode issue = (ObjectNode) body.get("issue");
    issue.put("id", Integer.toString(500_000 + n));
    issue.put("key", issueKey(n));
    issue.put("self", "https://some-instance-test.atlassian.net/rest/api/2/issue/" + (500_000 + n));
    ((ObjectNode) issue.get("fields")).put("summary", "Load issue " + n);
    return JSON.writeValueAsBytes(body);
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    senders.shutdownNow();
  }
}
