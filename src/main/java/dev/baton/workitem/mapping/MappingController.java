package dev.baton.workitem.mapping;

import dev.baton.ingest.Integrations;
import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/integrations/{id}/mapping}: read the mapping table in force, save a new version
 * (JSON or YAML body), list the versions; {@code /api/v1/schemas/mapping-table} serves the JSON
 * Schema.
 */
@RestController
class MappingController {

  private final MappingTables tables;
  private final Integrations integrations;

  MappingController(MappingTables tables, Integrations integrations) {
    this.tables = tables;
    this.integrations = integrations;
  }

  /**
   * A version as the API shows it; version 0 (no author, no time) is "nothing saved yet: the
   * provider's defaults alone".
   */
  record MappingView(
      UUID integrationId,
      int version,
      JsonNode document,
      @Nullable String author,
      @Nullable String reason,
      @Nullable Instant createdAt) {

    static MappingView of(MappingVersion v) {
      return new MappingView(
          v.integrationId(),
          v.version(),
          MappingParser.tree(v.document()),
          v.author(),
          v.reason(),
          v.createdAt());
    }
  }

  @GetMapping(value = "/api/v1/schemas/mapping-table", produces = "application/schema+json")
  String schema() {
    return MappingParser.schema();
  }

  @GetMapping("/api/v1/integrations/{id}/mapping")
  MappingView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    UUID integration = integrationId(caller, id);
    return tables
        .latest(caller.tenantId(), integration)
        .map(MappingView::of)
        .orElseGet(
            () -> new MappingView(integration, 0, MappingParser.tree("{}"), null, null, null));
  }

  @PutMapping(
      value = "/api/v1/integrations/{id}/mapping",
      consumes = {
        "application/json",
        "application/yaml",
        "application/x-yaml",
        "text/yaml",
        "text/plain"
      })
  MappingView save(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String reason,
      @RequestBody byte[] body) {
    return MappingView.of(
        tables.save(
            caller.tenantId(),
            integrationId(caller, id),
            new String(body, StandardCharsets.UTF_8),
            reason,
            caller.actor(),
            "api"));
  }

  @GetMapping("/api/v1/integrations/{id}/mapping/versions")
  Map<String, List<MappingView>> versions(
      @AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return Map.of(
        "items",
        tables.versions(caller.tenantId(), integrationId(caller, id)).stream()
            .map(MappingView::of)
            .toList());
  }

  @GetMapping("/api/v1/integrations/{id}/mapping/versions/{version}")
  MappingView version(
      @AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable int version) {
    return MappingView.of(tables.version(caller.tenantId(), integrationId(caller, id), version));
  }

  /** The id of one of the caller's integrations; anything else is not found. */
  private UUID integrationId(Caller caller, String id) {
    UUID parsed;
    try {
      parsed = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BatonException.NotFound("integration", id);
    }
    integrations.get(caller.tenantId(), parsed.toString());
    return parsed;
  }
}
