package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ingest.SlackEntryPoint.SlackReply;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With no bot token stored for the integration (the real {@link SlackBotTokens}), Decline says so.
 */
class SlackWithoutBotTokensIntegrationTest extends IntegrationTest {

  static final FakeSlack SLACK = FakeSlack.start("xoxb-unused");

  @DynamicPropertySource
  static void fakeSlack(DynamicPropertyRegistry registry) {
    registry.add("baton.slack.api-url", SLACK::apiUrl);
  }

  @AfterAll
  static void stopFakeSlack() {
    SLACK.close();
  }

  @Autowired SlackEntryPoint slack;

  @Test
  void declineAnswersThatNoBotTokenIsConfigured() throws InterruptedException {
    Api.Response alice =
        acme.post(
            "/api/v1/people",
            "{\"id\":\"alice\",\"name\":\"Alice\",\"identities\":{\"slack\":\"U0ALICE01\"}}");
    assertThat(alice.status()).as("%s", alice).isEqualTo(201);
    Api.Response item =
        acme.post(
            "/api/v1/work-items",
            "{\"title\":\"Refunds fail\",\"type\":\"bug\",\"priority\":\"P2\"}");
    String id = item.json().get("id").asString();
    acme.post(
        "/api/v1/work-items/" + id + "/actions", "{\"action\":\"assign\",\"to\":\"person:alice\"}");
    Integration integration =
        new Integration("acme", UUID.randomUUID(), Provider.SLACK, "acme-slack", true, Set.of());

    SlackReply reply =
        slack.answer(
            integration,
            SlackPayloads.FORM,
            SlackPayloads.click("U0ALICE01", "baton.decline", id, SLACK.responseUrl("decline")));

    assertThat(reply).isEqualTo(new SlackReply(200, null));
    assertThat(SLACK.viewsOpened()).isEmpty();
    FakeSlack.Call message = SLACK.nextResponse(Duration.ofSeconds(5));
    assertThat(message).isNotNull();
    assertThat(message.body().get("response_type").asString()).isEqualTo("ephemeral");
    assertThat(message.body().get("text").asString()).contains("no bot token configured");
    assertThat(
            acme.get("/api/v1/work-items/" + id).json().get("assignment").get("state").asString())
        .isEqualTo("OFFERED");
  }
}
