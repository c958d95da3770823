package dev.baton.ingest;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import dev.baton.platform.BatonException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/**
 * Standard Webhooks (also the GENERIC provider): {@code webhook-signature: v1,<base64> v1,<base64>}
 * over {@code id.timestamp.body}, keyed by the secret {@code whsec_<base64 key>}, with {@code
 * webhook-timestamp} within five minutes of now.
 *
 * <p>The spec's own library computes the signature, so key decoding and the signed text follow the
 * reference exactly. Its {@code verify} is not used: it reads the system clock, where Baton passes
 * time in, and it takes the body as a string.
 */
@NullMarked
final class StandardWebhooksVerifier implements WebhookVerifier {

  static final String ID = "webhook-id";
  static final String TIMESTAMP = "webhook-timestamp";
  static final String SIGNATURE = "webhook-signature";
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Override
  public Verified verify(
      WebhookHeaders headers, byte[] rawBody, List<String> secrets, Instant now) {
    Verifiers.checkSecrets(secrets);
    String id = headers.required(ID);
    String timestamp = headers.required(TIMESTAMP);
    Instant signedAt = Verifiers.epochSeconds(TIMESTAMP, timestamp);
    List<byte[]> received = signatures(headers.required(SIGNATURE));
    String payload = utf8(rawBody);
    boolean matched = false;
    for (int i = 0; i < secrets.size(); i++) {
      byte[] expected = sign(secrets.get(i), i + 1, id, signedAt.getEpochSecond(), payload);
      for (byte[] candidate : received) {
        matched |= MessageDigest.isEqual(expected, candidate);
      }
    }
    if (!matched) {
      throw new SignatureRejected(SIGNATURE + " has no v1 value that matches an active secret");
    }
    Verifiers.checkFresh(TIMESTAMP, signedAt, now, TOLERANCE);
    return new Verified(id, null);
  }

  private static byte[] sign(String secret, int ordinal, String id, long timestamp, String body) {
    try {
      String signature = new Webhook(secret).sign(id, timestamp, body);
      return Base64.getDecoder().decode(signature.substring(signature.indexOf(',') + 1));
    } catch (EmptyWebhookSecretException | IllegalArgumentException e) {
      // a configuration fault: say which secret, never what it is
      throw new IllegalArgumentException(
          "active secret " + ordinal + " is not a Standard Webhooks key (whsec_ and base64)");
    } catch (WebhookSigningException e) {
      throw new IllegalStateException("Standard Webhooks signing failed", e);
    }
  }

  /** Space-separated {@code v1,<base64>} values; other versions (such as v1a) are skipped. */
  private static List<byte[]> signatures(String header) {
    List<byte[]> v1 = new ArrayList<>();
    for (String value : header.strip().split(" +")) {
      if (value.startsWith("v1,")) {
        try {
          v1.add(Base64.getDecoder().decode(value.substring(3)));
        } catch (IllegalArgumentException e) {
          throw Verifiers.malformed(SIGNATURE, "space-separated v1,<base64> values");
        }
      }
    }
    if (v1.isEmpty()) {
      throw Verifiers.malformed(SIGNATURE, "space-separated v1,<base64> values");
    }
    return v1;
  }

  /*
   * The library signs a String. Decoding strictly makes the round trip back to bytes exact, so the
   * signature still covers the raw body; a body that is not UTF-8 cannot be checked that way.
   */
  private static String utf8(byte[] rawBody) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(rawBody))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BatonException.BadRequest("body is not valid UTF-8");
    }
  }
}
