package dev.baton.tenant;

import dev.baton.platform.Caller;
import dev.baton.platform.LogContext;
import dev.baton.platform.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.MDC;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} and makes the {@link Caller} the request's
 * principal. A token that is unknown, revoked or expired answers 401 at once; a request without one
 * goes on unauthenticated and is refused by the security rules where a token is needed.
 */
class ApiTokenFilter extends OncePerRequestFilter {

  /** Header by which a service token with the {@code act-as} scope names the person it acts for. */
  static final String ACTING_FOR = "Baton-Acting-For";

  private final ApiTokens tokens;
  private final KnownPeople people;
  private final ProblemWriter problems;

  ApiTokenFilter(ApiTokens tokens, KnownPeople people, ProblemWriter problems) {
    this.tokens = tokens;
    this.people = people;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null) {
      chain.doFilter(request, response);
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      unauthorized(response, "the Authorization header must be 'Bearer <token>'");
      return;
    }
    Optional<ApiTokens.Authenticated> found = tokens.authenticate(header.substring(7).trim());
    if (found.isEmpty()) {
      unauthorized(response, "the API token is unknown, revoked or expired");
      return;
    }
    ApiTokens.Authenticated auth = found.get();
    Set<String> scopes = Scopes.effective(auth.token().scopes());
    String person = auth.token().person();
    boolean actingFor = false;
    String named = request.getHeader(ACTING_FOR);
    if (person != null && !people.exists(auth.tenantId(), person)) {
      unauthorized(response, "the API token's person '" + person + "' no longer exists");
      return;
    }
    if (named != null) {
      if (person != null && !person.equals(named)) {
        problems.write(
            response,
            403,
            "this token acts as person '" + person + "' and cannot act for anyone else");
        return;
      }
      if (!scopes.contains(Scopes.ACT_AS)) {
        problems.write(
            response,
            403,
            "header '" + ACTING_FOR + "' needs the '" + Scopes.ACT_AS + "' scope",
            Map.of("missingScope", Scopes.ACT_AS));
        return;
      }
      if (!people.exists(auth.tenantId(), named)) {
        problems.write(
            response, 422, "header '" + ACTING_FOR + "' names an unknown person '" + named + "'");
        return;
      }
      person = named;
      actingFor = true;
    }
    Caller caller = new Caller(auth.tenantId(), auth.token().id(), scopes, person, actingFor);
    var authentication =
        UsernamePasswordAuthenticationToken.authenticated(
            caller, null, scopes.stream().map(SimpleGrantedAuthority::new).toList());
    SecurityContextHolder.getContext().setAuthentication(authentication);
    MDC.put(LogContext.TENANT, auth.tenantId());
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(LogContext.TENANT);
    }
  }

  private void unauthorized(HttpServletResponse response, String detail) throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer");
    problems.write(response, 401, detail);
  }
}
