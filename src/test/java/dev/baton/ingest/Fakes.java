package dev.baton.ingest;

import dev.baton.platform.BatonException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The parts other modules provide, as the inbox tests need them: a {@link SourceEventHandler} that
 * records calls and fails on demand, a {@link SlackEntryPoint} that records requests and answers,
 * and a clock the tests move. Marked primary, so they win over real implementations.
 */
@TestConfiguration(proxyBeanMethods = false)
class Fakes {

  @Bean
  @Primary
  RecordingHandler recordingHandler(JdbcClient jdbc, PlatformTransactionManager transactions) {
    return new RecordingHandler(jdbc, new TransactionTemplate(transactions));
  }

  @Bean
  @Primary
  RecordingSlack recordingSlack() {
    return new RecordingSlack();
  }

  @Bean
  @Primary
  TestClock testClock() {
    return new TestClock();
  }

  /** Records every call; fails the first {@code failures} calls with the given exception. */
  static final class RecordingHandler implements SourceEventHandler {

    record Call(Integration integration, SourceEvent event, UUID inboxId) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private volatile RuntimeException failure = new IllegalStateException("handler down");
    private volatile boolean writeBeforeFailing;

    RecordingHandler(JdbcClient jdbc, TransactionTemplate tx) {
      this.jdbc = jdbc;
      this.tx = tx;
    }

    @Override
    public Outcome apply(Integration integration, SourceEvent event, UUID inboxId) {
      calls.add(new Call(integration, event, inboxId));
      if (failures.getAndDecrement() > 0) {
        if (!writeBeforeFailing) {
          throw failure;
        }
        // like a real handler: a write in a transaction it joins, then a failure inside it
        tx.executeWithoutResult(
            status -> {
              jdbc.sql(
                      "insert into tenants (tenant_id, display_name, created_at)"
                          + " values ('half-written', 'x', now())")
                  .update();
              throw failure;
            });
      }
      return event.kind() == SourceEvent.Kind.IGNORED ? Outcome.IGNORED : Outcome.CREATED;
    }

    /** Fails the next call after a write inside a transaction that joins the inbox's. */
    void writeThenFailNext() {
      failNext(1, new IllegalStateException("failed after writing"));
      writeBeforeFailing = true;
    }

    void failNext(int times, RuntimeException with) {
      failure = with;
      failures.set(times);
    }

    void failAlways() {
      failNext(Integer.MAX_VALUE, new IllegalStateException("handler down"));
    }

    void rejectNext() {
      failNext(1, new BatonException.BadRequest("github payload: /issue/id is missing"));
    }

    void reset() {
      calls.clear();
      failures.set(0);
      writeBeforeFailing = false;
    }
  }

  /** Answers every Slack request with 200 and a text naming what it saw. */
  static final class RecordingSlack implements SlackEntryPoint {

    record Request(Integration integration, @Nullable String contentType, String body) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile @Nullable RuntimeException failure;

    @Override
    public SlackReply answer(
        Integration integration, @Nullable String contentType, byte[] rawBody) {
      String body = new String(rawBody, StandardCharsets.UTF_8);
      requests.add(new Request(integration, contentType, body));
      RuntimeException failing = failure;
      if (failing != null) {
        throw failing;
      }
      return new SlackReply(
          200, Map.of("response_type", "ephemeral", "text", "seen " + body.length() + " bytes"));
    }

    void failWith(RuntimeException e) {
      failure = e;
    }

    void reset() {
      requests.clear();
      failure = null;
    }
  }
}
