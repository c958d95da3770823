package dev.baton.routing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one matched rule's target came to: an owner, or a fall-through to the next rule.
 *
 * @param owner {@code person:<id>} or {@code queue:<id>}; null when the rule falls through
 * @param result the rule step's result text
 */
record Resolution(
    @Nullable String owner,
    String result,
    @Nullable String strategy,
    String because,
    List<Decision.Candidate> candidates,
    List<Decision.Rejection> rejected,
    Decision.@Nullable CursorUpdate cursor) {

  static Resolution fallThrough(String result, List<Decision.Rejection> rejected) {
    return new Resolution(null, result, null, result, List.of(), rejected, null);
  }

  static Resolution person(String id, String strategy, String because) {
    return new Resolution(
        "person:" + id,
        "assigned person:" + id,
        strategy,
        because,
        List.of(new Decision.Candidate(id, 0, true)),
        List.of(),
        null);
  }

  static Resolution queue(String id, String because) {
    return new Resolution(
        "queue:" + id, "queued queue:" + id, "queue", because, List.of(), List.of(), null);
  }

  boolean found() {
    return owner != null;
  }

  /** The same resolution explained with a leading clause, e.g. how a dynamic route was read. */
  Resolution prefixed(String clause) {
    return new Resolution(
        owner, result, strategy, clause + "; " + because, candidates, rejected, cursor);
  }
}
