package dev.baton.delivery.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.delivery.Connector.Outcome;
import dev.baton.platform.Traces;
import dev.baton.testsupport.ResettingServer;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Slack Web API client against a peer on loopback that takes each request and resets the
 * connection: the post may have landed, so the outcome is transient and uncertain (the connector
 * then checks the channel's history before posting again), and the HTTP client must not have sent
 * it a second time behind the connector's back.
 */
class SlackConnectionResetTest {

  @Test
  void aResetAfterThePostWasSentIsTransientUncertainAndSentOnlyOnce() throws Exception {
    try (ResettingServer resetting = new ResettingServer();
        SlackWebApi api =
            new SlackWebApi(
                new SlackApiUrl(URI.create(resetting.baseUrl() + "/api")),
                new SlackDeliveryProperties(Duration.ofSeconds(2), null, null, null),
                Traces.off())) {

      assertThatThrownBy(
              () ->
                  api.session("xoxb-1111-2222-acmebot")
                      .post(
                          "C0INCIDENTS",
                          "Routed to Carol",
                          null,
                          SlackWebApi.metadata(UUID.randomUUID(), UUID.randomUUID().toString()),
                          null))
          .isInstanceOfSatisfying(
              SlackCallFailed.class,
              failed ->
                  assertThat(failed.outcome())
                      .isInstanceOfSatisfying(
                          Outcome.Transient.class,
                          t -> {
                            assertThat(t.uncertain()).isTrue();
                            assertThat(t.status()).isNull();
                          }));
      assertThat(resetting.connections()).as("connections the post was sent on").isEqualTo(1);
    }
  }
}
