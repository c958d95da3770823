package dev.baton.console;

import dev.baton.tenant.ConsoleUsers;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After a sign-in by password or single sign-on: notes the time on the user (shown on the users
 * page) and goes on to the page asked for, or the overview.
 */
final class SignedIn extends SavedRequestAwareAuthenticationSuccessHandler {

  private final ConsoleUsers users;

  SignedIn(ConsoleUsers users) {
    this.users = users;
    setDefaultTargetUrl("/");
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws ServletException, IOException {
    if (authentication.getPrincipal() instanceof ConsoleAccount account) {
      users.recordSignIn(account.tenantId(), account.getUsername());
    }
    super.onAuthenticationSuccess(request, response, authentication);
  }
}
