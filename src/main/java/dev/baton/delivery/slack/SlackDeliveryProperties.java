package dev.baton.delivery.slack;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the Slack connector calls Slack. The Web API's base URL is shared with the Slack entry points
 * ({@code baton.slack.api-url}, see {@link SlackApiUrl}).
 *
 * @param timeout longest wait for one Web API call (default 5 s); a timeout after the request was
 *     sent is an uncertain outcome, checked through message metadata before posting again
 * @param messagesPerSecond the per-channel token bucket's refill rate (default 1, Slack's own
 *     guidance for chat.postMessage per channel)
 * @param burst how many messages a channel's bucket holds (default 1)
 * @param historyLimit how many recent messages of a channel are searched for an uncertain
 *     delivery's metadata (default 100)
 */
@ConfigurationProperties("baton.delivery.slack")
record SlackDeliveryProperties(
    @Nullable Duration timeout,
    @Nullable Double messagesPerSecond,
    @Nullable Integer burst,
    @Nullable Integer historyLimit) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final double DEFAULT_MESSAGES_PER_SECOND = 1.0;
  static final int DEFAULT_BURST = 1;
  static final int DEFAULT_HISTORY_LIMIT = 100;

  Duration effectiveTimeout() {
    return timeout == null ? DEFAULT_TIMEOUT : timeout;
  }

  double effectiveMessagesPerSecond() {
    return messagesPerSecond == null ? DEFAULT_MESSAGES_PER_SECOND : messagesPerSecond;
  }

  int effectiveBurst() {
    return burst == null ? DEFAULT_BURST : burst;
  }

  int effectiveHistoryLimit() {
    return historyLimit == null ? DEFAULT_HISTORY_LIMIT : historyLimit;
  }
}
