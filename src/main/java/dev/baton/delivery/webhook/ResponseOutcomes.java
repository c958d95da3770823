package dev.baton.delivery.webhook;

import dev.baton.delivery.Connector.Outcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a receiver's HTTP status means for a webhook delivery: 2xx delivered; 408, 425, 429 and 5xx
 * worth retrying (after the receiver's {@code Retry-After} when it gave one); 410 Gone permanent
 * (the subscription is then disabled); anything else, redirects included, permanent.
 */
final class ResponseOutcomes {

  private ResponseOutcomes() {}

  static Outcome of(int status, @Nullable String retryAfter, String excerpt, Instant now) {
    if (status / 100 == 2) {
      return new Outcome.Delivered(status, excerpt);
    }
    if (status == 408 || status == 425 || status == 429 || status / 100 == 5) {
      return new Outcome.Transient(
          status, "HTTP " + status, false, RetryAfter.parse(retryAfter, now), excerpt);
    }
    if (status == 410) {
      return new Outcome.Permanent(
          status, "HTTP 410 Gone: the receiver asked to stop; subscription disabled", excerpt);
    }
    if (status / 100 == 3) {
      return new Outcome.Permanent(
          status, "HTTP " + status + ": redirects are not followed; update the URL", excerpt);
    }
    return new Outcome.Permanent(status, "HTTP " + status, excerpt);
  }
}
