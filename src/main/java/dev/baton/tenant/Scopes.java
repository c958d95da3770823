package dev.baton.tenant;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The scopes an API token can carry. {@code admin} grants every scope of its tenant. */
public final class Scopes {

  public static final String WORK_ITEMS_READ = "work-items:read";
  public static final String WORK_ITEMS_WRITE = "work-items:write";
  public static final String WORK_ITEMS_OVERRIDE = "work-items:override";
  public static final String ROSTER_READ = "roster:read";
  public static final String ROSTER_WRITE = "roster:write";
  public static final String POLICIES_READ = "policies:read";
  public static final String POLICIES_WRITE = "policies:write";
  public static final String AUDIT_READ = "audit:read";
  public static final String EVENTS_READ = "events:read";
  public static final String INTEGRATIONS_READ = "integrations:read";
  public static final String INTEGRATIONS_WRITE = "integrations:write";
  public static final String DELIVERIES_READ = "deliveries:read";
  public static final String DELIVERIES_WRITE = "deliveries:write";
  public static final String SUBSCRIPTIONS_READ = "subscriptions:read";
  public static final String SUBSCRIPTIONS_WRITE = "subscriptions:write";
  public static final String ACT_AS = "act-as";
  public static final String ADMIN = "admin";

  /** Creates tenants; held only by the bootstrap token, not implied by {@code admin}. */
  public static final String TENANTS_ADMIN = "tenants:admin";

  /** Every scope {@code admin} implies. */
  static final List<String> TENANT_SCOPES =
      List.of(
          WORK_ITEMS_READ,
          WORK_ITEMS_WRITE,
          WORK_ITEMS_OVERRIDE,
          ROSTER_READ,
          ROSTER_WRITE,
          POLICIES_READ,
          POLICIES_WRITE,
          AUDIT_READ,
          EVENTS_READ,
          INTEGRATIONS_READ,
          INTEGRATIONS_WRITE,
          DELIVERIES_READ,
          DELIVERIES_WRITE,
          SUBSCRIPTIONS_READ,
          SUBSCRIPTIONS_WRITE,
          ACT_AS,
          ADMIN);

  static final Set<String> KNOWN = knownScopes();

  private Scopes() {}

  /** The scopes a token effectively has: {@code admin} expanded, writes implying reads. */
  static Set<String> effective(List<String> granted) {
    Set<String> scopes = new LinkedHashSet<>(granted);
    if (scopes.contains(ADMIN)) {
      scopes.addAll(TENANT_SCOPES);
    }
    if (scopes.contains(WORK_ITEMS_WRITE)) {
      scopes.add(WORK_ITEMS_READ);
    }
    if (scopes.contains(ROSTER_WRITE)) {
      scopes.add(ROSTER_READ);
    }
    if (scopes.contains(POLICIES_WRITE)) {
      scopes.add(POLICIES_READ);
    }
    if (scopes.contains(INTEGRATIONS_WRITE)) {
      scopes.add(INTEGRATIONS_READ);
    }
    if (scopes.contains(DELIVERIES_WRITE)) {
      scopes.add(DELIVERIES_READ);
    }
    if (scopes.contains(SUBSCRIPTIONS_WRITE)) {
      scopes.add(SUBSCRIPTIONS_READ);
    }
    return Set.copyOf(scopes);
  }

  private static Set<String> knownScopes() {
    Set<String> all = new LinkedHashSet<>(TENANT_SCOPES);
    all.add(TENANTS_ADMIN);
    return Set.copyOf(all);
  }
}
