package dev.baton.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Gives every request a correlation id and echoes it in the {@code X-Correlation-Id} header. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id = Correlation.traceIdOf(request.getHeader("traceparent"));
    if (id == null) {
      String supplied = request.getHeader(Correlation.HEADER);
      id = Correlation.acceptable(supplied) ? supplied : UUID.randomUUID().toString();
    }
    MDC.put(Correlation.MDC_KEY, id);
    response.setHeader(Correlation.HEADER, id);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(Correlation.MDC_KEY);
      // what the request's handling put and did not take back (the webhook tenant)
      MDC.remove(LogContext.TENANT);
      MDC.remove(LogContext.WORK_ITEM);
      MDC.remove(LogContext.DELIVERY);
    }
  }
}
