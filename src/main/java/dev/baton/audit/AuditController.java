package dev.baton.audit;

import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import dev.baton.platform.Page;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/audit}: the tenant's log in order, and verification of its hash chain. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  @GetMapping
  Page<AuditEntry> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(required = false) @Nullable Integer limit) {
    int max = Page.limit(limit);
    String after = Page.decode(cursor);
    long afterSeq;
    try {
      afterSeq = after == null ? 0 : Long.parseLong(after);
    } catch (NumberFormatException e) {
      throw new BatonException.BadRequest("parameter 'cursor' is not a cursor Baton issued");
    }
    List<AuditEntry> entries = audit.page(caller.tenantId(), afterSeq, max + 1);
    return Page.of(entries, max, e -> Long.toString(e.seq()));
  }

  @GetMapping("/verify")
  ChainVerification verify(@AuthenticationPrincipal Caller caller) {
    return audit.verify(caller.tenantId());
  }
}
