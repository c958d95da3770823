package dev.baton.policy;

import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/policies}: validate a document, store versions (YAML bodies), activate, roll back,
 * read; {@code /api/v1/schemas/routing-policy} serves the JSON Schema.
 */
@RestController
class PolicyController {

  private final Policies policies;

  PolicyController(Policies policies) {
    this.policies = policies;
  }

  /** {@code {"version": 3, "reason": "..."}}. */
  record Activation(@Nullable Integer version, @Nullable String reason) {}

  /** {@code {"reason": "..."}}. */
  record Rollback(@Nullable String reason) {}

  @GetMapping(value = "/api/v1/schemas/routing-policy", produces = "application/schema+json")
  String schema() {
    return PolicyParser.schema();
  }

  @PostMapping(
      value = "/api/v1/policies/validate",
      consumes = {
        "application/yaml",
        "application/x-yaml",
        "text/yaml",
        "text/plain",
        "application/octet-stream"
      })
  Map<String, Object> validate(@RequestBody byte[] body) {
    CompiledPolicy policy = policies.validate(new String(body, StandardCharsets.UTF_8));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("valid", true);
    answer.put("name", policy.name());
    answer.put("rules", policy.rules().size());
    answer.put(
        "mode", policy.document().spec().effectiveMode().name().toLowerCase(java.util.Locale.ROOT));
    return answer;
  }

  @GetMapping("/api/v1/policies")
  Map<String, List<PolicySummary>> list(@AuthenticationPrincipal Caller caller) {
    return Map.of("items", policies.list(caller.tenantId()));
  }

  @GetMapping("/api/v1/policies/{name}")
  PolicySummary get(@AuthenticationPrincipal Caller caller, @PathVariable String name) {
    return policies.summary(caller.tenantId(), name);
  }

  @GetMapping("/api/v1/policies/{name}/versions")
  Map<String, List<PolicyVersion>> versions(
      @AuthenticationPrincipal Caller caller, @PathVariable String name) {
    policies.summary(caller.tenantId(), name);
    return Map.of("items", policies.versions(caller.tenantId(), name));
  }

  @GetMapping("/api/v1/policies/{name}/versions/{version}")
  PolicyVersion version(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String name,
      @PathVariable int version) {
    return policies.version(caller.tenantId(), name, version);
  }

  @PostMapping(
      value = "/api/v1/policies/{name}/versions",
      consumes = {
        "application/yaml",
        "application/x-yaml",
        "text/yaml",
        "text/plain",
        "application/octet-stream"
      })
  ResponseEntity<PolicyVersion> createVersion(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String name,
      @RequestParam(required = false) @Nullable String reason,
      @RequestBody byte[] body) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            policies.createVersion(
                caller.tenantId(),
                name,
                new String(body, StandardCharsets.UTF_8),
                reason,
                caller.actor(),
                "api"));
  }

  @PostMapping(
      value = "/api/v1/policies/{name}/activate",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  PolicySummary activate(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String name,
      @RequestBody Activation request) {
    if (request.version() == null) {
      throw new BatonException.InvalidInput("version", "is required");
    }
    return policies.activate(
        caller.tenantId(), name, request.version(), request.reason(), caller.actor(), "api");
  }

  @PostMapping(
      value = "/api/v1/policies/{name}/rollback",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  PolicySummary rollback(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String name,
      @RequestBody Rollback request) {
    return policies.rollback(caller.tenantId(), name, request.reason(), caller.actor(), "api");
  }
}
