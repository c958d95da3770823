package dev.baton.routing;

import dev.baton.policy.TieBreaker;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The policy's tie-breaker as a total order on people: ends with the id, so the same candidates
 * always come out in the same order whatever order the roster listed them in.
 */
final class TieBreak {

  private TieBreak() {}

  static Comparator<RosterSnapshot.Person> of(List<TieBreaker> order, LoadWeights weights) {
    Comparator<RosterSnapshot.Person> byId = Comparator.comparing(RosterSnapshot.Person::id);
    return order.stream()
        .map(criterion -> criterion(criterion, weights))
        .reduce(Comparator::thenComparing)
        .map(criteria -> criteria.thenComparing(byId))
        .orElse(byId);
  }

  private static Comparator<RosterSnapshot.Person> criterion(
      TieBreaker criterion, LoadWeights weights) {
    return switch (criterion) {
      case LOAD -> Comparator.comparingDouble(weights::load);
      // never assigned sorts first: they have waited longest
      case LAST_ASSIGNED_AT ->
          Comparator.comparing(p -> p.lastAssignedAt() == null ? Instant.MIN : p.lastAssignedAt());
      case ID -> Comparator.comparing(RosterSnapshot.Person::id);
    };
  }
}
