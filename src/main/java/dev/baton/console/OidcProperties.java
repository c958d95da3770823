package dev.baton.console;

import dev.baton.tenant.ConsoleRole;
import dev.baton.tenant.Tenants;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OpenID Connect single sign-on for the console; off while {@code issuerUri} is empty.
 *
 * @param issuerUri the provider's issuer; its {@code /.well-known/openid-configuration} is read on
 *     the first SSO sign-in ({@code BATON_CONSOLE_OIDC_ISSUERURI})
 * @param clientId the client Baton is registered as at the provider
 * @param clientSecret that client's secret (sent with {@code client_secret_basic})
 * @param usernameClaim the claim matched against console usernames (ignoring case); empty means
 *     {@code email}, then {@code preferred_username}
 * @param tenant the tenant SSO users belong to (default {@value Tenants#DEFAULT})
 * @param autoCreate whether an unknown identity becomes a new console user (default false: it is
 *     refused)
 * @param defaultRole the role of a user created that way (default {@code viewer})
 */
@ConfigurationProperties("baton.console.oidc")
record OidcProperties(
    @Nullable String issuerUri,
    @Nullable String clientId,
    @Nullable String clientSecret,
    @Nullable String usernameClaim,
    @Nullable String tenant,
    boolean autoCreate,
    @Nullable String defaultRole) {

  /** The registration id in Baton's paths: {@code /oauth2/authorization/sso}. */
  static final String REGISTRATION_ID = "sso";

  boolean enabled() {
    return issuerUri != null && !issuerUri.isBlank();
  }

  String effectiveTenant() {
    return tenant == null || tenant.isBlank() ? Tenants.DEFAULT : tenant;
  }

  ConsoleRole effectiveDefaultRole() {
    return defaultRole == null || defaultRole.isBlank()
        ? ConsoleRole.VIEWER
        : ConsoleRole.parse(defaultRole);
  }
}
