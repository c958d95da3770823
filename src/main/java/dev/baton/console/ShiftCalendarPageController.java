package dev.baton.console;

import dev.baton.roster.ScheduleView;
import dev.baton.roster.Schedules;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The shift calendar: per schedule, the next seven days in the schedule's own time zone, with who
 * is on call when, as the roster resolves it (rotations, overrides, time-off cover).
 */
@Controller
class ShiftCalendarPageController {

  static final int DAYS = 7;

  private final Schedules schedules;
  private final Clock clock;

  ShiftCalendarPageController(Schedules schedules, Clock clock) {
    this.schedules = schedules;
    this.clock = clock;
  }

  /** A schedule's week, starting today in its zone. */
  record Week(ScheduleView schedule, List<ShiftCalendar.Day> days) {}

  @GetMapping("/roster/calendar")
  String calendar(@AuthenticationPrincipal ConsoleAccount account, Model model) {
    String tenant = account.tenantId();
    List<Week> weeks = new ArrayList<>();
    for (ScheduleView s : schedules.all(tenant)) {
      ZoneId zone = ZoneId.of(s.timeZone());
      LocalDate today = LocalDate.now(clock.withZone(zone));
      weeks.add(
          new Week(
              s,
              ShiftCalendar.of(
                  zone,
                  today,
                  DAYS,
                  schedules.shifts(
                      tenant,
                      s.id(),
                      ShiftCalendar.start(zone, today),
                      ShiftCalendar.end(zone, today, DAYS)))));
    }
    model.addAttribute("weeks", weeks);
    return "roster-calendar";
  }
}
