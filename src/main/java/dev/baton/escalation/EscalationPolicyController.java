package dev.baton.escalation;

import dev.baton.platform.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/escalation-policies}: list, read, create or replace ({@code PUT}, answered 201
 * when created) and delete escalation policies.
 */
@RestController
@RequestMapping("/api/v1/escalation-policies")
class EscalationPolicyController {

  private final EscalationPolicies policies;

  EscalationPolicyController(EscalationPolicies policies) {
    this.policies = policies;
  }

  /** A policy as answered: its name and version, and its spec as written. */
  record View(
      String name, int version, Map<String, Object> spec, Instant createdAt, Instant updatedAt) {

    static View of(EscalationPolicy p) {
      return new View(
          p.name(), p.version(), EscalationPolicies.spec(p), p.createdAt(), p.updatedAt());
    }
  }

  /** Every policy of the tenant, by name. */
  record Listing(List<View> items) {}

  @GetMapping
  Listing list(@AuthenticationPrincipal Caller caller) {
    return new Listing(policies.all(caller.tenantId()).stream().map(View::of).toList());
  }

  @GetMapping("/{name}")
  View get(@AuthenticationPrincipal Caller caller, @PathVariable String name) {
    return View.of(policies.get(caller.tenantId(), name));
  }

  @PutMapping("/{name}")
  ResponseEntity<View> put(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String name,
      @RequestBody EscalationPolicies.Request request) {
    EscalationPolicies.Saved saved =
        policies.put(caller.tenantId(), name, request, caller.actor(), "api");
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(View.of(saved.policy()));
  }

  @DeleteMapping("/{name}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String name) {
    policies.delete(caller.tenantId(), name, caller.actor(), "api");
    return ResponseEntity.noContent().build();
  }
}
