package dev.baton.platform;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * W3C trace context across Baton's asynchronous hand-offs. An HTTP request's span comes from Spring
 * Boot's server observation (continuing an inbound {@code traceparent}); work that a row carries to
 * a later step stores {@link #traceparent()} with the row and the step continues it with {@link
 * #continueTrace}: the inbox worker's {@code process webhook} span, the dispatcher's {@code
 * deliver} span. Outgoing requests carry {@link #traceparent()} of the span in hand.
 *
 * <p>Without a tracer (tracing switched off) every method does nothing: no header, no span.
 *
 * <pre>{@code
 * try (var span = traces.continueTrace("deliver", row.traceparent())) {
 *   span.tag("baton.connector", "slack");
 *   ... // requests sent here carry traces.traceparent(): same trace, this span as parent
 * }
 * }</pre>
 */
@Component
public class Traces {

  /** The W3C header. */
  public static final String TRACEPARENT = "traceparent";

  private static final Propagator.Getter<Map<String, String>> GET = Map::get;
  private static final Propagator.Setter<Map<String, String>> PUT =
      (carrier, key, value) -> {
        if (carrier != null) {
          carrier.put(key, value);
        }
      };

  private final Tracer tracer;
  private final Propagator propagator;

  @Autowired
  public Traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    this(
        tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
  }

  Traces(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Tracing switched off: no spans, no headers. For tests and tools without a context. */
  public static Traces off() {
    return new Traces(Tracer.NOOP, Propagator.NOOP);
  }

  /** The {@code traceparent} of the current span, or null when no span is current. */
  public @Nullable String traceparent() {
    Span span = tracer.currentSpan();
    if (span == null || span.isNoop()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>(2);
    propagator.inject(span.context(), carrier, PUT);
    return carrier.get(TRACEPARENT);
  }

  /**
   * Starts {@code name} as a child of {@code traceparent} (stored earlier by {@link
   * #traceparent()}), or as the root of a new trace when there is none or it is malformed, and
   * makes it current until the returned scope closes. The parent's sampling decision is kept.
   */
  public Scope continueTrace(String name, @Nullable String traceparent) {
    Span.Builder builder =
        traceparent == null || traceparent.isBlank()
            ? tracer.spanBuilder().setNoParent()
            : propagator.extract(Map.of(TRACEPARENT, traceparent), GET);
    Span span = builder.name(name).start();
    return new Scope(span, tracer.withSpan(span));
  }

  /** A current span: tag it, mark its error, and close it (ends the span). */
  public static final class Scope implements AutoCloseable {

    private final Span span;
    private final Tracer.SpanInScope inScope;

    private Scope(Span span, Tracer.SpanInScope inScope) {
      this.span = span;
      this.inScope = inScope;
    }

    /** Adds a tag (an attribute of the exported span); null values are left out. */
    public Scope tag(String key, @Nullable Object value) {
      if (value != null) {
        span.tag(key, value.toString());
      }
      return this;
    }

    /** Marks the span as failed with {@code error}. */
    public void error(Throwable error) {
      span.error(error);
    }

    @Override
    public void close() {
      inScope.close();
      span.end();
    }
  }
}
