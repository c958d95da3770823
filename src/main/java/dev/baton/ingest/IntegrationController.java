package dev.baton.ingest;

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

/** {@code /api/v1/integrations}: integrations, their secrets and their deliveries. */
@RestController
@RequestMapping("/api/v1/integrations")
class IntegrationController {

  private final Integrations integrations;
  private final Inbox inbox;
  private final @Nullable URI publicUrl;

  IntegrationController(Integrations integrations, Inbox inbox, IngestProperties properties) {
    this.integrations = integrations;
    this.inbox = inbox;
    this.publicUrl = properties.publicUrl();
  }

  /** A new signing secret for rotation. */
  record NewSecret(@Nullable String secret) {}

  @PostMapping
  ResponseEntity<IntegrationView> create(
      @AuthenticationPrincipal Caller caller, @RequestBody IntegrationRequest request) {
    IntegrationView created =
        withUrl(integrations.create(caller.tenantId(), request, caller.actor(), "api"));
    return ResponseEntity.created(URI.create(baseUrl() + "/api/v1/integrations/" + created.id()))
        .body(created);
  }

  @GetMapping
  Page<IntegrationView> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    Page<IntegrationView> page = integrations.list(caller.tenantId(), cursor, Page.limit(limit));
    return new Page<>(page.items().stream().map(this::withUrl).toList(), page.next());
  }

  @GetMapping("/{id}")
  IntegrationView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return withUrl(integrations.get(caller.tenantId(), id));
  }

  /** Changes the fields the body names; the others stay. */
  @PatchMapping("/{id}")
  IntegrationView update(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody IntegrationRequest changes) {
    return withUrl(integrations.update(caller.tenantId(), id, changes, caller.actor(), "api"));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    integrations.delete(caller.tenantId(), id, caller.actor(), "api");
    return ResponseEntity.noContent().build();
  }

  /** Adds a second active secret (the first step of a rotation). */
  @PostMapping("/{id}/secrets")
  ResponseEntity<IntegrationView> addSecret(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody NewSecret body) {
    IntegrationView view =
        integrations.addSecret(caller.tenantId(), id, body.secret(), caller.actor(), "api");
    return ResponseEntity.status(HttpStatus.CREATED).body(withUrl(view));
  }

  /** Retires a secret by its index (the last step of a rotation). */
  @DeleteMapping("/{id}/secrets/{index}")
  IntegrationView retireSecret(
      @AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable int index) {
    return withUrl(integrations.retireSecret(caller.tenantId(), id, index, caller.actor(), "api"));
  }

  @GetMapping("/{id}/deliveries")
  Page<InboxDelivery> deliveries(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return inbox.list(caller.tenantId(), id, status, cursor, Page.limit(limit));
  }

  private IntegrationView withUrl(IntegrationView view) {
    return view.withBaseUrl(baseUrl());
  }

  private String baseUrl() {
    return publicUrl != null
        ? publicUrl.toString()
        : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
  }
}
