package dev.baton.console;

import dev.baton.assignment.Assignments;
import dev.baton.roster.People;
import dev.baton.roster.ScheduleView;
import dev.baton.roster.Schedules;
import dev.baton.roster.Teams;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** People, teams and schedules: who is on call now and next, and each person's open load. */
@Controller
class RosterPageController {

  private final People people;
  private final Teams teams;
  private final Schedules schedules;
  private final Assignments assignments;
  private final Clock clock;

  RosterPageController(
      People people, Teams teams, Schedules schedules, Assignments assignments, Clock clock) {
    this.people = people;
    this.teams = teams;
    this.schedules = schedules;
    this.assignments = assignments;
    this.clock = clock;
  }

  /**
   * A schedule with whoever covers it now and the next hand-offs (shifts, as the roster has them).
   */
  record OnCall(ScheduleView schedule, @Nullable String now, List<?> next) {}

  @GetMapping("/roster")
  String roster(@AuthenticationPrincipal ConsoleAccount account, Model model) {
    String tenant = account.tenantId();
    Instant now = Instant.now(clock);
    Map<String, Long> load = new HashMap<>();
    for (Assignments.OpenCount c : assignments.openCounts(tenant)) {
      if ("PERSON".equals(c.ownerType()) && c.ownerId() != null) {
        load.merge(c.ownerId(), c.count(), Long::sum);
      }
    }
    model.addAttribute("people", people.all(tenant));
    model.addAttribute("load", load);
    model.addAttribute("teams", teams.all(tenant));
    List<OnCall> onCall = new ArrayList<>();
    for (ScheduleView s : schedules.all(tenant)) {
      onCall.add(
          new OnCall(
              s,
              schedules.personOnCall(tenant, s.id(), now).orElse(null),
              schedules.nextShifts(tenant, s.id(), now, 3)));
    }
    model.addAttribute("schedules", onCall);
    return "roster";
  }
}
