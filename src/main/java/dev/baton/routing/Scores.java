package dev.baton.routing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** How scores are written in why sentences: {@code 1.0}, {@code 3.5}, at most three decimals. */
final class Scores {

  private Scores() {}

  static String format(double value) {
    BigDecimal rounded =
        BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.scale() <= 0 ? rounded.setScale(1).toPlainString() : rounded.toPlainString();
  }

  /** {@code "1.0 vs 2.0, 3.5"}: the winner's score against the others', best first. */
  static String versus(List<Decision.Candidate> ranked) {
    String first = format(ranked.get(0).score());
    if (ranked.size() == 1) {
      return first;
    }
    return first
        + " vs "
        + ranked.subList(1, ranked.size()).stream()
            .map(c -> format(c.score()))
            .collect(Collectors.joining(", "));
  }

  /** Ranks people best first and marks the first as chosen. */
  static List<Decision.Candidate> ranked(List<Scored> scored) {
    return IntStream.range(0, scored.size())
        .mapToObj(
            i -> new Decision.Candidate(scored.get(i).person().id(), scored.get(i).score(), i == 0))
        .toList();
  }

  /** A person with a strategy's score. */
  record Scored(RosterSnapshot.Person person, double score) {}
}
