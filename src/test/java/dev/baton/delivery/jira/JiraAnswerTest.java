package dev.baton.delivery.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.Connector.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JiraAnswerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void rateLimitIsTransientWithRetryAfterAndTheReason() {
    JiraAnswer answer =
        new JiraAnswer(
            429, Map.of("retry-after", "30", "ratelimit-reason", "jira-burst-based"), "");

    Outcome outcome = answer.failure("POST comment on PROJ-1", NOW, JSON);

    assertThat(outcome).isInstanceOf(Outcome.Transient.class);
    Outcome.Transient t = (Outcome.Transient) outcome;
    assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.error()).contains("jira-burst-based").contains("POST comment on PROJ-1");
    assertThat(t.status()).isEqualTo(429);
  }

  @Test
  void rateLimitResetTimestampIsUsedWithoutRetryAfter() {
    JiraAnswer answer =
        new JiraAnswer(429, Map.of("x-ratelimit-reset", "2026-11-23T12:01:30Z"), "");

    assertThat(answer.retryAfter(NOW)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void retryAfterAsAnHttpDate() {
    JiraAnswer answer =
        new JiraAnswer(503, Map.of("retry-after", "Mon, 23 Nov 2026 12:00:10 GMT"), "");

    assertThat(answer.retryAfter(NOW)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void serverErrorsAreTransientAndClientErrorsPermanentWithJirasMessages() {
    String notOnScreen =
        "{\"errorMessages\":[],\"errors\":{\"customfield_10050\":\"Field 'customfield_10050'"
            + " cannot be set. It is not on the appropriate screen, or unknown.\"}}";

    assertThat(new JiraAnswer(503, Map.of(), "").failure("x", NOW, JSON))
        .isInstanceOf(Outcome.Transient.class);
    Outcome bad = new JiraAnswer(400, Map.of(), notOnScreen).failure("PUT fields", NOW, JSON);
    assertThat(bad).isInstanceOf(Outcome.Permanent.class);
    assertThat(((Outcome.Permanent) bad).error())
        .contains("customfield_10050: Field 'customfield_10050' cannot be set.")
        .contains("400");
    Outcome denied =
        new JiraAnswer(
                403,
                Map.of(),
                "{\"errorMessages\":[\"You do not have permission to edit issues in this"
                    + " project.\"],\"errors\":{}}")
            .failure("PUT assignee", NOW, JSON);
    assertThat(((Outcome.Permanent) denied).error())
        .contains("You do not have permission to edit issues in this project.");
    assertThat(new JiraAnswer(404, Map.of(), "not json").failure("x", NOW, JSON))
        .isInstanceOf(Outcome.Permanent.class);
    assertThat(new JiraAnswer(302, Map.of(), "").failure("x", NOW, JSON))
        .isInstanceOf(Outcome.Permanent.class);
  }

  @Test
  void excerptsAreBounded() {
    JiraAnswer answer = new JiraAnswer(500, Map.of(), "x".repeat(10_000));

    assertThat(answer.excerpt()).hasSize(JiraAnswer.EXCERPT + 1);
  }
}
