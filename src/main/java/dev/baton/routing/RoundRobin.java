package dev.baton.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes turns in the team's member order: the next eligible member after the one who got the pool's
 * last turn (the cursor), wrapping around. Score: the turn, 1 for the next one. The order of
 * members matters here by design; the tie-breaker does not apply.
 */
final class RoundRobin implements RoutingStrategy {

  @Override
  public Pick choose(Pool pool) {
    String cursor = pool.roster().roundRobinCursors().get(pool.id());
    List<String> order = pool.memberOrder();
    int start = cursor == null ? -1 : order.indexOf(cursor);
    List<String> eligibleIds = pool.eligible().stream().map(RosterSnapshot.Person::id).toList();
    List<String> turns = new ArrayList<>();
    for (int step = 1; step <= order.size(); step++) {
      String member = order.get(Math.floorMod(start + step, order.size()));
      if (eligibleIds.contains(member) && !turns.contains(member)) {
        turns.add(member);
      }
    }
    List<Decision.Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < turns.size(); i++) {
      candidates.add(new Decision.Candidate(turns.get(i), i + 1, i == 0));
    }
    String chosen = turns.get(0);
    String after = cursor == null ? "with no earlier turn" : "after " + cursor;
    return new Pick(
        chosen,
        "round-robin",
        candidates,
        Map.of(),
        new Decision.CursorUpdate(pool.id(), chosen),
        chosen
            + " was next in the round-robin of "
            + turns.size()
            + " eligible "
            + pool.label()
            + " "
            + after);
  }
}
