package dev.baton.config;

import dev.baton.escalation.EscalationPolicies;
import dev.baton.escalation.EscalationPolicy;
import dev.baton.platform.Caller;
import dev.baton.tenant.Scopes;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kind: EscalationPolicy}: an escalation policy, created or replaced by name.
 *
 * <pre>{@code
 * apiVersion: baton.dev/v1
 * kind: EscalationPolicy
 * metadata: { name: sre-default }
 * spec:
 *   steps:
 *     - { after: PT10M, action: notify, targets: [{ teamLead: backend }] }
 *     - { after: PT20M, action: reassign, targets: [{ schedule: platform-oncall }] }
 *   repeat: 1
 * }</pre>
 */
@Component
class EscalationPolicyKind implements ConfigKind {

  private final EscalationPolicies policies;
  private final JsonMapper json;

  EscalationPolicyKind(EscalationPolicies policies, JsonMapper json) {
    this.policies = policies;
    this.json = json;
  }

  @Override
  public String kind() {
    return "EscalationPolicy";
  }

  @Override
  public int order() {
    return 60; // after the roster it names, before the routing policies that name it
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
    EscalationPolicies.Request spec =
        RosterKinds.read(json, document, EscalationPolicies.Request.class);
    EscalationPolicies.Saved saved =
        policies.put(caller.tenantId(), document.name(), spec, caller.actor(), "config");
    return ConfigKind.outcome(saved.created(), saved.changed());
  }

  @Override
  public List<Map<String, Object>> export(String tenantId) {
    return policies.all(tenantId).stream().map(EscalationPolicyKind::document).toList();
  }

  private static Map<String, Object> document(EscalationPolicy p) {
    return ConfigKind.document("EscalationPolicy", p.name(), EscalationPolicies.spec(p));
  }
}
