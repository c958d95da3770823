package dev.baton.console;

import dev.baton.tenant.ConsoleUser;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A console user signed in through OpenID Connect: the same account (tenant, role, actor) as after
 * a password sign-in, carrying the provider's ID token as Spring Security's OIDC login expects.
 */
final class SsoAccount extends ConsoleAccount implements OidcUser {

  private final OidcIdToken idToken;
  private final @Nullable OidcUserInfo userInfo;

  SsoAccount(ConsoleUser user, OidcIdToken idToken, @Nullable OidcUserInfo userInfo) {
    super(user);
    this.idToken = idToken;
    this.userInfo = userInfo;
  }

  @Override
  public Map<String, Object> getClaims() {
    return idToken.getClaims();
  }

  @Override
  public @Nullable OidcUserInfo getUserInfo() {
    return userInfo;
  }

  @Override
  public OidcIdToken getIdToken() {
    return idToken;
  }

  @Override
  public Map<String, Object> getAttributes() {
    return idToken.getClaims();
  }

  /** The console username, so Spring Security's principal name is the same as after a password. */
  @Override
  public String getName() {
    return getUsername();
  }
}
