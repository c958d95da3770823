package dev.baton.ingest;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads one provider's webhook payload into a {@link SourceEvent}. Implementations are pure: no
 * I/O, no clock, no Spring; the same payload always gives the same event.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>An event Baton does not act on (a GitHub {@code ping} or {@code push}, a successful check
 *       run, a PagerDuty {@code service.updated}) returns kind {@link SourceEvent.Kind#IGNORED}
 *       with a reason; it is not an error.
 *   <li>A payload that lacks a field the event needs, or holds it with the wrong JSON type, throws
 *       {@link dev.baton.platform.BatonException.BadRequest} whose message names the provider and
 *       the JSON Pointer of the field ({@code "jira payload: /issue/id is missing"}). So does a
 *       body that is not a JSON object.
 * </ul>
 *
 * <pre>{@code
 * SourceEvent event = Parsers.forProvider("github").parse("issues", payload);
 * if (event.kind() != SourceEvent.Kind.IGNORED) { ... event.externalId() ... }
 * }</pre>
 */
public interface PayloadParser {

  /** The provider this parser reads, as used in {@link SourceEvent#provider()}. */
  String provider();

  /**
   * @param eventHeader the event name the provider sends in a header ({@code X-GitHub-Event},
   *     {@code X-Gitlab-Event}); providers that name the event in the body ignore it
   * @param payload the parsed JSON body
   */
  SourceEvent parse(@Nullable String eventHeader, JsonNode payload);
}
