package dev.baton.delivery;

import dev.baton.platform.Ids;
import dev.baton.platform.Traces;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asks every {@link Connector} which deliveries an event needs and writes one pending row per
 * answer, in the transaction that publishes the event; after it commits the dispatcher is woken.
 * Connectors are looked up per event, so a connector may itself depend on the {@link Outbox}.
 */
@Component
class PlanDeliveries {

  private final ObjectProvider<Connector> connectors;
  private final DeliveryRows rows;
  private final DispatchSignal signal;
  private final RetryPolicy retries;
  private final Clock clock;
  private final Traces traces;

  PlanDeliveries(
      ObjectProvider<Connector> connectors,
      DeliveryRows rows,
      DispatchSignal signal,
      RetryPolicy retries,
      Clock clock,
      Traces traces) {
    this.connectors = connectors;
    this.rows = rows;
    this.signal = signal;
    this.retries = retries;
    this.clock = clock;
    this.traces = traces;
  }

  /** Plans the event's deliveries; answers how many rows were written. */
  @Transactional(propagation = Propagation.MANDATORY)
  int plan(Connector.OutboxEvent event, Instant eventTime) {
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    int planned = 0;
    for (Connector connector : connectors.orderedStream().toList()) {
      for (Connector.Planned p : connector.plan(event)) {
        if (insert(event, eventTime, connector.name(), p, now)) {
          planned++;
        }
      }
    }
    if (planned > 0) {
      signal.wakeAfterCommit();
    }
    return planned;
  }

  /** A delivery a connector plans. */
  record PlannedBy(String connector, Connector.Planned planned) {}

  /** The deliveries the connectors plan for an event now, for an event replay; writes nothing. */
  List<PlannedBy> replan(Connector.OutboxEvent event) {
    return connectors
        .orderedStream()
        .flatMap(c -> c.plan(event).stream().map(p -> new PlannedBy(c.name(), p)))
        .toList();
  }

  boolean insert(
      Connector.OutboxEvent event,
      Instant eventTime,
      String connector,
      Connector.Planned planned,
      Instant now) {
    if (planned.destination().isBlank()) {
      throw new IllegalStateException("connector " + connector + " planned a blank destination");
    }
    return rows.insert(
        event,
        eventTime,
        connector,
        planned,
        Ids.newId(clock),
        // the span that planned it (processing a webhook, an API request): "deliver" continues it
        traces.traceparent(),
        now,
        now.plus(retries.firstWait(planned.destination())));
  }
}
