package dev.baton.slack;

import dev.baton.ingest.Integration;
import dev.baton.ingest.Provider;
import dev.baton.ingest.SlackEntryPoint;
import dev.baton.platform.BatonException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a verified request on a Slack integration's URL by its kind: Events API JSON, a slash
 * command form, or an interaction form ({@code payload=<json>}). A body that is none of these, or
 * lacks what its kind needs, throws {@link BatonException.BadRequest} (400) before anything
 * changes; a user who may not do something is told so in a 200 answer.
 */
@Component
class SlackRequests implements SlackEntryPoint {

  private final SlashCommands commands;
  private final SlackInteractions interactions;
  private final JsonMapper json;

  SlackRequests(SlashCommands commands, SlackInteractions interactions, JsonMapper json) {
    this.commands = commands;
    this.interactions = interactions;
    this.json = json;
  }

  @Override
  public SlackReply answer(Integration integration, @Nullable String contentType, byte[] rawBody) {
    if (integration.provider() != Provider.SLACK) {
      throw new IllegalArgumentException(
          "integration " + integration.id() + " is " + integration.provider() + ", not slack");
    }
    String body = utf8(rawBody);
    return switch (kind(contentType, body)) {
      case EVENT -> event(object(body, "body"));
      case FORM -> form(integration, SlackForm.parse(body));
    };
  }

  private enum Kind {
    EVENT,
    FORM
  }

  /** By Content-Type; without one, a body starting with "{" is an event. */
  private static Kind kind(@Nullable String contentType, String body) {
    if (contentType == null || contentType.isBlank()) {
      return body.stripLeading().startsWith("{") ? Kind.EVENT : Kind.FORM;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/json")) {
      return Kind.EVENT;
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return Kind.FORM;
    }
    throw new BatonException.BadRequest(
        "Content-Type '"
            + SlackMessages.truncate(contentType, 100)
            + "' is not what Slack sends: application/json or application/x-www-form-urlencoded");
  }

  /** Events API: the URL handshake is answered with its challenge; events are acknowledged. */
  private static SlackReply event(JsonNode body) {
    String type = body.path("type").asString("");
    if (type.isEmpty()) {
      throw new BatonException.BadRequest("Events API body has no 'type'");
    }
    if (type.equals("url_verification")) {
      JsonNode challenge = body.path("challenge");
      if (!challenge.isString() || challenge.asString().isEmpty()) {
        throw new BatonException.BadRequest("url_verification has no 'challenge'");
      }
      return new SlackReply(200, Map.of("challenge", challenge.asString()));
    }
    return SlackInteractions.ACKNOWLEDGED;
  }

  private SlackReply form(Integration integration, SlackForm form) {
    String payload = form.get("payload");
    if (payload != null) {
      return interactions.answer(integration, object(payload, "form field 'payload'"));
    }
    if (form.has("command")) {
      return new SlackReply(200, commands.answer(integration, form));
    }
    throw new BatonException.BadRequest(
        "form is neither a slash command ('command') nor an interaction ('payload')");
  }

  private JsonNode object(String text, String what) {
    try {
      JsonNode node = json.readTree(text);
      if (node == null || !node.isObject()) {
        throw new BatonException.BadRequest(what + " is not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new BatonException.BadRequest(what + " is not valid JSON");
    }
  }

  private static String utf8(byte[] raw) {
    try {
      String body =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw))
              .toString();
      return body.startsWith("\uFEFF") ? body.substring(1) : body;
    } catch (CharacterCodingException e) {
      throw new BatonException.BadRequest("body is not UTF-8");
    }
  }
}
