package dev.baton.assignment;

import dev.baton.platform.Validation;
import dev.baton.routing.FunctionAnswer;
import dev.baton.routing.FunctionCall;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a decision function's answer: exactly {@code {"target": {"person"|"queue"|"team": "<id>"},
 * "reason": "..."}}. Anything else is a bad answer, which fails the call with what was wrong.
 */
final class FunctionAnswerReader {

  static final int MAX_REASON_LENGTH = 500;
  private static final Set<String> KINDS = Set.of("person", "queue", "team");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FunctionAnswerReader() {}

  static FunctionAnswer read(FunctionCall call, byte[] body) {
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (JacksonException e) {
      return bad(call, "not JSON");
    }
    if (answer == null || !answer.isObject()) {
      return bad(call, "not a JSON object");
    }
    for (String field : answer.propertyNames()) {
      if (!field.equals("target") && !field.equals("reason")) {
        return bad(call, "unknown member '" + field + "' (only target and reason)");
      }
    }
    JsonNode target = answer.get("target");
    if (target == null || !target.isObject() || target.size() != 1) {
      return bad(call, "target must be an object naming exactly one of person, queue or team");
    }
    String kind = List.copyOf(target.propertyNames()).get(0);
    JsonNode id = target.get(kind);
    if (!KINDS.contains(kind)) {
      return bad(call, "target must name person, queue or team, not '" + kind + "'");
    }
    if (id == null || !id.isString() || !Validation.isSlug(id.asString())) {
      return bad(call, "target " + kind + " must be an id (a slug)");
    }
    JsonNode reason = answer.get("reason");
    if (reason == null || !reason.isString() || reason.asString().isBlank()) {
      return bad(call, "reason must be a non-empty string");
    }
    if (reason.asString().length() > MAX_REASON_LENGTH) {
      return bad(call, "reason must be at most " + MAX_REASON_LENGTH + " characters");
    }
    return FunctionAnswer.answered(
        call.rule(), call.function(), kind + ":" + id.asString(), reason.asString().strip());
  }

  private static FunctionAnswer bad(FunctionCall call, String what) {
    return FunctionAnswer.failed(call.rule(), call.function(), "gave a bad answer: " + what);
  }
}
