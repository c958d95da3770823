package dev.baton.config;

import dev.baton.ingest.IntegrationRequest;
import dev.baton.ingest.IntegrationView;
import dev.baton.ingest.Integrations;
import dev.baton.platform.Caller;
import dev.baton.tenant.Scopes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kind: Integration}, named by {@code metadata.name}. Secrets and the bot token are
 * write-only: export leaves them out, and a document without them keeps the stored ones; a document
 * that lists secrets makes exactly those active (rotation is two applies).
 */
@Component
class IntegrationKind implements ConfigKind {

  /** {@code kind: Integration} spec; see {@link IntegrationRequest} for each field. */
  record IntegrationSpec(
      @Nullable String provider,
      @Nullable List<String> secrets,
      @Nullable Boolean enabled,
      @Nullable List<String> events,
      @Nullable Long maxBodySize,
      @Nullable String botToken,
      @Nullable Map<String, String> mapping,
      @Nullable String mode) {}

  private final Integrations integrations;
  private final JsonMapper json;

  IntegrationKind(Integrations integrations, JsonMapper json) {
    this.integrations = integrations;
    this.json = json;
  }

  @Override
  public String kind() {
    return "Integration";
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public String scope() {
    return Scopes.INTEGRATIONS_WRITE;
  }

  @Override
  public String readScope() {
    return Scopes.INTEGRATIONS_READ;
  }

  @Override
  public String apply(Caller caller, ConfigDocument document) {
    IntegrationSpec spec = RosterKinds.read(json, document, IntegrationSpec.class);
    Integrations.Saved saved =
        integrations.apply(
            caller.tenantId(),
            document.name(),
            new IntegrationRequest(
                spec.provider(),
                document.name(),
                spec.secrets(),
                spec.enabled(),
                spec.events(),
                spec.maxBodySize(),
                spec.botToken(),
                spec.mapping(),
                spec.mode()),
            caller.actor(),
            "config");
    return ConfigKind.outcome(saved.created(), saved.changed());
  }

  @Override
  public List<Map<String, Object>> export(String tenantId) {
    return integrations.all(tenantId).stream().map(IntegrationKind::document).toList();
  }

  private static Map<String, Object> document(IntegrationView integration) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("provider", integration.provider());
    if (!integration.enabled()) {
      spec.put("enabled", false);
    }
    if (!integration.events().isEmpty()) {
      spec.put("events", integration.events());
    }
    if (integration.maxBodySize() != IntegrationRequest.DEFAULT_MAX_BODY_SIZE) {
      spec.put("maxBodySize", integration.maxBodySize());
    }
    if (integration.mapping() != null) {
      spec.put("mapping", new java.util.TreeMap<>(integration.mapping()));
    }
    String mode = integration.mode();
    if (mode != null && !mode.equals(IntegrationRequest.DEFAULT_MODE)) {
      spec.put("mode", mode);
    }
    return ConfigKind.document("Integration", integration.name(), spec);
  }
}
