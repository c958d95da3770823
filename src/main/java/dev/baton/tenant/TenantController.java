package dev.baton.tenant;

import dev.baton.platform.Caller;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tenants}: creating tenants, for a token with the {@code tenants:admin} scope (the
 * bootstrap token has it). A new tenant's answer carries its first admin token, once.
 */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

  private final Tenants tenants;

  TenantController(Tenants tenants) {
    this.tenants = tenants;
  }

  /** A tenant to create. */
  record NewTenant(@Nullable String id, @Nullable String name) {}

  /** The created tenant and its admin token. */
  record CreatedTenant(Tenants.Tenant tenant, TokenController.CreatedToken adminToken) {}

  @PostMapping
  ResponseEntity<CreatedTenant> create(
      @AuthenticationPrincipal Caller caller, @RequestBody NewTenant request) {
    Tenants.Created created =
        tenants.create(
            request.id(), request.name(), List.of(Scopes.ADMIN), caller.actor(), "api", null);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new CreatedTenant(
                created.tenant(), TokenController.CreatedToken.of(created.adminToken())));
  }

  @GetMapping
  Map<String, Object> list() {
    return Map.of("items", tenants.list());
  }
}
