package dev.baton.ingest;

import dev.baton.platform.BatonException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)>}
 * with {@code X-Slack-Request-Timestamp} within five minutes of now. Slack sends no delivery id
 * header, so one is read from the body, where it differs by kind of request: Events API JSON, slash
 * command forms, and interaction forms whose {@code payload} field holds JSON.
 */
@NullMarked
final class SlackVerifier implements WebhookVerifier {

  static final String SIGNATURE = "X-Slack-Signature";
  static final String TIMESTAMP = "X-Slack-Request-Timestamp";
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Override
  public Verified verify(
      WebhookHeaders headers, byte[] rawBody, List<String> secrets, Instant now) {
    String timestamp = headers.required(TIMESTAMP);
    Instant signedAt = Verifiers.epochSeconds(TIMESTAMP, timestamp);
    byte[] received =
        Verifiers.hexDigest(
            SIGNATURE, Verifiers.afterPrefix(SIGNATURE, headers.required(SIGNATURE), "v0="));
    byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII);
    if (!Verifiers.anySecretSigns(secrets, List.of(received), prefix, rawBody)) {
      throw new SignatureRejected(SIGNATURE + " does not match any active secret");
    }
    Verifiers.checkFresh(TIMESTAMP, signedAt, now, TOLERANCE);
    return delivery(headers.first("Content-Type"), rawBody);
  }

  private static Verified delivery(@Nullable String contentType, byte[] rawBody) {
    String body = new String(rawBody, StandardCharsets.UTF_8);
    if (body.startsWith("\uFEFF")) {
      body = body.substring(1);
    }
    boolean form =
        contentType != null
            ? contentType.toLowerCase(Locale.ROOT).contains("application/x-www-form-urlencoded")
            : !body.stripLeading().startsWith("{");
    return form ? ofForm(form(body)) : ofEvent(Verifiers.json(body));
  }

  /** Events API: {@code event_id}; the URL handshake has none, so its challenge stands in. */
  private static Verified ofEvent(JsonNode body) {
    String type = text(body, "type");
    if ("url_verification".equals(type)) {
      return new Verified("url_verification:" + required(body, "challenge"), type);
    }
    if ("app_rate_limited".equals(type)) {
      String minute = body.path("minute_rate_limited").asString("");
      return new Verified("app_rate_limited:" + required(body, "team_id") + ":" + minute, type);
    }
    return new Verified(required(body, "event_id"), type);
  }

  private static Verified ofForm(Map<String, String> form) {
    String payload = form.get("payload");
    if (payload != null) {
      return ofInteraction(Verifiers.json(payload));
    }
    String triggerId = form.get("trigger_id");
    if (form.containsKey("command") && triggerId != null && !triggerId.isEmpty()) {
      return new Verified(triggerId, "slash_command");
    }
    throw noDeliveryId("slash command trigger_id or interaction payload");
  }

  /**
   * Interactions carry no id of their own. A button or menu press is one user acting at one
   * action_ts; a modal submission is one view state (id and hash), else its trigger_id.
   */
  private static Verified ofInteraction(JsonNode payload) {
    String type = required(payload, "type");
    if (type.equals("view_submission") || type.equals("view_closed")) {
      String view = text(payload.path("view"), "id");
      String hash = text(payload.path("view"), "hash");
      if (view != null && hash != null) {
        return new Verified(view + ":" + hash, type);
      }
      return new Verified(required(payload, "trigger_id"), type);
    }
    JsonNode action = payload.path("actions").path(0);
    if (action.isObject()) {
      String actionTs = firstText(action, "action_ts", payload, "action_ts");
      String actionId = firstText(action, "action_id", action, "name");
      String team = text(payload.path("team"), "id");
      String user = text(payload.path("user"), "id");
      if (actionTs != null && actionId != null && team != null && user != null) {
        return new Verified(team + ":" + user + ":" + actionTs + ":" + actionId, type);
      }
    }
    return new Verified(required(payload, "trigger_id"), type);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        fields.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BatonException.BadRequest("body is not a valid URL-encoded form");
      }
    }
    return fields;
  }

  private static @Nullable String firstText(
      JsonNode first, String firstField, JsonNode second, String secondField) {
    String value = text(first, firstField);
    return value != null ? value : text(second, secondField);
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() && !value.asString().isEmpty() ? value.asString() : null;
  }

  private static String required(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null) {
      throw noDeliveryId(field);
    }
    return value;
  }

  private static BatonException.BadRequest noDeliveryId(String what) {
    return new BatonException.BadRequest("body has no " + what + " to identify the delivery");
  }
}
