package dev.baton.ingest;

import dev.baton.platform.BatonException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty V3: {@code X-PagerDuty-Signature: v1=<hex>,v1=<hex>}, one HMAC-SHA256 of the raw body
 * per secret PagerDuty holds (several during its own rotation). Authentic if any value matches any
 * of our secrets; values of other versions are skipped so a future scheme does not break us.
 */
@NullMarked
final class PagerDutyVerifier implements WebhookVerifier {

  static final String SIGNATURE = "X-PagerDuty-Signature";
  static final String DELIVERY = "X-Webhook-Id";

  @Override
  public Verified verify(
      WebhookHeaders headers, byte[] rawBody, List<String> secrets, Instant now) {
    List<byte[]> received = signatures(headers.required(SIGNATURE));
    String deliveryId = headers.required(DELIVERY);
    if (!Verifiers.anySecretSigns(secrets, received, rawBody)) {
      throw new SignatureRejected(SIGNATURE + " has no value that matches an active secret");
    }
    return new Verified(deliveryId, eventType(rawBody));
  }

  private static List<byte[]> signatures(String header) {
    List<byte[]> v1 = new ArrayList<>();
    for (String value : header.split(",")) {
      String trimmed = value.strip();
      if (trimmed.startsWith("v1=")) {
        v1.add(Verifiers.hexDigest(SIGNATURE, trimmed.substring(3)));
      }
    }
    if (v1.isEmpty()) {
      throw Verifiers.malformed(SIGNATURE, "one or more comma-separated v1=<hex> values");
    }
    return v1;
  }

  // The event name is read here because it is one field away; a body that is not the V3 shape
  // is left for the payload parser to refuse.
  private static @Nullable String eventType(byte[] rawBody) {
    try {
      JsonNode type = Verifiers.json(rawBody).path("event").path("event_type");
      return type.isString() ? type.asString() : null;
    } catch (BatonException.BadRequest notJson) {
      return null;
    }
  }
}
