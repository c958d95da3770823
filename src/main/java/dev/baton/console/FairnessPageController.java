package dev.baton.console;

import dev.baton.assignment.AssignmentHistory;
import dev.baton.escalation.EscalationPages;
import dev.baton.platform.BatonException;
import dev.baton.roster.People;
import dev.baton.roster.Person;
import dev.baton.roster.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The fairness view: per person over a period, how much work became theirs, how often escalation
 * paged them, and how long they were on call at night (22:00 to 07:00 in their own zone).
 */
@Controller
class FairnessPageController {

  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 92;

  private final People people;
  private final AssignmentHistory assignments;
  private final EscalationPages pages;
  private final Schedules schedules;
  private final Clock clock;

  FairnessPageController(
      People people,
      AssignmentHistory assignments,
      EscalationPages pages,
      Schedules schedules,
      Clock clock) {
    this.people = people;
    this.assignments = assignments;
    this.pages = pages;
    this.schedules = schedules;
    this.clock = clock;
  }

  /** One person's share of the period; {@code name} is the id for someone no longer listed. */
  record Row(String id, String name, long assignments, long pages, Duration night) {

    public String nightHours() {
      return String.format(java.util.Locale.ROOT, "%.1f", night.toMinutes() / 60.0);
    }
  }

  /**
   * The period in UTC days, {@code to} included; by default the last 30 days up to today.
   *
   * @param from the first day ({@code yyyy-MM-dd})
   * @param to the last day
   */
  @GetMapping("/roster/fairness")
  String fairness(
      @AuthenticationPrincipal ConsoleAccount account,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      Model model) {
    LocalDate last = date("to", to, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    LocalDate first = date("from", from, last.minusDays(DEFAULT_DAYS - 1));
    if (first.isAfter(last)) {
      throw new BatonException.InvalidInput("from", "must not be after to");
    }
    if (first.plusDays(MAX_DAYS).isBefore(last.plusDays(1))) {
      throw new BatonException.InvalidInput("to", "the period is at most " + MAX_DAYS + " days");
    }
    Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    String tenant = account.tenantId();
    Map<String, Long> received = assignments.receivedByPerson(tenant, start, end);
    Map<String, Long> paged = pages.pagesByPerson(tenant, start, end);
    Map<String, Duration> night = schedules.nightOnCall(tenant, start, end);
    Map<String, String> names = new LinkedHashMap<>();
    for (Person p : people.all(tenant)) {
      names.put(p.id(), p.name());
    }
    TreeSet<String> ids = new TreeSet<>(names.keySet());
    ids.addAll(received.keySet());
    ids.addAll(paged.keySet());
    ids.addAll(night.keySet());
    List<Row> rows = new ArrayList<>();
    for (String id : ids) {
      rows.add(
          new Row(
              id,
              names.getOrDefault(id, id),
              received.getOrDefault(id, 0L),
              paged.getOrDefault(id, 0L),
              night.getOrDefault(id, Duration.ZERO)));
    }
    model.addAttribute("rows", rows);
    model.addAttribute("from", first);
    model.addAttribute("to", last);
    return "roster-fairness";
  }

  private static LocalDate date(String field, @Nullable String text, LocalDate otherwise) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new BatonException.InvalidInput(field, "must be a date like 2026-11-01");
    }
  }
}
