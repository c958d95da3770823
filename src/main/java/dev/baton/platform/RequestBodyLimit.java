package dev.baton.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code baton.http.max-body-size} (default 1 MiB) with 413
 * before anything reads them, whether or not the sender declared a length, and keeps the read body
 * so later steps (idempotency) can see its exact bytes.
 *
 * <p>Webhooks ({@code /hooks/**}) are left alone: each integration has its own limit (GitHub sends
 * up to 25 MB), which the hook endpoint enforces while it reads.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@EnableConfigurationProperties(RequestBodyLimit.Properties.class)
class RequestBodyLimit extends OncePerRequestFilter {

  /**
   * HTTP limits.
   *
   * @param maxBodySize largest accepted request body (default 1 MiB)
   */
  @ConfigurationProperties("baton.http")
  record Properties(DataSize maxBodySize) {
    Properties {
      if (maxBodySize == null) {
        maxBodySize = DataSize.ofMegabytes(1);
      }
    }
  }

  /** Request attribute holding the body's bytes. */
  static final String BODY_ATTRIBUTE = RequestBodyLimit.class.getName() + ".body";

  private final long limit;
  private final ProblemWriter problems;

  RequestBodyLimit(Properties properties, ProblemWriter problems) {
    this.limit = properties.maxBodySize().toBytes();
    this.problems = problems;
  }

  /** Path prefix of the webhook endpoints, which limit their bodies per integration. */
  public static final String HOOKS = "/hooks/";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + HOOKS);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      problems.write(response, 413, "the request body is larger than " + limit + " bytes");
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE));
    if (body.length > limit) {
      problems.write(response, 413, "the request body is larger than " + limit + " bytes");
      return;
    }
    request.setAttribute(BODY_ATTRIBUTE, body);
    chain.doFilter(new CachedBody(request, body), response);
  }

  /**
   * The request with its body read: the body is replayed to whoever reads it, and a form's fields
   * (the console's forms, {@code application/x-www-form-urlencoded}) are parsed from it, since the
   * container can no longer read them from the consumed stream.
   */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;
    private final java.util.@Nullable Map<String, String[]> parameters;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
      this.parameters = isForm(request) ? withForm(request.getParameterMap(), body) : null;
    }

    private static boolean isForm(HttpServletRequest request) {
      String type = request.getContentType();
      return type != null
          && type.toLowerCase(java.util.Locale.ROOT)
              .startsWith("application/x-www-form-urlencoded");
    }

    private static java.util.Map<String, String[]> withForm(
        java.util.Map<String, String[]> query, byte[] body) {
      java.util.Map<String, java.util.List<String>> all = new java.util.LinkedHashMap<>();
      query.forEach(
          (k, v) ->
              all.computeIfAbsent(k, x -> new java.util.ArrayList<>())
                  .addAll(java.util.List.of(v)));
      String text = new String(body, StandardCharsets.UTF_8);
      for (String pair : text.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name =
            java.net.URLDecoder.decode(
                eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0
                ? ""
                : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        all.computeIfAbsent(name, x -> new java.util.ArrayList<>()).add(value);
      }
      java.util.Map<String, String[]> merged = new java.util.LinkedHashMap<>();
      all.forEach((k, v) -> merged.put(k, v.toArray(String[]::new)));
      return java.util.Collections.unmodifiableMap(merged);
    }

    @Override
    public @Nullable String getParameter(String name) {
      if (parameters == null) {
        return super.getParameter(name);
      }
      String[] values = parameters.get(name);
      return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public java.util.Map<String, String[]> getParameterMap() {
      return parameters == null ? super.getParameterMap() : parameters;
    }

    @Override
    public java.util.Enumeration<String> getParameterNames() {
      return parameters == null
          ? super.getParameterNames()
          : java.util.Collections.enumeration(parameters.keySet());
    }

    @Override
    public String @Nullable [] getParameterValues(String name) {
      return parameters == null ? super.getParameterValues(name) : parameters.get(name);
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return false;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }
  }
}
