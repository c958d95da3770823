package dev.baton.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with {@code Retry-After} when the database cannot be reached by a step that runs
 * before Spring MVC (the API token check, the console's session): {@link ProblemResponses} covers
 * controllers, this the filters in front of them, so no request fails with a 500 or an error page
 * while the database is down or restarting.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

  private final ProblemWriter problems;

  DatabaseUnavailableFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (RuntimeException | ServletException e) {
      if (!DatabaseUnavailable.causedBy(e) || response.isCommitted()) {
        throw e;
      }
      log.warn(
          "Database unavailable, answering 503 to {} {} (correlation id {}): {}",
          request.getMethod(),
          request.getRequestURI(),
          Correlation.current(),
          e.getMessage());
      response.reset();
      response.setHeader(Correlation.HEADER, Correlation.current());
      response.setHeader(
          HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()));
      problems.write(response, 503, DatabaseUnavailable.DETAIL, Map.of());
    }
  }
}
