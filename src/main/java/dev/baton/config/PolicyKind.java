package dev.baton.config;

import dev.baton.platform.Caller;
import dev.baton.policy.Policies;
import dev.baton.policy.PolicyParser;
import dev.baton.policy.PolicySummary;
import dev.baton.policy.PolicyVersion;
import dev.baton.tenant.Scopes;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code kind: RoutingPolicy}: a document that differs from the policy's latest version becomes a
 * new version and is activated; one equal to the active version changes nothing.
 */
@Component
class PolicyKind implements ConfigKind {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final Policies policies;

  PolicyKind(Policies policies) {
    this.policies = policies;
  }

  @Override
  public String kind() {
    return "RoutingPolicy";
  }

  @Override
  public int order() {
    return 100;
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
  @SuppressWarnings("unchecked")
  public java.util.List<java.util.Map<String, Object>> export(String tenantId) {
    java.util.List<java.util.Map<String, Object>> documents = new java.util.ArrayList<>();
    for (PolicySummary summary : policies.list(tenantId)) {
      if (summary.activeVersion() != null) {
        PolicyVersion active = policies.version(tenantId, summary.name(), summary.activeVersion());
        documents.add(YAML.readValue(active.document(), java.util.LinkedHashMap.class));
      }
    }
    return documents;
  }

  @Override
  public String apply(Caller caller, ConfigDocument document) {
    String yaml = YAML.writeValueAsString(document.whole());
    var parsed = PolicyParser.parse(yaml);
    Optional<PolicyVersion> latest = policies.latest(caller.tenantId(), document.name());
    if (latest.isPresent() && PolicyParser.parse(latest.get().document()).equals(parsed)) {
      PolicySummary summary = policies.summary(caller.tenantId(), document.name());
      if (Objects.equals(summary.activeVersion(), latest.get().version())) {
        return "unchanged";
      }
      policies.activate(
          caller.tenantId(),
          document.name(),
          latest.get().version(),
          "applied as configuration",
          caller.actor(),
          "config");
      return "updated";
    }
    PolicyVersion created =
        policies.createVersion(
            caller.tenantId(),
            document.name(),
            yaml,
            "applied as configuration",
            caller.actor(),
            "config");
    policies.activate(
        caller.tenantId(),
        document.name(),
        created.version(),
        "applied as configuration",
        caller.actor(),
        "config");
    return latest.isEmpty() ? "created" : "updated";
  }
}
