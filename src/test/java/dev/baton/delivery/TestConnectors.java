package dev.baton.delivery;

import dev.baton.testsupport.TestClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the dispatcher tests plug in: a scripted {@link Connector} named {@code test} and a clock
 * they move. The connector plans one delivery per event to each of its destinations (ordered by
 * work item), never for {@code delivery.*} events, and answers each send from a per-destination
 * script, delivering when the script is empty.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestConnectors {

  @Bean
  ScriptedConnector scriptedConnector() {
    return new ScriptedConnector();
  }

  @Bean
  @Primary
  TestClock testClock() {
    return new TestClock();
  }

  static final class ScriptedConnector implements Connector {

    /** One send as the connector saw it. */
    record Call(
        String destination, String eventType, String subject, Connector.DeliveryRequest r) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedDeque<Function<DeliveryRequest, Outcome>>> scripts =
        new ConcurrentHashMap<>();
    private volatile List<String> destinations = List.of("test:a");
    private volatile Function<DeliveryRequest, Outcome> fallback = r -> delivered();

    void reset() {
      calls.clear();
      scripts.clear();
      destinations = List.of("test:a");
      fallback = r -> delivered();
    }

    void destinations(String... names) {
      destinations = List.of(names);
    }

    /** The next sends to {@code destination} answer these, in order. */
    @SafeVarargs
    final void script(String destination, Function<DeliveryRequest, Outcome>... answers) {
      var queue = scripts.computeIfAbsent(destination, d -> new ConcurrentLinkedDeque<>());
      queue.addAll(List.of(answers));
    }

    /** Every send without a script answers this. */
    void always(Function<DeliveryRequest, Outcome> answer) {
      fallback = answer;
    }

    List<Call> callsTo(String destination) {
      return calls.stream().filter(c -> c.destination().equals(destination)).toList();
    }

    static Outcome delivered() {
      return new Outcome.Delivered(200, "{\"ok\":true}");
    }

    static Function<DeliveryRequest, Outcome> transientFailure() {
      return r -> new Outcome.Transient(503, "HTTP 503", false, null, "busy");
    }

    static Function<DeliveryRequest, Outcome> permanentFailure() {
      return r -> new Outcome.Permanent(404, "HTTP 404: no such endpoint", "not found");
    }

    /** Blocks until {@code release} opens (or the thread is interrupted), then delivers. */
    static Function<DeliveryRequest, Outcome> blockUntil(
        CountDownLatch started, CountDownLatch release) {
      return r -> {
        started.countDown();
        try {
          if (!release.await(30, TimeUnit.SECONDS)) {
            return new Outcome.Transient(null, "test timed out", true, null, "");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Outcome.Transient(null, "interrupted", true, null, "");
        }
        return delivered();
      };
    }

    @Override
    public String name() {
      return "test";
    }

    @Override
    public List<Planned> plan(OutboxEvent event) {
      if (event.type().startsWith("delivery.")) {
        return List.of();
      }
      return destinations.stream().map(d -> new Planned(d, event.subject())).toList();
    }

    @Override
    public Outcome send(DeliveryRequest delivery) {
      calls.add(
          new Call(
              delivery.destination(),
              delivery.event().type(),
              delivery.event().subject(),
              delivery));
      var queue = scripts.get(delivery.destination());
      Function<DeliveryRequest, Outcome> answer = queue == null ? null : queue.poll();
      return (answer == null ? fallback : answer).apply(delivery);
    }
  }
}
