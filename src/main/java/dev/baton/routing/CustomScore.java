package dev.baton.routing;

import dev.baton.policy.CelScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks members by the rule's CEL {@code score} expression over {@code item} and {@code candidate},
 * higher wins. A member on whom the expression fails is rejected with the error.
 */
final class CustomScore implements RoutingStrategy {

  @Override
  public Pick choose(Pool pool) {
    CelScore score = pool.score();
    if (score == null) {
      // the parser refuses strategy score without an expression; a hand-built policy falls through
      return new Pick(null, "score", List.of(), Map.of(), null, "the rule has no score expression");
    }
    List<Scores.Scored> scored = new ArrayList<>();
    Map<String, String> rejected = new LinkedHashMap<>();
    for (RosterSnapshot.Person person : pool.eligible()) {
      CelScore.Result result = score.evaluate(pool.item(), candidate(person, pool, score));
      if (result.failed()) {
        rejected.put(person.id(), "score failed: " + result.error());
      } else {
        scored.add(new Scores.Scored(person, result.score()));
      }
    }
    if (scored.isEmpty()) {
      return new Pick(null, "score", List.of(), rejected, null, "the score failed on everyone");
    }
    List<Decision.Candidate> candidates =
        Scores.ranked(
            scored.stream()
                .sorted(
                    Comparator.comparingDouble(Scores.Scored::score)
                        .reversed()
                        .thenComparing(Scores.Scored::person, pool.tieBreak()))
                .toList());
    String chosen = candidates.get(0).id();
    return new Pick(
        chosen,
        "score",
        candidates,
        rejected,
        null,
        chosen
            + " had the highest score of "
            + candidates.size()
            + " eligible "
            + pool.label()
            + " (score "
            + Scores.versus(candidates)
            + ")");
  }

  /**
   * The minimized attributes a score expression sees: no name, email or identities; of those, only
   * the ones the expression reads (a field it does not read could not change its result).
   */
  static Map<String, Object> candidate(RosterSnapshot.Person person, Pool pool, CelScore score) {
    Map<String, Object> candidate = new LinkedHashMap<>();
    candidate.put("id", person.id());
    if (score.reads("skills")) {
      candidate.put("skills", person.skills());
    }
    if (score.reads("load")) {
      candidate.put("load", pool.load().applyAsDouble(person));
    }
    if (score.reads("openByPriority")) {
      candidate.put("openByPriority", person.openByPriority());
    }
    if (score.reads("timeZone")) {
      candidate.put("timeZone", person.timeZone());
    }
    if (person.lastAssignedAt() != null && score.reads("lastAssignedAt")) {
      candidate.put("lastAssignedAt", person.lastAssignedAt());
    }
    return candidate;
  }
}
