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

  PeopleController(People people) {
    this.people = people;
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
