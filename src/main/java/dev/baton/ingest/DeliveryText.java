package dev.baton.ingest;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Makes sender-controlled text safe to store and index: PostgreSQL text holds no NUL, and a unique
 * index holds keys of a few kilobytes at most.
 */
final class DeliveryText {

  static final int MAX_KEY_LENGTH = 200;
  static final int MAX_TEXT_LENGTH = 2000;

  private DeliveryText() {}

  /**
   * The dedupe key for a delivery id: the id itself when short and printable, else {@code sha256:}
   * and its hash (the same id always gives the same key).
   */
  static String key(String deliveryId) {
    boolean plain =
        deliveryId.length() <= MAX_KEY_LENGTH
            && deliveryId
                .chars()
                .noneMatch(
                    c ->
                        Character.isISOControl(c)
                            || Character.isSurrogate((char) c)
                            || c == 0xFFFD);
    if (plain) {
      return deliveryId;
    }
    byte[] digest = Verifiers.sha256(deliveryId.getBytes(StandardCharsets.UTF_8));
    return "sha256:" + HexFormat.of().formatHex(digest);
  }

  /** Text with control characters replaced and cut to a sane length; null stays null. */
  static @Nullable String clean(@Nullable String text) {
    if (text == null) {
      return null;
    }
    StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_TEXT_LENGTH));
    for (int i = 0; i < text.length() && clean.length() < MAX_TEXT_LENGTH; i++) {
      char c = text.charAt(i);
      clean.append(Character.isISOControl(c) ? '?' : c);
    }
    return clean.toString();
  }
}
