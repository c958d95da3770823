package dev.baton.testsupport;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A decision function on 127.0.0.1 for tests: records each request (body, and whether its Standard
 * Webhooks signature verifies with the secret it was given, checked by the spec's own library) and
 * answers as told. {@link #hang()} makes it hold requests until {@link #close()}, so a caller's
 * timeout is what ends them, not a sleep.
 */
public final class FakeDecisionFunction implements AutoCloseable {

  /** One request as received. */
  public record Received(JsonNode body, boolean signatureVerified, Map<String, String> headers) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile String secret = "";
  private volatile int status = 200;
  private volatile byte[] answer = new byte[0];
  private volatile Map<String, String> answerHeaders = Map.of();
  private volatile boolean hanging;

  public FakeDecisionFunction() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(executor);
    server.createContext("/fn", this::handle);
    server.start();
  }

  /** The URL to register. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/fn";
  }

  /** The secret requests must be signed with (as Baton returned it on creation). */
  public FakeDecisionFunction signedWith(String secret) {
    this.secret = secret;
    return this;
  }

  /** Answers 200 with this JSON. */
  public FakeDecisionFunction answers(String json) {
    return answers(200, json);
  }

  public FakeDecisionFunction answers(int status, String body) {
    return answers(status, body, Map.of());
  }

  public FakeDecisionFunction answers(int status, String body, Map<String, String> headers) {
    this.status = status;
    this.answer = body.getBytes(StandardCharsets.UTF_8);
    this.answerHeaders = headers;
    this.hanging = false;
    return this;
  }

  /** Holds every request unanswered until closed. */
  public FakeDecisionFunction hang() {
    this.hanging = true;
    return this;
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      received.add(new Received(JSON.readTree(body), verifies(body, headers), headers));
      if (hanging) {
        boolean unused = released.await(30, TimeUnit.SECONDS);
        return;
      }
      answerHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean verifies(String body, Map<String, String> headers) {
    Map<String, List<String>> lists = new TreeMap<>();
    headers.forEach((k, v) -> lists.put(k, List.of(v)));
    try {
      new Webhook(secret).verify(body, lists);
      return true;
    } catch (WebhookVerificationException e) {
      return false;
    } catch (com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
      throw new IllegalStateException("tell the fake function its secret first", e);
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
