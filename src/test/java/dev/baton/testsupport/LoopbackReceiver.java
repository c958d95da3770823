package dev.baton.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook subscriber on 127.0.0.1 that answers 204 at once and records every request Baton's
 * webhook connector sends: its {@code webhook-id} (the delivery id, the same on every attempt), the
 * event's type, subject (the work item) and {@code batonsequence}, in arrival order (recorded when
 * the request arrives, before the answer).
 */
public final class LoopbackReceiver implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request as it arrived. */
  public record Arrival(String webhookId, String type, String subject, long sequence) {}

  private final HttpServer server;
  private final List<Arrival> arrivals = new ArrayList<>();

  public LoopbackReceiver() {
    this(Duration.ZERO);
  }

  /**
   * A receiver that holds each answer for {@code answerDelay}: a node killed meanwhile has sent the
   * request without recording its outcome, the at-least-once case a crash test wants to see.
   */
  public LoopbackReceiver(Duration answerDelay) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            JsonNode event = JSON.readTree(in.readAllBytes());
            record(
                new Arrival(
                    id == null ? "" : id,
                    event.path("type").asString(""),
                    event.path("subject").asString(""),
                    event.path("batonsequence").asLong(-1)));
            if (answerDelay.isPositive()) {
              BatonProcess.pause(answerDelay);
            }
            exchange.sendResponseHeaders(204, -1);
          }
        });
    server.start();
  }

  private synchronized void record(Arrival arrival) {
    arrivals.add(arrival);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  public synchronized List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  /** How many times each {@code webhook-id} arrived. */
  public synchronized Map<String, Integer> countsById() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Arrival a : arrivals) {
      counts.merge(a.webhookId(), 1, Integer::sum);
    }
    return counts;
  }

  /** Per subject, the sequences of the first arrival of each delivery, in arrival order. */
  public synchronized Map<String, List<Long>> firstArrivalSequencesBySubject() {
    Map<String, List<Long>> bySubject = new LinkedHashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Arrival a : arrivals) {
      if (seen.add(a.webhookId())) {
        bySubject.computeIfAbsent(a.subject(), s -> new ArrayList<>()).add(a.sequence());
      }
    }
    return bySubject;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
