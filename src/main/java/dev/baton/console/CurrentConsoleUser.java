package dev.baton.console;

import dev.baton.tenant.ConsoleUser;
import dev.baton.tenant.ConsoleUsers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session whose user was disabled, removed or given another role since signing in,
 * so an admin's change applies at the user's next request rather than when the session expires; the
 * request goes on unauthenticated (a page redirects to {@code /login}).
 */
final class CurrentConsoleUser extends OncePerRequestFilter {

  private final ConsoleUsers users;

  CurrentConsoleUser(ConsoleUsers users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
    if (signedIn != null
        && signedIn.getPrincipal() instanceof ConsoleAccount account
        && !stillValid(account)) {
      SecurityContextHolder.clearContext();
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
    }
    chain.doFilter(request, response);
  }

  private boolean stillValid(ConsoleAccount account) {
    Optional<ConsoleUser> now = users.findByUsername(account.getUsername());
    return now.isPresent()
        && !now.get().disabled()
        && now.get().role() == account.role()
        && now.get().tenantId().equals(account.tenantId());
  }
}
