package dev.baton.ingest;

import dev.baton.ingest.HookRejected.Reason;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Which event a delivery is, and whether its integration accepts it. Pure. */
final class DeliveryEvents {

  /** Events a sender uses to check the URL; accepted whatever the integration's event list. */
  static final Set<String> HANDSHAKES = Set.of("ping", "url_verification");

  private DeliveryEvents() {}

  /**
   * The event type: what the verifier read (a header, or a field it needed anyway), else where the
   * provider names it in the body; null when neither says.
   *
   * @param json whether the body is JSON that passed {@link JsonShape}
   */
  static @Nullable String eventType(
      IntegrationRows.Stored row, WebhookVerifier.Verified verified, byte[] body, boolean json) {
    return verified.eventType() != null ? verified.eventType() : inBody(row, body, json);
  }

  /** The event type of providers that name it only in the body. */
  private static @Nullable String inBody(IntegrationRows.Stored row, byte[] body, boolean json) {
    if (!json) {
      return null;
    }
    return switch (row.provider()) {
      case JIRA -> textAt(body, "/webhookEvent");
      case GENERIC, STANDARD_WEBHOOKS -> {
        String pointer = row.genericMapping().pointers().get("eventType");
        String mapped = pointer == null ? null : textAt(body, pointer);
        yield mapped != null ? mapped : textAt(body, "/type");
      }
      default -> null;
    };
  }

  /**
   * Refuses an event the integration's non-empty event list leaves out (422); handshakes pass.
   *
   * @throws HookRejected with reason event_not_accepted
   */
  static void checkAccepted(IntegrationRows.Stored row, @Nullable String eventType) {
    if (row.events().isEmpty() || (eventType != null && HANDSHAKES.contains(eventType))) {
      return;
    }
    if (eventType == null || !row.events().contains(eventType)) {
      throw new HookRejected(
          Reason.EVENT_NOT_ACCEPTED,
          row.provider().wireName(),
          (eventType == null ? "the event type could not be read" : "event '" + eventType + "'")
              + " is not accepted by integration '"
              + row.name()
              + "', which accepts "
              + row.events());
    }
  }

  /** The text at {@code pointer} in a body that passed {@link JsonShape}, or null. */
  private static @Nullable String textAt(byte[] body, String pointer) {
    JsonNode value = JsonShape.READER.readTree(body).at(pointer);
    return value.isValueNode() && !value.isNull() ? value.asString() : null;
  }
}
