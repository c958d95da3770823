package dev.baton.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenTelemetry collector's OTLP/HTTP traces endpoint on loopback: it accepts {@code POST
 * /v1/traces} (protobuf {@code ExportTraceServiceRequest}), counts the posts and keeps the spans'
 * ids, parent ids and names. The protobuf is read by hand (wire format, the few fields needed), so
 * the test needs no generated OTLP classes.
 */
public final class FakeOtlpCollector implements AutoCloseable {

  /** One exported span; ids in lower-case hex, the parent empty for a root. */
  public record Exported(String traceId, String spanId, String parentSpanId, String name) {}

  private final HttpServer server;
  private final AtomicInteger posts = new AtomicInteger();
  private final List<Exported> spans = new CopyOnWriteArrayList<>();

  private FakeOtlpCollector() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/traces", this::handle);
    server.start();
  }

  public static FakeOtlpCollector start() {
    try {
      return new FakeOtlpCollector();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL to configure as the OTLP traces endpoint. */
  public String tracesUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  /** How many export requests arrived. */
  public int posts() {
    return posts.get();
  }

  public List<Exported> spans() {
    return List.copyOf(spans);
  }

  public List<Exported> spans(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      posts.incrementAndGet();
      // ExportTraceServiceRequest.resource_spans(1) → ResourceSpans.scope_spans(2) → spans(2)
      for (byte[] resourceSpans : fields(body, 1)) {
        for (byte[] scopeSpans : fields(resourceSpans, 2)) {
          for (byte[] span : fields(scopeSpans, 2)) {
            spans.add(
                new Exported(
                    hex(first(span, 1)),
                    hex(first(span, 2)),
                    hex(first(span, 4)),
                    new String(first(span, 5), StandardCharsets.UTF_8)));
          }
        }
      }
      // an empty ExportTraceServiceResponse
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, 0);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] first(byte[] message, int field) {
    List<byte[]> found = fields(message, field);
    return found.isEmpty() ? new byte[0] : found.get(0);
  }

  /** The length-delimited values of {@code field} in a protobuf message, in order. */
  private static List<byte[]> fields(byte[] message, int field) {
    List<byte[]> found = new ArrayList<>();
    int[] at = {0};
    while (at[0] < message.length) {
      long key = varint(message, at);
      int number = (int) (key >>> 3);
      int wireType = (int) (key & 7);
      switch (wireType) {
        case 0 -> varint(message, at);
        case 1 -> at[0] += 8;
        case 5 -> at[0] += 4;
        case 2 -> {
          int length = (int) varint(message, at);
          if (number == field) {
            byte[] value = new byte[length];
            System.arraycopy(message, at[0], value, 0, length);
            found.add(value);
          }
          at[0] += length;
        }
        default -> throw new IllegalStateException("unexpected protobuf wire type " + wireType);
      }
    }
    return found;
  }

  private static long varint(byte[] message, int[] at) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = message[at[0]++];
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalStateException("malformed varint");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
