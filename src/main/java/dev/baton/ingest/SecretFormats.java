package dev.baton.ingest;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * What a provider's secret must look like, checked when a secret is written so that a verifier
 * never meets one it cannot use (for which it would throw {@link IllegalArgumentException}). Pure.
 */
final class SecretFormats {

  static final int MAX_LENGTH = 512;
  static final String STANDARD_WEBHOOKS_PREFIX = "whsec_";
  static final int STANDARD_WEBHOOKS_MIN_BYTES = 24;
  static final int STANDARD_WEBHOOKS_MAX_BYTES = 64;
  static final String BOT_TOKEN_PREFIX = "xoxb-";
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private SecretFormats() {}

  /** What is wrong with {@code secret} for {@code provider}, or null when it is usable. */
  static @Nullable String problem(Provider provider, String secret) {
    if (secret.isEmpty()) {
      return "must not be empty";
    }
    if (secret.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    if (!secret.strip().equals(secret)) {
      return "must not start or end with white space";
    }
    if (secret.chars().anyMatch(Character::isISOControl)) {
      return "must not contain control characters";
    }
    return switch (provider) {
      // sent as a header value and compared as is: printable ASCII only
      case GITLAB, ALERTMANAGER -> printableAscii(secret) ? null : "must be printable ASCII";
      case STANDARD_WEBHOOKS, GENERIC -> standardWebhooksKey(secret);
      case GITHUB, JIRA, SLACK, PAGERDUTY -> null;
    };
  }

  /** Whether the sender lets its user choose the secret, so Baton may generate it. */
  static boolean generated(Provider provider) {
    return provider != Provider.SLACK && provider != Provider.PAGERDUTY;
  }

  /** A new random secret in the provider's format: 32 random bytes, hex or Standard Webhooks. */
  static String generate(Provider provider) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return switch (provider) {
      case STANDARD_WEBHOOKS, GENERIC ->
          STANDARD_WEBHOOKS_PREFIX + Base64.getEncoder().encodeToString(bytes);
      default -> java.util.HexFormat.of().formatHex(bytes);
    };
  }

  /** What is wrong with a Slack bot token, or null. */
  static @Nullable String botTokenProblem(String token) {
    if (!token.startsWith(BOT_TOKEN_PREFIX) || token.length() > MAX_LENGTH) {
      return "must be a Slack bot token (" + BOT_TOKEN_PREFIX + "…)";
    }
    return printableAscii(token) && !token.contains(" ") ? null : "must be printable ASCII";
  }

  // The key the Standard Webhooks library signs with: whsec_ and base64 of 24 to 64 random bytes.
  private static @Nullable String standardWebhooksKey(String secret) {
    String expected =
        "must be '"
            + STANDARD_WEBHOOKS_PREFIX
            + "' followed by the base64 of "
            + STANDARD_WEBHOOKS_MIN_BYTES
            + " to "
            + STANDARD_WEBHOOKS_MAX_BYTES
            + " random bytes";
    if (!secret.startsWith(STANDARD_WEBHOOKS_PREFIX)) {
      return expected;
    }
    try {
      int bytes =
          Base64.getDecoder().decode(secret.substring(STANDARD_WEBHOOKS_PREFIX.length())).length;
      return bytes >= STANDARD_WEBHOOKS_MIN_BYTES && bytes <= STANDARD_WEBHOOKS_MAX_BYTES
          ? null
          : expected;
    } catch (IllegalArgumentException e) {
      return expected;
    }
  }

  private static boolean printableAscii(String text) {
    return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
