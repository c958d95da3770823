package dev.baton.escalation;

import dev.baton.platform.Caller;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/approvals}: the tenant's approval requests (optionally by state), one request, and
 * an approver's decision ({@code approve}, {@code deny}, each with an optional reason).
 */
@RestController
@RequestMapping("/api/v1/approvals")
class ApprovalController {

  private final Approvals approvals;

  ApprovalController(Approvals approvals) {
    this.approvals = approvals;
  }

  /** The requests, oldest first (at most 500). */
  record Listing(List<Approvals.View> items) {}

  /** An approver's decision; the reason is optional. */
  record Decision(@Nullable String reason) {}

  @GetMapping
  Listing list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(name = "state", required = false) @Nullable String state) {
    return new Listing(approvals.list(caller.tenantId(), state));
  }

  @GetMapping("/{id}")
  Approvals.View get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return approvals.get(caller.tenantId(), id);
  }

  @PostMapping("/{id}/approve")
  Approvals.View approve(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody(required = false) @Nullable Decision decision) {
    return approvals.decide(
        caller.tenantId(), id, caller.actor(), true, decision == null ? null : decision.reason());
  }

  @PostMapping("/{id}/deny")
  Approvals.View deny(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody(required = false) @Nullable Decision decision) {
    return approvals.decide(
        caller.tenantId(), id, caller.actor(), false, decision == null ? null : decision.reason());
  }
}
