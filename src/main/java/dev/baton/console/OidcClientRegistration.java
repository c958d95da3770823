package dev.baton.console;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

/**
 * The console's one OpenID client, discovered from the issuer on first use rather than at start, so
 * Baton starts (and password sign-in works) while the provider is unreachable; a failed discovery
 * is tried again at the next SSO sign-in.
 */
final class OidcClientRegistration implements ClientRegistrationRepository {

  private static final Logger log = LoggerFactory.getLogger(OidcClientRegistration.class);

  private final OidcProperties properties;
  private volatile @Nullable ClientRegistration discovered;

  OidcClientRegistration(OidcProperties properties) {
    this.properties = properties;
  }

  @Override
  public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
    if (!OidcProperties.REGISTRATION_ID.equals(registrationId)) {
      return null;
    }
    ClientRegistration found = discovered;
    if (found == null) {
      found = discover();
      discovered = found;
    }
    return found;
  }

  private @Nullable ClientRegistration discover() {
    String issuer = Objects.requireNonNull(properties.issuerUri());
    try {
      return ClientRegistrations.fromIssuerLocation(issuer)
          .registrationId(OidcProperties.REGISTRATION_ID)
          .clientId(Objects.requireNonNull(properties.clientId(), "baton.console.oidc.client-id"))
          .clientSecret(properties.clientSecret())
          .scope(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL)
          .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
          .build();
    } catch (RuntimeException e) {
      log.warn(
          "Single sign-on is unavailable: could not read the OpenID configuration of {}: {}",
          issuer,
          e.toString());
      return null;
    }
  }
}
