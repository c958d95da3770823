package dev.baton.tenant;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A person who signs in to the console.
 *
 * @param passwordHash the password in {@code DelegatingPasswordEncoder} form ({@code {bcrypt}...});
 *     never shown; null for a user created by single sign-on who has no password
 * @param personId the roster person this user is, if linked
 * @param disabledAt when an admin disabled the user (who then cannot sign in); null when enabled
 * @param lastSignInAt the last successful sign-in, by password or single sign-on
 * @param ssoSubject the OpenID provider's {@code sub} this user signed in with, once they have
 */
public record ConsoleUser(
    String tenantId,
    String username,
    @Nullable String passwordHash,
    ConsoleRole role,
    @Nullable String personId,
    Instant createdAt,
    @Nullable Instant disabledAt,
    @Nullable Instant lastSignInAt,
    @Nullable String ssoSubject) {

  public boolean disabled() {
    return disabledAt != null;
  }

  public boolean hasPassword() {
    return passwordHash != null;
  }

  /** How the user signs in: {@code password}, {@code sso} or {@code password, sso}. */
  public String signInMethods() {
    if (passwordHash != null && ssoSubject != null) {
      return "password, sso";
    }
    return ssoSubject != null ? "sso" : "password";
  }
}
