package dev.baton.delivery.webhook;

import dev.baton.platform.Caller;
import dev.baton.platform.Page;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code /api/v1/subscriptions}: outbound webhook subscriptions and their secrets. */
@RestController
@RequestMapping("/api/v1/subscriptions")
class SubscriptionController {

  private final Subscriptions subscriptions;

  SubscriptionController(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  /** A new signing secret for rotation; drawn (and shown once) when left out. */
  record NewSecret(@Nullable String secret) {}

  @PostMapping
  ResponseEntity<SubscriptionView> create(
      @AuthenticationPrincipal Caller caller, @RequestBody SubscriptionRequest request) {
    SubscriptionView created =
        subscriptions.create(caller.tenantId(), request, caller.actor(), "api");
    URI location =
        ServletUriComponentsBuilder.fromCurrentRequestUri()
            .path("/{id}")
            .buildAndExpand(created.id())
            .toUri();
    return ResponseEntity.created(location).body(created);
  }

  @GetMapping
  Page<SubscriptionView> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return subscriptions.list(caller.tenantId(), cursor, Page.limit(limit));
  }

  @GetMapping("/{id}")
  SubscriptionView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return subscriptions.get(caller.tenantId(), id);
  }

  /** Changes the fields the body names; {@code enabled: true} re-enables a disabled one. */
  @PatchMapping("/{id}")
  SubscriptionView update(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody SubscriptionRequest changes) {
    return subscriptions.update(caller.tenantId(), id, changes, caller.actor(), "api");
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    subscriptions.delete(caller.tenantId(), id, caller.actor(), "api");
    return ResponseEntity.noContent().build();
  }

  /** Adds a second active secret (the first step of a rotation). */
  @PostMapping("/{id}/secrets")
  ResponseEntity<SubscriptionView> addSecret(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody NewSecret body) {
    SubscriptionView view =
        subscriptions.addSecret(caller.tenantId(), id, body.secret(), caller.actor(), "api");
    return ResponseEntity.status(HttpStatus.CREATED).body(view);
  }

  /** Retires a secret by its index (the last step of a rotation). */
  @DeleteMapping("/{id}/secrets/{index}")
  SubscriptionView retireSecret(
      @AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable int index) {
    return subscriptions.retireSecret(caller.tenantId(), id, index, caller.actor(), "api");
  }
}
