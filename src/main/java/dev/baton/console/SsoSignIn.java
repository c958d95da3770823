package dev.baton.console;

import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.tenant.ConsoleUser;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.tenant.Tenants;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns an identity the OpenID provider vouched for into a console user of the configured tenant.
 * The user already matched with the identity's {@code sub} is found first; otherwise the username
 * claim (by default {@code email}, then {@code preferred_username}) must name an existing user of
 * the tenant, ignoring case, who is then matched with that {@code sub} (audited). A username
 * already matched with another {@code sub}, a disabled user, an unverified e-mail and, unless
 * {@code auto-create} is on, an unknown username are refused and nothing is stored. With {@code
 * auto-create} an unknown username becomes a user with the default role, audited with the identity
 * ({@code oidc:<sub>}) as actor.
 */
final class SsoSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

  /** The error code of a refused identity; the login page shows its description. */
  static final String REFUSED = "console_user_refused";

  static final String SOURCE = "sso";

  private static final Logger log = LoggerFactory.getLogger(SsoSignIn.class);

  private final OidcUserService provider = new OidcUserService();
  private final ConsoleUsers users;
  private final Tenants tenants;
  private final OidcProperties properties;

  SsoSignIn(ConsoleUsers users, Tenants tenants, OidcProperties properties) {
    this.users = users;
    this.tenants = tenants;
    this.properties = properties;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser identity = provider.loadUser(request);
    ConsoleUser user = consoleUser(identity);
    return new SsoAccount(user, identity.getIdToken(), identity.getUserInfo());
  }

  private ConsoleUser consoleUser(OidcUser identity) {
    String tenant = properties.effectiveTenant();
    String subject = identity.getSubject();
    if (subject == null || subject.isBlank()) {
      throw refused("The identity provider sent no subject (sub) claim.");
    }
    Optional<ConsoleUser> matched = users.findBySsoSubject(tenant, subject);
    if (matched.isPresent()) {
      return enabled(matched.get());
    }
    String username = username(identity);
    Actor actor = Actor.external("oidc", subject, null);
    Optional<ConsoleUser> named = users.findByUsername(username);
    if (named.isPresent()) {
      ConsoleUser user = named.get();
      if (!user.tenantId().equals(tenant)) {
        throw refused("'" + username + "' is a console user of another tenant.");
      }
      if (user.ssoSubject() != null) {
        throw refused("The console user '" + user.username() + "' signs in with another identity.");
      }
      enabled(user);
      users.linkSso(tenant, user.username(), subject, actor, SOURCE);
      return user;
    }
    if (!properties.autoCreate()) {
      log.info("Single sign-on refused: no console user '{}' (sub {})", username, subject);
      throw refused(
          "There is no console user '"
              + username
              + "'. Ask an admin of Baton to create one, then sign in again.");
    }
    if (!tenants.exists(tenant)) {
      throw refused("The tenant '" + tenant + "' for single sign-on users does not exist.");
    }
    try {
      return users.createForSso(
          tenant, username, properties.effectiveDefaultRole(), subject, actor, SOURCE);
    } catch (BatonException e) {
      throw refused("Could not create a console user '" + username + "': " + e.getMessage());
    }
  }

  private String username(OidcUser identity) {
    String claim = properties.usernameClaim();
    @Nullable String value;
    if (claim != null && !claim.isBlank()) {
      value = identity.getClaimAsString(claim);
    } else {
      value = identity.getEmail();
      if (value != null && Boolean.FALSE.equals(identity.getEmailVerified())) {
        throw refused("The identity provider has not verified the e-mail address " + value + ".");
      }
      if (value == null) {
        value = identity.getClaimAsString(StandardClaimNames.PREFERRED_USERNAME);
      }
    }
    if (value == null || value.isBlank()) {
      throw refused(
          "The identity provider sent no "
              + (claim == null || claim.isBlank() ? "email or preferred_username" : claim)
              + " claim to match a console user with.");
    }
    return value.trim().toLowerCase(Locale.ROOT);
  }

  private static ConsoleUser enabled(ConsoleUser user) {
    if (user.disabled()) {
      throw refused("The console user '" + user.username() + "' is disabled.");
    }
    return user;
  }

  private static OAuth2AuthenticationException refused(String message) {
    return new OAuth2AuthenticationException(new OAuth2Error(REFUSED, message, null), message);
  }
}
