package dev.baton.ingest;

import dev.baton.platform.BatonException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.NullMarked;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verifier for each provider, and the few primitives they share: HMAC-SHA256, hex, SHA-256 and
 * constant-time matching against the active secrets.
 */
@NullMarked
public final class Verifiers {

  static final int MAX_SECRETS = 2;

  // Lenient reads of third-party bodies: the verifier needs a field or two, not the schema.
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final WebhookVerifier STANDARD = new StandardWebhooksVerifier();

  private Verifiers() {}

  /** The verifier for the provider; GENERIC senders use Standard Webhooks signatures. */
  public static WebhookVerifier forProvider(Provider provider) {
    return switch (provider) {
      case GITHUB -> new GitHubVerifier();
      case GITLAB -> new GitLabVerifier();
      case JIRA -> new JiraVerifier();
      case SLACK -> new SlackVerifier();
      case PAGERDUTY -> new PagerDutyVerifier();
      case ALERTMANAGER -> new AlertmanagerVerifier();
      case STANDARD_WEBHOOKS, GENERIC -> STANDARD;
    };
  }

  static void checkSecrets(List<String> secrets) {
    if (secrets.isEmpty() || secrets.size() > MAX_SECRETS) {
      throw new IllegalArgumentException(
          "an integration has one or two active secrets, not " + secrets.size());
    }
  }

  /** True if the HMAC-SHA256 of the parts under any secret equals one of the received digests. */
  static boolean anySecretSigns(List<String> secrets, List<byte[]> received, byte[]... parts) {
    checkSecrets(secrets);
    boolean matched = false;
    for (String secret : secrets) {
      byte[] expected = hmacSha256(secret.getBytes(StandardCharsets.UTF_8), parts);
      for (byte[] candidate : received) {
        // no early exit: the time taken does not depend on which secret or value matched
        matched |= MessageDigest.isEqual(expected, candidate);
      }
    }
    return matched;
  }

  /**
   * True if the presented credential equals any secret. Both sides are hashed first so that the
   * comparison takes the same time whatever their lengths.
   */
  static boolean anySecretEquals(List<String> secrets, String presented) {
    checkSecrets(secrets);
    byte[] digest = sha256(presented.getBytes(StandardCharsets.UTF_8));
    boolean matched = false;
    for (String secret : secrets) {
      matched |= MessageDigest.isEqual(sha256(secret.getBytes(StandardCharsets.UTF_8)), digest);
    }
    return matched;
  }

  static byte[] hmacSha256(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** The 32-byte digest in {@code value}, which must be 64 hex digits, else a 400 naming header. */
  static byte[] hexDigest(String header, String value) {
    if (value.length() != 64) {
      throw malformed(header, "a 64-digit hex HMAC-SHA256");
    }
    try {
      return HexFormat.of().parseHex(value);
    } catch (IllegalArgumentException e) {
      throw malformed(header, "a 64-digit hex HMAC-SHA256");
    }
  }

  /** The value after {@code prefix}, which the header must start with. */
  static String afterPrefix(String header, String value, String prefix) {
    if (!value.startsWith(prefix)) {
      throw malformed(header, "'" + prefix + "' followed by the signature");
    }
    return value.substring(prefix.length());
  }

  /** Seconds since the epoch, ASCII digits only: signatures cover the header's exact text. */
  static Instant epochSeconds(String header, String value) {
    if (value.isEmpty()
        || value.length() > 12
        || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw malformed(header, "seconds since the epoch");
    }
    return Instant.ofEpochSecond(Long.parseLong(value));
  }

  /**
   * Refuses a signed time more than {@code tolerance} before or after now: a replay or bad clock.
   */
  static void checkFresh(String header, Instant signedAt, Instant now, Duration tolerance) {
    if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
      throw new StaleTimestamp(header, signedAt, now, tolerance);
    }
  }

  static BatonException.BadRequest malformed(String header, String expected) {
    return new BatonException.BadRequest(
        "header " + header + " is malformed: expected " + expected);
  }

  /** The body as a JSON tree, or a 400 saying the body is not JSON. */
  static JsonNode json(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      throw new BatonException.BadRequest("body is not valid JSON");
    }
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      throw new BatonException.BadRequest("body is not valid JSON");
    }
  }
}
