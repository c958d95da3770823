package dev.baton.slack;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Baton calls Slack while answering a Slack request.
 *
 * @param apiUrl base of Slack's Web API (default {@value #DEFAULT_API_URL}); {@code views.open} is
 *     called under it. Tests point it at a fake Slack on loopback.
 * @param timeout longest wait for Slack to answer a call (default 2 s: a {@code trigger_id} is only
 *     good for 3 s, and Slack wants Baton's own answer within 3 s)
 */
@ConfigurationProperties("baton.slack")
record SlackProperties(@Nullable URI apiUrl, @Nullable Duration timeout) {

  static final String DEFAULT_API_URL = "https://slack.com/api";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  SlackProperties {
    if (apiUrl == null) {
      apiUrl = URI.create(DEFAULT_API_URL);
    }
    if (timeout == null) {
      timeout = DEFAULT_TIMEOUT;
    }
  }

  URI effectiveApiUrl() {
    return apiUrl == null ? URI.create(DEFAULT_API_URL) : apiUrl;
  }

  Duration effectiveTimeout() {
    return timeout == null ? DEFAULT_TIMEOUT : timeout;
  }
}
