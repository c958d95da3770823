package dev.baton.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.routing.FunctionAnswer;
import dev.baton.routing.FunctionCall;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A decision function answers exactly a target and a reason; anything else is a bad answer. */
class FunctionAnswerReaderTest {

  private static final FunctionCall CALL = new FunctionCall("ask", "triage");

  private static FunctionAnswer read(String body) {
    return FunctionAnswerReader.read(CALL, body.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"target\": {\"person\": \"alice\"}, \"reason\": \"owns billing\"} | person:alice |"
            + " owns billing",
        "{\"reason\": \"r\", \"target\": {\"queue\": \"triage\"}} | queue:triage | r",
        "{\"target\": {\"team\": \"core\"}, \"reason\": \" r \"} | team:core | r"
      })
  void aTargetAndAReasonIsAnAnswer(String body, String owner, String reason) {
    FunctionAnswer answer = read(body);

    assertThat(answer.ok()).isTrue();
    assertThat(answer.owner()).isEqualTo(owner);
    assertThat(answer.rule()).isEqualTo("ask");
    assertThat(answer.function()).isEqualTo("triage");
    assertThat(answer.reason()).isEqualTo(reason);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[]",
        "{\"target\": {\"person\": \"alice\"}}",
        "{\"target\": {\"person\": \"alice\"}, \"reason\": \"\"}",
        "{\"target\": {\"person\": \"alice\"}, \"reason\": 3}",
        "{\"target\": \"person:alice\", \"reason\": \"r\"}",
        "{\"target\": {}, \"reason\": \"r\"}",
        "{\"target\": {\"person\": \"alice\", \"queue\": \"q\"}, \"reason\": \"r\"}",
        "{\"target\": {\"robot\": \"r2\"}, \"reason\": \"r\"}",
        "{\"target\": {\"person\": \"Alice Smith\"}, \"reason\": \"r\"}",
        "{\"target\": {\"person\": \"alice\"}, \"reason\": \"r\", \"score\": 1}"
      })
  void anythingElseIsABadAnswer(String body) {
    FunctionAnswer answer = read(body);

    assertThat(answer.ok()).isFalse();
    assertThat(answer.error()).startsWith("gave a bad answer: ");
  }

  @ParameterizedTest
  @ValueSource(ints = {501, 5000})
  void anOverlongReasonIsABadAnswer(int length) {
    FunctionAnswer answer =
        read("{\"target\": {\"person\": \"alice\"}, \"reason\": \"" + "x".repeat(length) + "\"}");

    assertThat(answer.error()).contains("at most 500 characters");
  }
}
