package dev.baton.ingest;

import dev.baton.platform.BatonException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.NullMarked;
import tools.jackson.databind.JsonNode;

/**
 * Alertmanager signs nothing; its {@code http_config} sends {@code Authorization: Bearer <secret>}
 * or {@code Basic base64(user:password)}, the secret then being {@code user:password}. It sends no
 * delivery id either, so one is derived from what identifies a notification: the group key, the
 * group status and, per alert, its fingerprint, start time and status.
 */
@NullMarked
final class AlertmanagerVerifier implements WebhookVerifier {

  static final String AUTHORIZATION = "Authorization";

  @Override
  public Verified verify(
      WebhookHeaders headers, byte[] rawBody, List<String> secrets, Instant now) {
    String credential = credential(headers.required(AUTHORIZATION));
    if (!Verifiers.anySecretEquals(secrets, credential)) {
      throw new SignatureRejected(AUTHORIZATION + " does not match any active secret");
    }
    JsonNode body = Verifiers.json(rawBody);
    JsonNode alerts = body.path("alerts");
    String status = body.path("status").asString("");
    if (!alerts.isArray() || status.isEmpty()) {
      throw new BatonException.BadRequest(
          "body is not an Alertmanager notification: it needs status and alerts");
    }
    return new Verified(deliveryId(body.path("groupKey").asString(""), status, alerts), status);
  }

  private static String credential(String authorization) {
    int space = authorization.indexOf(' ');
    String scheme = space < 0 ? "" : authorization.substring(0, space).toLowerCase(Locale.ROOT);
    String value = space < 0 ? "" : authorization.substring(space + 1).strip();
    if (scheme.equals("bearer") && !value.isEmpty()) {
      return value;
    }
    if (scheme.equals("basic") && !value.isEmpty()) {
      try {
        return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw Verifiers.malformed(AUTHORIZATION, "Basic followed by base64(user:password)");
      }
    }
    throw Verifiers.malformed(AUTHORIZATION, "Bearer <token> or Basic <base64>");
  }

  /*
   * Each alert's own status is included although the design names only fingerprint and startsAt:
   * without it, "A and B firing" and "A resolved, B still firing" share group key, group status,
   * fingerprints and start times, and the resolution would be dropped as a duplicate. Alerts are
   * sorted so the id does not depend on their order; every field is length-prefixed so no two
   * different notifications hash the same text.
   */
  static String deliveryId(String groupKey, String status, JsonNode alerts) {
    List<String> parts = new ArrayList<>();
    for (JsonNode alert : alerts) {
      parts.add(
          field(identity(alert))
              + field(alert.path("startsAt").asString(""))
              + field(alert.path("status").asString("")));
    }
    parts.sort(Comparator.naturalOrder());
    StringBuilder text = new StringBuilder(field(groupKey)).append(field(status));
    parts.forEach(text::append);
    byte[] digest = Verifiers.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  // Alertmanager before 0.19 sent no fingerprint; the sorted labels identify the alert instead.
  private static String identity(JsonNode alert) {
    String fingerprint = alert.path("fingerprint").asString("");
    if (!fingerprint.isEmpty()) {
      return fingerprint;
    }
    Map<String, String> labels = new TreeMap<>();
    alert
        .path("labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
    StringBuilder identity = new StringBuilder();
    labels.forEach((name, value) -> identity.append(field(name)).append(field(value)));
    return identity.toString();
  }

  private static String field(String value) {
    return value.length() + ":" + value + ";";
  }
}
