package dev.baton.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Picks the member with the least open work weighted by priority. Score: the weighted load, lower
 * wins; equal loads go to the tie-breaker.
 */
final class LeastLoaded implements RoutingStrategy {

  @Override
  public Pick choose(Pool pool) {
    List<Scores.Scored> ranked =
        pool.eligible().stream()
            .map(p -> new Scores.Scored(p, pool.load().applyAsDouble(p)))
            .sorted(
                Comparator.comparingDouble(Scores.Scored::score)
                    .thenComparing(Scores.Scored::person, pool.tieBreak()))
            .toList();
    List<Decision.Candidate> candidates = Scores.ranked(ranked);
    String chosen = candidates.get(0).id();
    String because =
        candidates.size() == 1
            ? chosen + " was the only eligible one of the " + pool.label()
            : chosen + " was least loaded of " + candidates.size() + " eligible " + pool.label();
    return new Pick(
        chosen,
        "least-loaded",
        candidates,
        Map.of(),
        null,
        because + " (load " + Scores.versus(candidates) + ")");
  }
}
