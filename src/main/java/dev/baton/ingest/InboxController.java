package dev.baton.ingest;

import dev.baton.platform.Caller;
import dev.baton.platform.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/inbox}: stored webhook deliveries, and reprocessing of failed ones. */
@RestController
@RequestMapping("/api/v1/inbox")
class InboxController {

  private final Inbox inbox;

  InboxController(Inbox inbox) {
    this.inbox = inbox;
  }

  @GetMapping
  Page<InboxDelivery> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable String integration,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return inbox.list(caller.tenantId(), integration, status, cursor, Page.limit(limit));
  }

  /** One delivery; {@code ?body=true} adds its raw body while it is kept. */
  @GetMapping("/{id}")
  InboxDelivery get(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestParam(defaultValue = "false") boolean body) {
    return inbox.get(caller.tenantId(), id, body);
  }

  /** A failed delivery is processed again from its stored body. */
  @PostMapping("/{id}/reprocess")
  InboxDelivery reprocess(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return inbox.reprocess(caller.tenantId(), id, caller.actor(), "api");
  }
}
