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

/** {@code /api/v1/teams}, with {@code /members} to add and remove one person. */
@RestController
@RequestMapping("/api/v1/teams")
class TeamController {

  private final Teams teams;

  TeamController(Teams teams) {
    this.teams = teams;
  }

  /** The person to add to a team. */
  record NewMember(@Nullable String person) {}

  @PostMapping
  ResponseEntity<Team> create(
      @AuthenticationPrincipal Caller caller, @RequestBody Teams.Request request) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(teams.create(caller.tenantId(), request, caller.actor(), "api"));
  }

  @GetMapping
  Page<Team> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return teams.list(caller.tenantId(), cursor, Page.limit(limit));
  }

  @GetMapping("/{id}")
  Team get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return teams.get(caller.tenantId(), id);
  }

  @PutMapping("/{id}")
  ResponseEntity<Team> put(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody Teams.Request request) {
    Teams.Saved saved = teams.put(caller.tenantId(), id, request, caller.actor(), "api");
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(saved.team());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    teams.delete(caller.tenantId(), id, caller.actor(), "api");
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/members")
  Team addMember(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody NewMember member) {
    return teams.addMember(caller.tenantId(), id, member.person(), caller.actor(), "api");
  }

  @DeleteMapping("/{id}/members/{person}")
  Team removeMember(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @PathVariable String person) {
    return teams.removeMember(caller.tenantId(), id, person, caller.actor(), "api");
  }
}
