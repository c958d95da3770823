package dev.baton.policy;

import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Standard Webhooks signing secrets: {@code whsec_} and the base64 of 24 to 64 random bytes (the
 * spec's range). Baton draws 32.
 */
final class SigningSecret {

  static final String PREFIX = "whsec_";
  static final int MIN_BYTES = 24;
  static final int MAX_BYTES = 64;
  private static final int DRAWN_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SigningSecret() {}

  static String generate() {
    byte[] key = new byte[DRAWN_BYTES];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** What is wrong with a secret given by a caller; null when it is a valid one. */
  static @Nullable String problem(String secret) {
    if (!secret.startsWith(PREFIX)) {
      return "must be a Standard Webhooks secret: whsec_ followed by base64";
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return "must be whsec_ followed by base64 (the part after whsec_ does not decode)";
    }
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      return "must hold " + MIN_BYTES + " to " + MAX_BYTES + " bytes of key, not " + key.length;
    }
    return null;
  }
}
