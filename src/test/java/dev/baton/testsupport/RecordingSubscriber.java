package dev.baton.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook subscriber on loopback that answers 204 to everything and keeps each request's {@code
 * webhook-id} and CloudEvents body in arrival order, for counting what arrived how often.
 */
public final class RecordingSubscriber implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request as it arrived: its {@code webhook-id} and the event it carried. */
  public record Received(String webhookId, JsonNode event) {
    public String type() {
      return event.get("type").asString();
    }

    public String subject() {
      return event.path("subject").asString("");
    }

    public long sequence() {
      return event.get("batonsequence").asLong();
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  public RecordingSubscriber() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            received.add(new Received(id == null ? "" : id, JSON.readTree(body)));
            exchange.sendResponseHeaders(204, -1);
          }
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/baton";
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
