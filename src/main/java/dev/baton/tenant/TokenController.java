package dev.baton.tenant;

import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tokens}: create (value shown once), list and revoke the tenant's API tokens. */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

  private final ApiTokens tokens;

  TokenController(ApiTokens tokens) {
    this.tokens = tokens;
  }

  /** A new token as answered once: its description and its value. */
  record CreatedToken(
      String id,
      String name,
      String prefix,
      List<String> scopes,
      @Nullable String person,
      Instant createdAt,
      @Nullable Instant expiresAt,
      String token) {
    static CreatedToken of(ApiToken.Created created) {
      ApiToken t = created.token();
      return new CreatedToken(
          t.id(),
          t.name(),
          t.prefix(),
          t.scopes(),
          t.person(),
          t.createdAt(),
          t.expiresAt(),
          created.value());
    }
  }

  @PostMapping
  ResponseEntity<CreatedToken> create(
      @AuthenticationPrincipal Caller caller, @RequestBody ApiTokens.Request request) {
    // a token may only hand on what it holds; otherwise a tenant admin could mint tenants:admin
    for (String scope : request.scopes() == null ? List.<String>of() : request.scopes()) {
      if (Scopes.KNOWN.contains(scope) && !caller.has(scope)) {
        throw new BatonException.Forbidden(
            "a token cannot grant the scope '" + scope + "', which it does not hold itself");
      }
    }
    ApiToken.Created created = tokens.create(caller.tenantId(), request, caller.actor(), "api");
    return ResponseEntity.status(HttpStatus.CREATED).body(CreatedToken.of(created));
  }

  @GetMapping
  Map<String, Object> list(@AuthenticationPrincipal Caller caller) {
    List<ApiToken> all = tokens.list(caller.tenantId());
    return Map.of("items", all);
  }

  @DeleteMapping("/{id}")
  ApiToken revoke(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return tokens.revoke(caller.tenantId(), id, caller.actor(), "api");
  }
}
