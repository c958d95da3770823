package dev.baton.delivery.jira;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code baton.jira.*}: how the Jira connector reaches Jira sites.
 *
 * @param allowLoopbackHttp accept plain {@code http://} base URLs whose host is loopback; default
 *     false, so every site is reached over https. For local development and tests.
 * @param connectTimeout how long to wait for a connection (default 5 s)
 * @param requestTimeout how long to wait for an answer to one request (default 10 s); a request
 *     that times out may have landed and is retried as uncertain
 * @param rateLimitPause how long later sends to a Jira site (or issue) wait after a 429 that named
 *     no wait ({@code Retry-After}, {@code X-RateLimit-Reset}); default 10 s
 */
@ConfigurationProperties("baton.jira")
record JiraProperties(
    boolean allowLoopbackHttp,
    @Nullable Duration connectTimeout,
    @Nullable Duration requestTimeout,
    @Nullable Duration rateLimitPause) {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  static final Duration RATE_LIMIT_PAUSE = Duration.ofSeconds(10);

  JiraProperties {
    if (connectTimeout == null) {
      connectTimeout = CONNECT_TIMEOUT;
    }
    if (requestTimeout == null) {
      requestTimeout = REQUEST_TIMEOUT;
    }
    if (rateLimitPause == null) {
      rateLimitPause = RATE_LIMIT_PAUSE;
    }
  }

  Duration connect() {
    return connectTimeout == null ? CONNECT_TIMEOUT : connectTimeout;
  }

  Duration request() {
    return requestTimeout == null ? REQUEST_TIMEOUT : requestTimeout;
  }

  Duration pause() {
    return rateLimitPause == null ? RATE_LIMIT_PAUSE : rateLimitPause;
  }
}
