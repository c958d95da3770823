package dev.baton.config;

import dev.baton.platform.Caller;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/config/apply}: a multi-document YAML (or JSON) body of any kinds, applied all
 * or nothing; {@code ?dryRun=true} reports what would change and writes nothing.
 */
@RestController
class ConfigController {

  private final ConfigApplier applier;

  ConfigController(ConfigApplier applier) {
    this.applier = applier;
  }

  /** The tenant's configuration as multi-document YAML that {@code apply} takes back unchanged. */
  @org.springframework.web.bind.annotation.GetMapping(
      value = "/api/v1/config/export",
      produces = "application/yaml")
  String export(@AuthenticationPrincipal Caller caller) {
    if (!caller.has(dev.baton.tenant.Scopes.POLICIES_READ)) {
      throw new dev.baton.platform.BatonException.Forbidden(
          "exporting the configuration needs the 'roster:read' and 'policies:read' scopes");
    }
    return applier.export(caller);
  }

  @PostMapping(
      value = "/api/v1/config/apply",
      consumes = {
        "application/yaml",
        "application/x-yaml",
        "text/yaml",
        "text/plain",
        "application/json",
        "application/octet-stream"
      })
  ConfigApplier.Applied apply(
      @AuthenticationPrincipal Caller caller,
      @RequestBody byte[] body,
      @RequestParam(defaultValue = "false") boolean dryRun) {
    return applier.apply(caller, new String(body, StandardCharsets.UTF_8), dryRun);
  }
}
