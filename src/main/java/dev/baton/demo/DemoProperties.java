package dev.baton.demo;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code baton.demo.*}: the demo's settings.
 *
 * @param enabled set only by {@code baton serve --demo} (see {@link DemoEnvironment})
 * @param baseUrl Baton's own loopback address, set by {@link DemoEnvironment} from the port
 * @param interval time between two webhook deliveries of the generator (default {@value
 *     #INTERVAL_TEXT}); zero stops the schedule, so only {@link DemoTraffic#tick} sends (tests)
 * @param acceptAfter how long a simulated person leaves an offer in Slack before pressing Accept
 *     (default {@value #ACCEPT_AFTER_TEXT}); a third of the offers are never accepted and escalate
 */
@ConfigurationProperties("baton.demo")
record DemoProperties(
    boolean enabled,
    @Nullable String baseUrl,
    @Nullable Duration interval,
    @Nullable Duration acceptAfter) {

  static final String INTERVAL_TEXT = "PT7S";
  static final String ACCEPT_AFTER_TEXT = "PT20S";

  Duration every() {
    return interval == null ? Duration.parse(INTERVAL_TEXT) : interval;
  }

  Duration acceptDelay() {
    return acceptAfter == null ? Duration.parse(ACCEPT_AFTER_TEXT) : acceptAfter;
  }

  String base() {
    if (baseUrl == null) {
      throw new IllegalStateException("baton.demo.base-url is set by DemoEnvironment");
    }
    return baseUrl;
  }
}
