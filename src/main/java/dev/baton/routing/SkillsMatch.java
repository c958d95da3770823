package dev.baton.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the member whose levels in the wanted skills add up highest. Wanted: the rule's {@code
 * requireSkills} plus the item's {@code skills}. Score: the summed levels, higher wins.
 */
final class SkillsMatch implements RoutingStrategy {

  @Override
  public Pick choose(Pool pool) {
    Set<String> wanted = wanted(pool);
    List<Scores.Scored> ranked =
        pool.eligible().stream()
            .map(p -> new Scores.Scored(p, sum(p, wanted)))
            .sorted(
                Comparator.comparingDouble(Scores.Scored::score)
                    .reversed()
                    .thenComparing(Scores.Scored::person, pool.tieBreak()))
            .toList();
    List<Decision.Candidate> candidates = Scores.ranked(ranked);
    String chosen = candidates.get(0).id();
    return new Pick(
        chosen,
        "skills-match",
        candidates,
        Map.of(),
        null,
        chosen
            + " had the best match for "
            + (wanted.isEmpty() ? "no named skills" : String.join(", ", wanted))
            + " of "
            + candidates.size()
            + " eligible "
            + pool.label()
            + " (skill score "
            + Scores.versus(candidates)
            + ")");
  }

  private static Set<String> wanted(Pool pool) {
    Set<String> wanted = new LinkedHashSet<>(pool.assign().requireSkills());
    pool.item()
        .lookup("skills")
        .filter(List.class::isInstance)
        .ifPresent(list -> ((List<?>) list).forEach(s -> wanted.add(String.valueOf(s))));
    return wanted;
  }

  private static double sum(RosterSnapshot.Person person, Set<String> wanted) {
    return new ArrayList<>(wanted).stream().mapToInt(s -> person.skills().getOrDefault(s, 0)).sum();
  }
}
