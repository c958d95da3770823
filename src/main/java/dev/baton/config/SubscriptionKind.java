package dev.baton.config;

import dev.baton.delivery.webhook.SubscriptionRequest;
import dev.baton.delivery.webhook.SubscriptionView;
import dev.baton.delivery.webhook.Subscriptions;
import dev.baton.platform.Caller;
import dev.baton.tenant.Scopes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kind: Subscription}: an outbound webhook subscription, named by {@code metadata.name}.
 * Secrets are write-only: export leaves them out, a document without them keeps the stored ones (a
 * new subscription without them gets a drawn secret, to be rotated through the API to learn it),
 * and a document that lists secrets makes exactly those active (rotation is two applies).
 *
 * <pre>{@code
 * apiVersion: baton.dev/v1
 * kind: Subscription
 * metadata: { name: ops-hooks }
 * spec:
 *   url: https://hooks.example.com/baton
 *   events: ["assignment.*"]
 *   secrets: [whsec_...]
 * }</pre>
 */
@Component
class SubscriptionKind implements ConfigKind {

  /** The spec, as in the example above; see {@link SubscriptionRequest} for each field. */
  record Spec(
      @Nullable String url,
      @Nullable List<String> events,
      @Nullable List<String> secrets,
      @Nullable Boolean enabled,
      @Nullable String description) {}

  private final Subscriptions subscriptions;
  private final JsonMapper json;

  SubscriptionKind(Subscriptions subscriptions, JsonMapper json) {
    this.subscriptions = subscriptions;
    this.json = json;
  }

  @Override
  public String kind() {
    return "Subscription";
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public String scope() {
    return Scopes.SUBSCRIPTIONS_WRITE;
  }

  @Override
  public String readScope() {
    return Scopes.SUBSCRIPTIONS_READ;
  }

  @Override
  public String apply(Caller caller, ConfigDocument document) {
    Spec spec = RosterKinds.read(json, document, Spec.class);
    Subscriptions.Saved saved =
        subscriptions.apply(
            caller.tenantId(),
            document.name(),
            new SubscriptionRequest(
                document.name(),
                spec.url(),
                spec.events(),
                null,
                spec.enabled(),
                spec.description()),
            spec.secrets(),
            caller.actor(),
            "config");
    return ConfigKind.outcome(saved.created(), saved.changed());
  }

  @Override
  public List<Map<String, Object>> export(String tenantId) {
    return subscriptions.all(tenantId).stream().map(SubscriptionKind::document).toList();
  }

  private static Map<String, Object> document(SubscriptionView s) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("url", s.url());
    spec.put("events", s.events());
    if (!s.enabled()) {
      spec.put("enabled", false);
    }
    if (s.description() != null) {
      spec.put("description", s.description());
    }
    return ConfigKind.document("Subscription", s.name(), spec);
  }
}
