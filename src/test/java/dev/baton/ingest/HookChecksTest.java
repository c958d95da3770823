package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pure checks a webhook request passes before it is stored. */
class HookChecksTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"a\":[1,2,{\"b\":null}]}",
        " {\"a\":\"\\u00e9\"} ",
        "{\"a\":\"caf\u00e9\"}",
      })
  void wellFormedObjectsPass(String body) {
    assertThat(JsonShape.problem(body.getBytes(StandardCharsets.UTF_8), 64)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", " ", "[]", "42", "\"x\"", "null", "{", "{\"a\":1}}", "{} {}", "{\"a\":1,}"})
  void anythingButOneObjectIsMalformed(String body) {
    assertThat(JsonShape.problem(body.getBytes(StandardCharsets.UTF_8), 64))
        .isEqualTo(JsonShape.Problem.MALFORMED);
  }

  @org.junit.jupiter.api.Test
  void invalidUtf8InAStringIsMalformed() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThat(JsonShape.problem(body, 64)).isEqualTo(JsonShape.Problem.MALFORMED);
  }

  @org.junit.jupiter.api.Test
  void depthCountsTheOuterObject() {
    String atLimit = "{\"a\":" + "[".repeat(3) + "]".repeat(3) + "}";
    String over = "{\"a\":" + "[".repeat(4) + "]".repeat(4) + "}";
    assertThat(JsonShape.problem(atLimit.getBytes(StandardCharsets.UTF_8), 4)).isNull();
    assertThat(JsonShape.problem(over.getBytes(StandardCharsets.UTF_8), 4))
        .isEqualTo(JsonShape.Problem.TOO_DEEP);
    String unclosedDeep = "{\"a\":" + "[".repeat(100_000);
    assertThat(JsonShape.problem(unclosedDeep.getBytes(StandardCharsets.UTF_8), 64))
        .isEqualTo(JsonShape.Problem.TOO_DEEP);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "github | application/json | application/json",
        "github | Application/JSON; charset=UTF-8 | application/json",
        "jira | application/vnd.atlassian+json | application/vnd.atlassian+json",
        "slack | application/x-www-form-urlencoded | application/x-www-form-urlencoded",
        "slack | application/json | application/json",
      })
  void providersAcceptTheirFormats(String provider, String header, String mediaType) {
    assertThat(HookContentTypes.check(Provider.parse(provider), header)).isEqualTo(mediaType);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "github | application/x-www-form-urlencoded",
        "github | text/plain",
        "pagerduty | ''",
        "slack | multipart/form-data; boundary=x",
        "generic | application/jsonx",
      })
  void otherFormatsAre415(String provider, String header) {
    assertThatThrownBy(() -> HookContentTypes.check(Provider.parse(provider), header))
        .isInstanceOfSatisfying(
            HookRejected.class,
            e -> assertThat(e.reason()).isEqualTo(HookRejected.Reason.CONTENT_TYPE));
    assertThatThrownBy(() -> HookContentTypes.check(Provider.parse(provider), null))
        .isInstanceOf(HookRejected.class);
  }

  @org.junit.jupiter.api.Test
  void deliveryIdsThatCannotBeIndexedAreHashedAlike() {
    assertThat(DeliveryText.key("72d3162e-cc78-11e3-81ab-4c9367dc0958"))
        .isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
    String long1 = "x".repeat(5000);
    assertThat(DeliveryText.key(long1)).startsWith("sha256:").hasSize(71);
    assertThat(DeliveryText.key(long1)).isEqualTo(DeliveryText.key("x".repeat(5000)));
    assertThat(DeliveryText.key("a\u0000b")).startsWith("sha256:");
    assertThat(DeliveryText.key("a\ud800b")).startsWith("sha256:");
    assertThat(DeliveryText.clean("issue\u0000s")).isEqualTo("issue?s");
    assertThat(DeliveryText.clean("y".repeat(5000))).hasSize(DeliveryText.MAX_TEXT_LENGTH);
  }

  @org.junit.jupiter.api.Test
  void keptHeadersNeverIncludeCredentials() {
    WebhookHeaders headers =
        WebhookHeaders.of(
            Map.of(
                "x-github-event", java.util.List.of("issues"),
                "X-Hub-Signature-256", java.util.List.of("sha256=abc"),
                "X-Gitlab-Token", java.util.List.of("token"),
                "Authorization", java.util.List.of("Bearer t"),
                "webhook-signature", java.util.List.of("v1,abc"),
                "X-Slack-Signature", java.util.List.of("v0=abc")));
    assertThat(KeptHeaders.of(headers)).containsExactly(Map.entry("X-GitHub-Event", "issues"));
    for (Provider provider : Provider.values()) {
      assertThat(KeptHeaders.NAMES).doesNotContain(ReceiveWebhook.credentialHeader(provider));
    }
  }
}
