package dev.baton.delivery.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1: records each request and answers with the status and headers the
 * test set; {@link #hang()} makes it hold answers until {@link #close()}.
 */
final class Receiver implements AutoCloseable {

  record Request(Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse("");
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final java.util.concurrent.ExecutorService threads =
      java.util.concurrent.Executors.newCachedThreadPool();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile Map<String, String> answerHeaders = Map.of();
  private volatile boolean hang;

  Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body));
          if (hang) {
            try {
              released.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          answerHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          byte[] answer =
              ("answer " + status + " " + "x".repeat(4000)).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.setExecutor(threads);
    server.start();
  }

  Receiver answering(int status, Map<String, String> headers) {
    this.status = status;
    this.answerHeaders = headers;
    return this;
  }

  Receiver answering(int status) {
    return answering(status, Map.of());
  }

  void hang() {
    hang = true;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
