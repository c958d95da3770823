package dev.baton.delivery.slack;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The base of Slack's Web API, {@code baton.slack.api-url} (default {@value #DEFAULT}), the same
 * property the Slack entry points read; tests point it at a fake Slack on loopback.
 */
@ConfigurationProperties("baton.slack")
record SlackApiUrl(@Nullable URI apiUrl) {

  static final String DEFAULT = "https://slack.com/api";

  /** The SDK's methods prefix: the base with a trailing slash, method names appended. */
  String methodsPrefix() {
    String base = apiUrl == null ? DEFAULT : apiUrl.toString();
    return base.endsWith("/") ? base : base + "/";
  }
}
