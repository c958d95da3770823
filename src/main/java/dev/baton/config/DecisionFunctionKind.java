package dev.baton.config;

import dev.baton.platform.Caller;
import dev.baton.policy.DecisionFunction;
import dev.baton.policy.DecisionFunctions;
import dev.baton.tenant.Scopes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kind: DecisionFunction}: a decision function, created or replaced by id. The signing
 * {@code secret} is write-only: applied when given (a function created without one gets a drawn
 * secret, to be rotated through the API to learn it), never exported.
 *
 * <pre>{@code
 * apiVersion: baton.dev/v1
 * kind: DecisionFunction
 * metadata: { name: triage }
 * spec:
 *   url: https://functions.example.com/triage
 *   fields: [priority, component, customer.tier]
 *   timeoutMs: 1500
 * }</pre>
 */
@Component
class DecisionFunctionKind implements ConfigKind {

  /** The spec, as in the example above. */
  record Spec(
      @Nullable String url,
      @Nullable List<String> fields,
      @Nullable Integer timeoutMs,
      @Nullable String description,
      @Nullable String secret) {}

  private final DecisionFunctions functions;
  private final JsonMapper json;

  DecisionFunctionKind(DecisionFunctions functions, JsonMapper json) {
    this.functions = functions;
    this.json = json;
  }

  @Override
  public String kind() {
    return "DecisionFunction";
  }

  @Override
  public int order() {
    return 50; // after the roster, before the policies that name functions
  }

  @Override
  public String scope() {
    return Scopes.POLICIES_WRITE;
  }

  @Override
  public String readScope() {
    return Scopes.POLICIES_READ;
  }

  @Override
  public String apply(Caller caller, ConfigDocument document) {
    Spec spec = RosterKinds.read(json, document, Spec.class);
    DecisionFunctions.Saved saved =
        functions.put(
            caller.tenantId(),
            document.name(),
            new DecisionFunctions.Request(
                document.name(),
                spec.url(),
                spec.fields(),
                spec.timeoutMs(),
                spec.description(),
                spec.secret()),
            caller.actor(),
            "config");
    return ConfigKind.outcome(saved.created(), saved.changed());
  }

  @Override
  public List<Map<String, Object>> export(String tenantId) {
    return functions.all(tenantId).stream().map(DecisionFunctionKind::document).toList();
  }

  private static Map<String, Object> document(DecisionFunction f) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("url", f.url());
    spec.put("fields", f.fields());
    spec.put("timeoutMs", f.timeoutMs());
    if (f.description() != null) {
      spec.put("description", f.description());
    }
    return ConfigKind.document("DecisionFunction", f.id(), spec);
  }
}
