package dev.baton.delivery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver on 127.0.0.1 whose answers a test scripts: each request is recorded (its
 * {@code webhook-id} and the CloudEvent's subject and sequence) before it is answered with the next
 * scripted {@link Answer}, or 200 when the script is empty. An answer with a delay holds the
 * response that long after the request was recorded: a slow receiver whose answer comes after the
 * sender gave up, with the request landed.
 */
final class FlakyReceiver implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request as it arrived. */
  record Received(String webhookId, String subject, long sequence, String signature) {}

  /** A scripted answer. */
  record Answer(int status, Map<String, String> headers, Duration delay) {
    static Answer status(int status) {
      return new Answer(status, Map.of(), Duration.ZERO);
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
  private volatile Answer fallback = Answer.status(200);
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  FlakyReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("webhook-id"),
                  event.get("subject").asString(),
                  event.get("batonsequence").asLong(),
                  exchange.getRequestHeaders().getFirst("webhook-signature")));
          Answer answer = script.poll();
          if (answer == null) {
            answer = fallback;
          }
          if (!answer.delay().isZero()) {
            try {
              Thread.sleep(answer.delay());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          byte[] body =
              ("answer " + answer.status()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.status(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(threads);
    server.start();
  }

  /** The next requests get these answers, in order. */
  FlakyReceiver then(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** Requests without a scripted answer get this one. */
  FlakyReceiver always(Answer answer) {
    fallback = answer;
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<Received> of(String webhookId) {
    return received.stream().filter(r -> webhookId.equals(r.webhookId())).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
