package dev.baton.console;

import dev.baton.assignment.AssignmentState;
import dev.baton.assignment.Assignments;
import dev.baton.roster.Queue;
import dev.baton.roster.Team;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Open work by team and state: a person's work counts for each team they belong to, a queue's for
 * the team that owns it; unowned work and people in no team have rows of their own.
 *
 * @param states the open states, in lifecycle order (the table's columns)
 * @param rows one row per team, by team name
 */
record OpenWork(List<String> states, List<Row> rows) {

  static final String UNASSIGNED = "(unassigned)";
  static final String NO_TEAM = "(no team)";

  /** A team's counts per state, in the order of {@link #states}, and their total. */
  record Row(String team, List<Long> counts, long total) {}

  static OpenWork of(List<Assignments.OpenCount> counts, List<Team> teams, List<Queue> queues) {
    List<String> states = new ArrayList<>();
    for (AssignmentState s : AssignmentState.values()) {
      if (s != AssignmentState.CLOSED) {
        states.add(s.name());
      }
    }
    Map<String, List<String>> teamsOfPerson = new HashMap<>();
    for (Team t : teams) {
      t.members()
          .forEach(p -> teamsOfPerson.computeIfAbsent(p, k -> new ArrayList<>()).add(t.id()));
    }
    Map<String, String> teamOfQueue = new HashMap<>();
    queues.forEach(q -> teamOfQueue.put(q.id(), q.team()));
    Map<String, long[]> byTeam = new TreeMap<>();
    for (Assignments.OpenCount c : counts) {
      List<String> owners;
      if (c.ownerType() == null || c.ownerId() == null) {
        owners = List.of(UNASSIGNED);
      } else if ("QUEUE".equals(c.ownerType())) {
        owners = List.of(teamOfQueue.getOrDefault(c.ownerId(), NO_TEAM));
      } else {
        owners = teamsOfPerson.getOrDefault(c.ownerId(), List.of(NO_TEAM));
      }
      int column = states.indexOf(c.state());
      if (column < 0) {
        continue;
      }
      for (String team : owners) {
        byTeam.computeIfAbsent(team, k -> new long[states.size()])[column] += c.count();
      }
    }
    List<Row> rows = new ArrayList<>();
    byTeam.forEach(
        (team, values) -> {
          List<Long> list = new ArrayList<>();
          long total = 0;
          for (long v : values) {
            list.add(v);
            total += v;
          }
          rows.add(new Row(team, list, total));
        });
    return new OpenWork(states, rows);
  }
}
