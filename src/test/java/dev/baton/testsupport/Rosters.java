package dev.baton.testsupport;

import dev.baton.routing.RosterSnapshot;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Test data builders for routing snapshots: {@code roster().with(person("alice")).build()}. */
public final class Rosters {

  private final Map<String, RosterSnapshot.Person> people = new LinkedHashMap<>();
  private final Map<String, RosterSnapshot.Team> teams = new LinkedHashMap<>();
  private final Map<String, RosterSnapshot.Queue> queues = new LinkedHashMap<>();
  private final Map<String, Optional<String>> onCall = new HashMap<>();
  private final Map<String, String> cursors = new HashMap<>();
  private final Map<String, String> sticky = new HashMap<>();

  private Rosters() {}

  public static Rosters roster() {
    return new Rosters();
  }

  public static PersonBuilder person(String id) {
    return new PersonBuilder(id);
  }

  public Rosters with(PersonBuilder... builders) {
    for (PersonBuilder b : builders) {
      RosterSnapshot.Person p = b.build();
      people.put(p.id(), p);
    }
    return this;
  }

  public Rosters team(String id, String... members) {
    teams.put(id, new RosterSnapshot.Team(id, List.of(members), List.of()));
    return this;
  }

  public Rosters queue(String id, @Nullable String team) {
    queues.put(id, new RosterSnapshot.Queue(id, team));
    return this;
  }

  public Rosters onCall(String schedule, @Nullable String person) {
    onCall.put(schedule, Optional.ofNullable(person));
    return this;
  }

  public Rosters cursor(String pool, String lastAssigned) {
    cursors.put(pool, lastAssigned);
    return this;
  }

  public Rosters stickyOwner(String relatedItem, String owner) {
    sticky.put(relatedItem, owner);
    return this;
  }

  public RosterSnapshot build() {
    return new RosterSnapshot(people, teams, queues, onCall, cursors, sticky);
  }

  /** A person who is active, in UTC, without hours, limits, skills or open work unless told. */
  public static final class PersonBuilder {
    private final String id;
    private boolean active = true;
    private String timeZone = "UTC";
    private final Map<String, Integer> skills = new HashMap<>();
    private @Nullable Integer maxOpen;
    private final Map<String, Integer> maxByPriority = new HashMap<>();
    private RosterSnapshot.@Nullable WorkingHours hours;
    private final List<RosterSnapshot.TimeOff> timeOff = new ArrayList<>();
    private final Map<String, Integer> open = new HashMap<>();
    private @Nullable Instant lastAssignedAt;

    private PersonBuilder(String id) {
      this.id = id;
    }

    public PersonBuilder inactive() {
      active = false;
      return this;
    }

    public PersonBuilder zone(String zone) {
      timeZone = zone;
      return this;
    }

    public PersonBuilder skill(String name, int level) {
      skills.put(name, level);
      return this;
    }

    public PersonBuilder maxOpen(int max) {
      maxOpen = max;
      return this;
    }

    public PersonBuilder maxOpen(String priority, int max) {
      maxByPriority.put(priority, max);
      return this;
    }

    /** Weekday hours, e.g. {@code weekdays("09:00", "17:00")}. */
    public PersonBuilder weekdays(String from, String to) {
      hours =
          new RosterSnapshot.WorkingHours(
              EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
              LocalTime.parse(from),
              LocalTime.parse(to));
      return this;
    }

    public PersonBuilder off(String from, String until) {
      timeOff.add(new RosterSnapshot.TimeOff(Instant.parse(from), Instant.parse(until)));
      return this;
    }

    public PersonBuilder open(String priority, int count) {
      open.put(priority, count);
      return this;
    }

    public PersonBuilder lastAssigned(String at) {
      lastAssignedAt = Instant.parse(at);
      return this;
    }

    public RosterSnapshot.Person build() {
      return new RosterSnapshot.Person(
          id,
          active,
          timeZone,
          skills,
          new RosterSnapshot.Capacity(maxOpen, maxByPriority),
          hours,
          timeOff,
          open,
          lastAssignedAt);
    }
  }
}
