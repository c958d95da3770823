package dev.baton.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.platform.Caller;
import dev.baton.platform.Page;
import java.time.Instant;
import java.util.List;
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

/**
 * {@code /api/v1/functions}: register, read, replace, delete decision functions and rotate their
 * signing secrets. The secret is answered only by the write that creates it (creation, or
 * rotation); reads never show it.
 */
@RestController
@RequestMapping("/api/v1/functions")
class DecisionFunctionController {

  private final DecisionFunctions functions;

  DecisionFunctionController(DecisionFunctions functions) {
    this.functions = functions;
  }

  /** A function as written, with its signing secret when this answer is the one to show it. */
  record Written(
      String id,
      String url,
      List<String> fields,
      int timeoutMs,
      @Nullable String description,
      int version,
      Instant secretUpdatedAt,
      Instant createdAt,
      Instant updatedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String secret) {

    static Written of(DecisionFunction f, @Nullable String secret) {
      return new Written(
          f.id(),
          f.url(),
          f.fields(),
          f.timeoutMs(),
          f.description(),
          f.version(),
          f.secretUpdatedAt(),
          f.createdAt(),
          f.updatedAt(),
          secret);
    }
  }

  /** {@code {"secret": "whsec_..."}}, or no body to draw a new secret. */
  record Rotation(@Nullable String secret) {}

  @PostMapping
  ResponseEntity<Written> create(
      @AuthenticationPrincipal Caller caller, @RequestBody DecisionFunctions.Request request) {
    DecisionFunctions.Saved saved =
        functions.create(caller.tenantId(), request, caller.actor(), "api");
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(Written.of(saved.function(), saved.secret()));
  }

  @GetMapping
  Page<DecisionFunction> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return functions.list(caller.tenantId(), cursor, Page.limit(limit));
  }

  @GetMapping("/{id}")
  DecisionFunction get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return functions.get(caller.tenantId(), id);
  }

  @PutMapping("/{id}")
  ResponseEntity<Written> put(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody DecisionFunctions.Request request) {
    DecisionFunctions.Saved saved =
        functions.put(caller.tenantId(), id, request, caller.actor(), "api");
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(Written.of(saved.function(), saved.secret()));
  }

  @PostMapping("/{id}/rotate-secret")
  Written rotateSecret(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody(required = false) @Nullable Rotation request) {
    String secret =
        functions.rotateSecret(
            caller.tenantId(),
            id,
            request == null ? null : request.secret(),
            caller.actor(),
            "api");
    return Written.of(functions.get(caller.tenantId(), id), secret);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    functions.delete(caller.tenantId(), id, caller.actor(), "api");
    return ResponseEntity.noContent().build();
  }
}
