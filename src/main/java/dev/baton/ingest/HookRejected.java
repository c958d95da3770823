package dev.baton.ingest;

import dev.baton.platform.BatonException;

/**
 * A webhook request refused before anything of it was stored. The reason is the {@code reason} tag
 * of the received-webhooks metric and a member of the problem answer.
 */
final class HookRejected extends BatonException {

  /** Why, with the HTTP status it answers. */
  enum Reason {
    UNKNOWN_INTEGRATION(404),
    DISABLED(403),
    CONTENT_TYPE(415),
    TOO_LARGE(413),
    SIGNATURE(401),
    STALE(401),
    MALFORMED(400),
    TOO_DEEP(400),
    EVENT_NOT_ACCEPTED(422);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    int status() {
      return status;
    }

    /** The tag value: {@code unknown_integration}, {@code too_large}, … */
    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Reason reason;
  private final String provider;

  HookRejected(Reason reason, String provider, String message) {
    super(message, java.util.Map.of("reason", reason.tag()));
    this.reason = reason;
    this.provider = provider;
  }

  Reason reason() {
    return reason;
  }

  /** The integration's provider, or {@code unknown} when the integration is not known. */
  String provider() {
    return provider;
  }
}
