package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Payloads that lack what their event needs are refused with the field named, never guessed. */
class MalformedPayloadTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "github",
            "issues",
            "github-array-body.json",
            "github payload: the body must be a JSON object, was array"),
        Arguments.of(
            "github",
            "issues",
            "github-issue-without-id.json",
            "github payload: /issue/id is missing"),
        Arguments.of(
            "github",
            "issues",
            "github-title-not-a-string.json",
            "github payload: /issue/title must be a string, was array"),
        Arguments.of(
            "github",
            "issues",
            "github-bad-timestamp.json",
            "github payload: /issue/updated_at is not a timestamp: 'yesterday'"),
        Arguments.of(
            "github",
            "issues",
            "github-issue-not-an-object.json",
            "github payload: /issue must be an object, was string"),
        Arguments.of(
            "gitlab",
            "Issue Hook",
            "gitlab-kind-disagrees.json",
            "gitlab payload: X-Gitlab-Event 'Issue Hook' needs object_kind 'issue', was build"),
        Arguments.of(
            "gitlab",
            "Issue Hook",
            "gitlab-issue-without-id.json",
            "gitlab payload: /object_attributes/id is missing"),
        Arguments.of(
            "jira", null, "jira-issue-without-id.json", "jira payload: /issue/id is missing"),
        Arguments.of(
            "jira",
            null,
            "jira-labels-not-an-array.json",
            "jira payload: /issue/fields/labels must be an array, was string"),
        Arguments.of(
            "jira",
            null,
            "jira-no-updated-no-timestamp.json",
            "jira payload: /issue/fields/updated and /timestamp are both missing"),
        Arguments.of(
            "pagerduty",
            null,
            "pagerduty-event-is-an-array.json",
            "pagerduty payload: /event must be an object, was array"),
        Arguments.of(
            "pagerduty",
            null,
            "pagerduty-incident-without-id.json",
            "pagerduty payload: /event/data/id is missing"),
        Arguments.of(
            "alertmanager",
            null,
            "alertmanager-no-alerts.json",
            "alertmanager payload: /alerts is empty"),
        Arguments.of(
            "alertmanager",
            null,
            "alertmanager-unknown-status.json",
            "alertmanager payload: /status must be firing or resolved, was 'pending'"),
        Arguments.of(
            "alertmanager",
            null,
            "alertmanager-alert-without-start.json",
            "alertmanager payload: /alerts/0/startsAt is missing"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("cases")
  void isRefusedNamingWhatIsWrong(String provider, String header, String file, String message) {
    assertThatThrownBy(
            () ->
                Parsers.forProvider(provider)
                    .parse(header, VendorFixtures.own("malformed/" + file)))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessage(message);
  }
}
