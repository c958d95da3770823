package dev.baton.delivery;

import dev.baton.platform.Caller;
import dev.baton.platform.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/deliveries}: planned deliveries with their attempts, dead letters, replay and
 * discard; {@code /api/v1/events/{eventId}/replay} re-plans an event's deliveries.
 */
@RestController
class DeliveryController {

  private final Deliveries deliveries;

  DeliveryController(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  /** Newest first; {@code from} inclusive and {@code to} exclusive on the creation time. */
  @GetMapping("/api/v1/deliveries")
  Page<DeliveryView> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String destination,
      @RequestParam(required = false) @Nullable String workItem,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return deliveries.list(
        caller.tenantId(),
        new DeliveryRequests.Filter(status, destination, workItem, from, to),
        cursor,
        Page.limit(limit));
  }

  @GetMapping("/api/v1/deliveries/{id}")
  DeliveryView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return deliveries.get(caller.tenantId(), id);
  }

  /** A finished delivery (dead, discarded, delivered, skipped) is sent again. */
  @PostMapping("/api/v1/deliveries/{id}/replay")
  DeliveryView replay(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return deliveries.replay(caller.tenantId(), id, caller.actor(), "api");
  }

  /** A pending or dead delivery is discarded; any other status answers 409. */
  @PostMapping("/api/v1/deliveries/{id}/discard")
  DeliveryView discardOne(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return deliveries.discard(caller.tenantId(), id, caller.actor(), "api");
  }

  @PostMapping("/api/v1/deliveries/replay")
  DeliveryRequests.Replayed replayAll(
      @AuthenticationPrincipal Caller caller, @RequestBody DeliveryRequests.Filter filter) {
    return deliveries.replay(caller.tenantId(), filter, caller.actor(), "api");
  }

  @PostMapping("/api/v1/deliveries/discard")
  DeliveryRequests.Discarded discard(
      @AuthenticationPrincipal Caller caller, @RequestBody DeliveryRequests.Filter filter) {
    return deliveries.discard(caller.tenantId(), filter, caller.actor(), "api");
  }

  @PostMapping("/api/v1/events/{eventId}/replay")
  DeliveryRequests.EventReplayed replayEvent(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String eventId,
      @RequestBody(required = false) DeliveryRequests.@Nullable EventReplay body) {
    return deliveries.replayEvent(
        caller.tenantId(),
        eventId,
        body == null ? null : body.destination(),
        caller.actor(),
        "api");
  }
}
