package dev.baton.roster;

import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import dev.baton.platform.Page;
import dev.baton.roster.schedule.Shift;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/schedules}: schedules, overrides, who is on call and the next shifts. */
@RestController
@RequestMapping("/api/v1/schedules")
class ScheduleController {

  static final int MAX_SHIFTS = 1000;

  private final Schedules schedules;
  private final Clock clock;

  ScheduleController(Schedules schedules, Clock clock) {
    this.schedules = schedules;
    this.clock = clock;
  }

  @PostMapping
  ResponseEntity<ScheduleView> create(
      @AuthenticationPrincipal Caller caller, @RequestBody Schedules.Request request) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(schedules.create(caller.tenantId(), request, caller.actor(), "api"));
  }

  @GetMapping
  Page<ScheduleView> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return schedules.list(caller.tenantId(), cursor, Page.limit(limit));
  }

  @GetMapping("/{id}")
  ScheduleView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return schedules.get(caller.tenantId(), id);
  }

  @PutMapping("/{id}")
  ResponseEntity<ScheduleView> put(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody Schedules.Request request) {
    Schedules.Saved saved = schedules.put(caller.tenantId(), id, request, caller.actor(), "api");
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(saved.schedule());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    schedules.delete(caller.tenantId(), id, caller.actor(), "api");
    return ResponseEntity.noContent().build();
  }

  /** Who is on call at {@code at} (default now): {@code {"onCall": shift or null}}. */
  @GetMapping("/{id}/on-call")
  Map<String, @Nullable Object> onCall(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable Instant at) {
    Instant when = at == null ? Instant.now(clock) : at;
    Map<String, @Nullable Object> answer = new LinkedHashMap<>();
    answer.put("schedule", id);
    answer.put("at", when);
    answer.put("onCall", schedules.onCallAt(caller.tenantId(), id, when).orElse(null));
    return answer;
  }

  /**
   * The shift in progress at {@code from} (default now) and the next ones, {@code count} in all.
   */
  @GetMapping("/{id}/shifts")
  Map<String, List<Shift>> shifts(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable Instant from,
      @RequestParam(required = false) @Nullable Integer count) {
    int n = count == null ? 10 : count;
    if (n < 1 || n > MAX_SHIFTS) {
      throw new BatonException.InvalidInput("count", "must be between 1 and " + MAX_SHIFTS);
    }
    Instant start = from == null ? Instant.now(clock) : from;
    return Map.of("items", schedules.nextShifts(caller.tenantId(), id, start, n));
  }

  @PostMapping("/{id}/overrides")
  ResponseEntity<ScheduleView.OverrideView> addOverride(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody Schedules.OverrideRequest request) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(schedules.addOverride(caller.tenantId(), id, request, caller.actor(), "api"));
  }

  @DeleteMapping("/{id}/overrides/{overrideId}")
  ResponseEntity<Void> removeOverride(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @PathVariable String overrideId) {
    schedules.removeOverride(caller.tenantId(), id, overrideId, caller.actor(), "api");
    return ResponseEntity.noContent().build();
  }
}
