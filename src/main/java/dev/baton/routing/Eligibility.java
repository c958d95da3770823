package dev.baton.routing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The filters a candidate passes before any strategy scores them, each failure a reason in the
 * decision record. On-call targets skip working hours and capacity: being on call means taking work
 * outside hours and beyond the usual load.
 */
final class Eligibility {

  private final Instant at;
  private final Set<String> excluded;
  private final @Nullable String priority;

  /** The decision instant in each zone met so far: most people share a handful of zones. */
  private final Map<String, Optional<LocalNow>> localTimes = new HashMap<>();

  Eligibility(Instant at, Set<String> excluded, @Nullable String priority) {
    this.at = at;
    this.excluded = excluded;
    this.priority = priority;
  }

  /** Reasons a person cannot take regular work now; empty when they can. */
  List<String> forWork(String id, RosterSnapshot.@Nullable Person person, List<String> skills) {
    List<String> reasons = forOnCall(id, person);
    if (person != null) {
      workingHours(person, reasons);
      capacity(person, reasons);
      for (int i = 0; i < skills.size(); i++) {
        String skill = skills.get(i);
        if (person.skills().getOrDefault(skill, 0) < 1) {
          reasons.add("lacks skill " + skill);
        }
      }
    }
    return reasons;
  }

  /** Reasons an on-call person cannot take the item now; empty when they can. */
  List<String> forOnCall(String id, RosterSnapshot.@Nullable Person person) {
    List<String> reasons = new ArrayList<>();
    if (person == null) {
      reasons.add("unknown person");
      return reasons;
    }
    if (!person.active()) {
      reasons.add("not active");
    }
    if (excluded.contains(id)) {
      reasons.add("declined");
    }
    List<RosterSnapshot.TimeOff> timeOff = person.timeOff();
    for (int i = 0; i < timeOff.size(); i++) {
      RosterSnapshot.TimeOff off = timeOff.get(i);
      if (!at.isBefore(off.from()) && at.isBefore(off.until())) {
        reasons.add("on time off until " + off.until());
      }
    }
    return reasons;
  }

  private void workingHours(RosterSnapshot.Person person, List<String> reasons) {
    RosterSnapshot.WorkingHours hours = person.workingHours();
    if (hours == null) {
      return;
    }
    LocalNow local = localNow(person.timeZone());
    if (local == null) {
      reasons.add("unknown time zone " + person.timeZone());
      return;
    }
    if (!within(hours, local.time())) {
      reasons.add(local.outsideHours());
    }
  }

  /**
   * The decision instant in one zone, and the reason given to people there outside their hours
   * (written once, when the first of them is met).
   */
  private static final class LocalNow {
    private final String zone;
    private final ZonedDateTime time;
    private @Nullable String outsideHours;

    LocalNow(Instant at, String zone) {
      this.zone = zone;
      this.time = at.atZone(ZoneId.of(zone));
    }

    ZonedDateTime time() {
      return time;
    }

    String outsideHours() {
      String reason = outsideHours;
      if (reason == null) {
        String day = time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        String clock = time.toLocalTime().withSecond(0).withNano(0).toString();
        reason = "outside working hours (" + zone + " " + day + " " + clock + ")";
        outsideHours = reason;
      }
      return reason;
    }
  }

  private @Nullable LocalNow localNow(String zone) {
    Optional<LocalNow> local = localTimes.get(zone);
    if (local == null) {
      try {
        local = Optional.of(new LocalNow(at, zone));
      } catch (DateTimeException e) {
        local = Optional.empty();
      }
      localTimes.put(zone, local);
    }
    return local.orElse(null);
  }

  static boolean within(RosterSnapshot.WorkingHours hours, ZonedDateTime local) {
    LocalTime time = local.toLocalTime();
    if (hours.from().isBefore(hours.to())) {
      return hours.days().contains(local.getDayOfWeek())
          && !time.isBefore(hours.from())
          && time.isBefore(hours.to());
    }
    // a shift past midnight belongs to the day it started
    return (hours.days().contains(local.getDayOfWeek()) && !time.isBefore(hours.from()))
        || (hours.days().contains(local.getDayOfWeek().minus(1)) && time.isBefore(hours.to()));
  }

  private void capacity(RosterSnapshot.Person person, List<String> reasons) {
    Integer max = person.capacity().maxOpen();
    int open = person.openTotal();
    if (max != null && open >= max) {
      reasons.add("at capacity " + open + "/" + max);
    }
    if (priority != null) {
      Integer cap = person.capacity().maxOpenByPriority().get(priority);
      int openHere = person.openByPriority().getOrDefault(priority, 0);
      if (cap != null && openHere >= cap) {
        reasons.add("at " + priority + " capacity " + openHere + "/" + cap);
      }
    }
  }
}
