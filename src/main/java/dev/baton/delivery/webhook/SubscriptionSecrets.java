package dev.baton.delivery.webhook;

import dev.baton.delivery.webhook.SubscriptionRows.StoredSecret;
import dev.baton.platform.BatonException;
import dev.baton.platform.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The sealed signing secrets of subscriptions: Standard Webhooks secrets ({@code whsec_} + base64
 * of 24 to 64 bytes), one or two active, each encrypted with the master key and bound to {@code
 * <tenant>/subscription/<id>}. Callers hold the subscription's row lock.
 */
@Component
class SubscriptionSecrets {

  static final String PREFIX = "whsec_";
  static final int MAX_ACTIVE = 2;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SubscriptionRows rows;
  private final SecretBox box;

  SubscriptionSecrets(SubscriptionRows rows, SecretBox box) {
    this.rows = rows;
    this.box = box;
  }

  static String generate() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** What is wrong with a secret a caller gave; null when it is valid. */
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
    if (key.length < 24 || key.length > 64) {
      return "must hold 24 to 64 bytes of key, not " + key.length;
    }
    return null;
  }

  /** The active secrets in clear, oldest first: for signing only. */
  List<String> active(String tenantId, UUID id) {
    return rows.secrets(tenantId, id).stream().map(s -> open(tenantId, id, s)).toList();
  }

  List<SubscriptionView.SecretInfo> infos(String tenantId, UUID id) {
    return rows.secrets(tenantId, id).stream().map(SubscriptionSecrets::info).toList();
  }

  /** Adds an active secret; never more than two. */
  SubscriptionView.SecretInfo add(String tenantId, UUID id, String secret, Instant now) {
    List<StoredSecret> active = rows.secrets(tenantId, id);
    if (active.size() >= MAX_ACTIVE) {
      throw new BatonException.Conflict(
          "the subscription already has two active secrets; retire one before adding another",
          Map.of("activeSecrets", active.stream().map(StoredSecret::n).toList()));
    }
    if (active.stream().anyMatch(s -> open(tenantId, id, s).equals(secret))) {
      throw new BatonException.Conflict("this secret is already active");
    }
    StoredSecret stored =
        new StoredSecret(
            rows.allocateSecretNumber(tenantId, id),
            box.seal(secret, context(tenantId, id)),
            fingerprint(secret),
            now);
    rows.insertSecret(tenantId, id, stored);
    return info(stored);
  }

  /** Retires secret {@code index}; the last active secret cannot be retired. */
  SubscriptionView.SecretInfo retire(String tenantId, UUID id, int index) {
    List<StoredSecret> active = rows.secrets(tenantId, id);
    StoredSecret retired =
        active.stream()
            .filter(s -> s.n() == index)
            .findFirst()
            .orElseThrow(() -> new BatonException.NotFound("secret", index));
    if (active.size() == 1) {
      throw new BatonException.Conflict(
          "secret " + index + " is the only active secret; add the new one first");
    }
    rows.deleteSecret(tenantId, id, index);
    return info(retired);
  }

  /** Whether {@code secret} is one of the active ones. */
  boolean isActive(String tenantId, UUID id, String secret) {
    return active(tenantId, id).contains(secret);
  }

  /** The active secrets' numbers, by value, for replacing them from configuration. */
  Map<String, Integer> numbers(String tenantId, UUID id) {
    Map<String, Integer> numbers = new java.util.LinkedHashMap<>();
    rows.secrets(tenantId, id).forEach(s -> numbers.put(open(tenantId, id, s), s.n()));
    return numbers;
  }

  static String context(String tenantId, UUID id) {
    return tenantId + "/subscription/" + id;
  }

  static String fingerprint(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String open(String tenantId, UUID id, StoredSecret secret) {
    return box.open(secret.sealed(), context(tenantId, id));
  }

  private static SubscriptionView.SecretInfo info(StoredSecret secret) {
    return new SubscriptionView.SecretInfo(secret.n(), secret.addedAt(), secret.fingerprint());
  }
}
