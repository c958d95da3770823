package dev.baton.roster.schedule;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;

/** Who is away when, looked up by person. */
final class TimeOffs {

  private final Map<String, List<TimeOff>> byPerson = new HashMap<>();

  TimeOffs(List<TimeOff> all) {
    for (TimeOff t : all) {
      byPerson.computeIfAbsent(t.person(), p -> new java.util.ArrayList<>()).add(t);
    }
  }

  boolean isOff(String person, Instant t) {
    for (TimeOff off : byPerson.getOrDefault(person, List.of())) {
      if (off.covers(t)) {
        return true;
      }
    }
    return false;
  }

  /** Adds the starts and ends of the people's time off that fall strictly inside (a, b). */
  void addBoundaries(List<String> people, Instant a, Instant b, NavigableSet<Instant> into) {
    for (String person : people) {
      for (TimeOff off : byPerson.getOrDefault(person, List.of())) {
        for (Instant edge : List.of(off.from(), off.to())) {
          if (edge.isAfter(a) && edge.isBefore(b)) {
            into.add(edge);
          }
        }
      }
    }
  }

  Instant latestEnd(Instant atLeast) {
    Instant latest = atLeast;
    for (List<TimeOff> offs : byPerson.values()) {
      for (TimeOff off : offs) {
        latest = off.to().isAfter(latest) ? off.to() : latest;
      }
    }
    return latest;
  }
}
