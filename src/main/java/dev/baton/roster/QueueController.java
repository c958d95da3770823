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

/** {@code /api/v1/queues}. */
@RestController
@RequestMapping("/api/v1/queues")
class QueueController {

  private final Queues queues;

  QueueController(Queues queues) {
    this.queues = queues;
  }

  @PostMapping
  ResponseEntity<Queue> create(
      @AuthenticationPrincipal Caller caller, @RequestBody Queues.Request request) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(queues.create(caller.tenantId(), request, caller.actor(), "api"));
  }

  @GetMapping
  Page<Queue> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return queues.list(caller.tenantId(), cursor, Page.limit(limit));
  }

  @GetMapping("/{id}")
  Queue get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return queues.get(caller.tenantId(), id);
  }

  @PutMapping("/{id}")
  ResponseEntity<Queue> put(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody Queues.Request request) {
    Queues.Saved saved = queues.put(caller.tenantId(), id, request, caller.actor(), "api");
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(saved.queue());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    queues.delete(caller.tenantId(), id, caller.actor(), "api");
    return ResponseEntity.noContent().build();
  }
}
