package dev.baton.roster;

import dev.baton.platform.Caller;
import dev.baton.platform.Page;
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

/** {@code /api/v1/people}. */
@RestController
@RequestMapping("/api/v1/people")
class PeopleController {

  private final People people;
  private final TimeOffs timeOff;
  private final java.time.Clock clock;

  PeopleController(People people, TimeOffs timeOff, java.time.Clock clock) {
    this.people = people;
    this.timeOff = timeOff;
    this.clock = clock;
  }

  @PostMapping("/{id}/time-off")
  ResponseEntity<TimeOff> addTimeOff(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody TimeOffs.Request request) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(timeOff.add(caller.tenantId(), id, request, caller.actor(), "api"));
  }

  /** Periods that have not ended yet (or ended after {@code after}). */
  @GetMapping("/{id}/time-off")
  java.util.Map<String, java.util.List<TimeOff>> timeOff(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) java.time.@Nullable Instant after) {
    java.time.Instant from = after == null ? java.time.Instant.now(clock) : after;
    return java.util.Map.of("items", timeOff.of(caller.tenantId(), id, from));
  }

  @DeleteMapping("/{id}/time-off/{timeOffId}")
  ResponseEntity<Void> removeTimeOff(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @PathVariable String timeOffId) {
    timeOff.remove(caller.tenantId(), id, timeOffId, caller.actor(), "api");
    return ResponseEntity.noContent().build();
  }

  @PostMapping
  ResponseEntity<Person> create(
      @AuthenticationPrincipal Caller caller, @RequestBody People.Request request) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(people.create(caller.tenantId(), request, caller.actor(), "api"));
  }

  @GetMapping
  Page<Person> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return people.list(caller.tenantId(), cursor, Page.limit(limit));
  }

  @GetMapping("/{id}")
  Person get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return people.get(caller.tenantId(), id);
  }

  @PutMapping("/{id}")
  ResponseEntity<Person> put(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody People.Request request) {
    People.Saved saved = people.put(caller.tenantId(), id, request, caller.actor(), "api");
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(saved.person());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    people.delete(caller.tenantId(), id, caller.actor(), "api");
    return ResponseEntity.noContent().build();
  }
}
