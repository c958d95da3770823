package dev.baton.bench;

import static dev.baton.bench.SyntheticOrg.AT;

import dev.baton.routing.RosterSnapshot;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A roster snapshot of 500 people in 25 teams, with the mix a real one has: several time zones and
 * shifts, a few people away or inactive, uneven open load, capacity caps, on-call resolved for 20
 * schedules (two with nobody on call), round-robin cursors and sticky owners.
 */
final class SyntheticRoster {

  private static final EnumSet<DayOfWeek> WEEKDAYS =
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private final Random random;

  private SyntheticRoster(Random random) {
    this.random = random;
  }

  static RosterSnapshot generate(Random random) {
    return new SyntheticRoster(random).build();
  }

  private RosterSnapshot build() {
    Map<String, RosterSnapshot.Person> people = new LinkedHashMap<>();
    Map<String, RosterSnapshot.Team> teams = new LinkedHashMap<>();
    Map<String, RosterSnapshot.Queue> queues = new LinkedHashMap<>();
    Map<String, String> cursors = new HashMap<>();
    for (String team : SyntheticOrg.TEAMS) {
      List<String> members = new ArrayList<>();
      for (int m = 0; m < SyntheticOrg.PEOPLE_PER_TEAM; m++) {
        RosterSnapshot.Person person = person(SyntheticOrg.person(team, m), team);
        people.put(person.id(), person);
        members.add(person.id());
      }
      teams.put(team, new RosterSnapshot.Team(team, members, members.subList(0, 2)));
      String queue = SyntheticOrg.supportQueue(team);
      queues.put(queue, new RosterSnapshot.Queue(queue, team));
      if (random.nextInt(10) < 7) {
        cursors.put("team:" + team, members.get(random.nextInt(members.size())));
      }
    }
    queues.put(SyntheticOrg.FALLBACK_QUEUE, new RosterSnapshot.Queue("triage", null));
    Map<String, Optional<String>> onCall = new HashMap<>();
    for (int s = 0; s < SyntheticOrg.SCHEDULES; s++) {
      String team = SyntheticOrg.TEAMS.get(s);
      onCall.put(
          SyntheticOrg.schedule(s),
          s % 10 == 9
              ? Optional.empty()
              : Optional.of(
                  SyntheticOrg.person(team, random.nextInt(SyntheticOrg.PEOPLE_PER_TEAM))));
    }
    Map<String, String> sticky = new HashMap<>();
    List<String> ids = List.copyOf(people.keySet());
    for (int n = 0; n < 300; n++) {
      sticky.put(SyntheticItems.id(n), ids.get(random.nextInt(ids.size())));
    }
    return new RosterSnapshot(people, teams, queues, onCall, cursors, sticky);
  }

  private RosterSnapshot.Person person(String id, String team) {
    Map<String, Integer> skills = new HashMap<>();
    if (random.nextInt(10) < 8) {
      skills.put(team, 1 + random.nextInt(5));
    }
    for (int k = 2 + random.nextInt(3); k > 0; k--) {
      skills.put(pick(SyntheticOrg.GENERAL_SKILLS), 1 + random.nextInt(5));
    }
    Map<String, Integer> open = new HashMap<>();
    int[] most = {1, 2, 3, 4, 3};
    for (int p = 0; p < most.length; p++) {
      int count = random.nextInt(most[p] + 1) - (p == 0 ? random.nextInt(2) : 0);
      if (count > 0) {
        open.put("P" + (p + 1), count);
      }
    }
    return new RosterSnapshot.Person(
        id,
        random.nextInt(50) != 0,
        pick(SyntheticOrg.TIME_ZONES),
        skills,
        capacity(),
        hours(),
        timeOff(),
        open,
        random.nextInt(10) == 0 ? null : AT.minus(Duration.ofMinutes(random.nextInt(7 * 24 * 60))));
  }

  private RosterSnapshot.Capacity capacity() {
    if (random.nextInt(100) < 15) {
      return RosterSnapshot.Capacity.UNLIMITED;
    }
    Map<String, Integer> byPriority =
        random.nextInt(10) < 3 ? Map.of("P1", 1 + random.nextInt(2)) : Map.of();
    return new RosterSnapshot.Capacity(6 + random.nextInt(9), byPriority);
  }

  private RosterSnapshot.@Nullable WorkingHours hours() {
    int kind = random.nextInt(100);
    if (kind < 10) {
      return null;
    }
    if (kind < 25) {
      return new RosterSnapshot.WorkingHours(WEEKDAYS, LocalTime.of(22, 0), LocalTime.of(6, 0));
    }
    int start = 8 + random.nextInt(3);
    return new RosterSnapshot.WorkingHours(
        WEEKDAYS, LocalTime.of(start, 0), LocalTime.of(start + 8, 0));
  }

  private List<RosterSnapshot.TimeOff> timeOff() {
    int kind = random.nextInt(100);
    if (kind < 6) {
      return List.of(off(AT.minus(Duration.ofDays(2)), 5));
    }
    if (kind < 14) {
      return List.of(off(AT.plus(Duration.ofDays(10)), 5));
    }
    if (kind < 19) {
      return List.of(off(AT.minus(Duration.ofDays(30)), 7), off(AT.plus(Duration.ofDays(40)), 3));
    }
    return List.of();
  }

  private static RosterSnapshot.TimeOff off(Instant from, int days) {
    return new RosterSnapshot.TimeOff(from, from.plus(Duration.ofDays(days)));
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
