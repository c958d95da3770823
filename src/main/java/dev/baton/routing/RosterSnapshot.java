package dev.baton.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the engine knows about people, teams and queues at the decision instant. The caller reads it
 * from storage; the engine never does.
 *
 * @param onCall schedule id to the person on call at the decision instant, already resolved
 * @param roundRobinCursors pool id ({@code team:<id>}) to the person who got the pool's last turn
 * @param stickyOwners related item key to the person who owns that item
 */
public record RosterSnapshot(
    Map<String, Person> people,
    Map<String, Team> teams,
    Map<String, Queue> queues,
    Map<String, Optional<String>> onCall,
    Map<String, String> roundRobinCursors,
    Map<String, String> stickyOwners) {

  public RosterSnapshot {
    people = Map.copyOf(people);
    teams = Map.copyOf(teams);
    queues = Map.copyOf(queues);
    onCall = Map.copyOf(onCall);
    roundRobinCursors = Map.copyOf(roundRobinCursors);
    stickyOwners = Map.copyOf(stickyOwners);
  }

  /**
   * A person with what routing needs to know.
   *
   * @param skills skill name to level (1 and up)
   * @param openByPriority open items by priority ({@code P1}..{@code P5})
   * @param workingHours null when the person has none (always available)
   * @param lastAssignedAt null when never assigned
   */
  public record Person(
      String id,
      boolean active,
      String timeZone,
      Map<String, Integer> skills,
      Capacity capacity,
      @Nullable WorkingHours workingHours,
      List<TimeOff> timeOff,
      Map<String, Integer> openByPriority,
      @Nullable Instant lastAssignedAt) {

    public Person {
      skills = Map.copyOf(skills);
      timeOff = List.copyOf(timeOff);
      openByPriority = Map.copyOf(openByPriority);
    }

    /** Open items of any priority. */
    public int openTotal() {
      int total = 0;
      for (int open : openByPriority.values()) {
        total += open;
      }
      return total;
    }
  }

  /**
   * How much open work a person takes.
   *
   * @param maxOpen null for no limit
   * @param maxOpenByPriority optional caps per priority, e.g. at most 1 open P1
   */
  public record Capacity(@Nullable Integer maxOpen, Map<String, Integer> maxOpenByPriority) {
    public static final Capacity UNLIMITED = new Capacity(null, Map.of());

    public Capacity {
      maxOpenByPriority = Map.copyOf(maxOpenByPriority);
    }
  }

  /**
   * Weekly hours in the person's time zone. When {@code to} is not after {@code from} the hours run
   * past midnight into the next day (a night shift that starts on one of {@code days}).
   */
  public record WorkingHours(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    public WorkingHours {
      days = Set.copyOf(days);
    }
  }

  /** Absence from {@code from} (inclusive) to {@code until} (exclusive). */
  public record TimeOff(Instant from, Instant until) {}

  /**
   * A team; member order is the round-robin order, a repeated member counted at its first place.
   */
  public record Team(String id, List<String> members, List<String> leads) {
    public Team {
      members = List.copyOf(new java.util.LinkedHashSet<>(members));
      leads = List.copyOf(leads);
    }
  }

  /** A queue and the team that owns it (null when none). */
  public record Queue(String id, @Nullable String team) {}
}
