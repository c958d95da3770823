package dev.baton.delivery.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Destination names and Slack's Retry-After. */
class SlackDestinationTest {

  static final UUID INTEGRATION = UUID.fromString("0193a4c2-8a5e-7c1d-9f00-00000000abcd");

  @Test
  void channelAndDmDestinationsRoundTrip() {
    SlackDestination channel = SlackDestination.channel(INTEGRATION, "#incidents");
    SlackDestination dm = SlackDestination.dm(INTEGRATION, "U0ALICE01");

    assertThat(channel.toString()).isEqualTo("slack:" + INTEGRATION + ":#incidents");
    assertThat(dm.toString()).isEqualTo("slack:" + INTEGRATION + ":dm:U0ALICE01");
    assertThat(SlackDestination.parse(channel.toString())).contains(channel);
    assertThat(SlackDestination.parse(dm.toString())).contains(dm);
    assertThat(dm.isDm()).isTrue();
    assertThat(dm.postChannel()).isEqualTo("U0ALICE01");
    assertThat(channel.postChannel()).isEqualTo("#incidents");
  }

  @Test
  void anApprovalDmIsItsOwnDestinationInTheApproversDm() {
    UUID approval = UUID.fromString("0193a4c2-8a5e-7c1d-9f00-0000000a0001");
    SlackDestination dm = SlackDestination.approvalDm(INTEGRATION, approval, "U0CAROL01");

    assertThat(dm.toString())
        .isEqualTo("slack:" + INTEGRATION + ":approval:" + approval + ":dm:U0CAROL01");
    assertThat(SlackDestination.parse(dm.toString())).contains(dm);
    assertThat(dm.approvalId()).contains(approval);
    assertThat(dm.isDm()).isTrue();
    assertThat(dm.postChannel()).isEqualTo("U0CAROL01");
    // Slack's per-channel limit is the DM's: shared with the assignment messages to that person
    assertThat(dm.bucketKey()).isEqualTo(SlackDestination.dm(INTEGRATION, "U0CAROL01").bucketKey());
    assertThat(SlackDestination.dm(INTEGRATION, "U0CAROL01").approvalId()).isEmpty();
  }

  @Test
  void otherDestinationsAreNotSlacks() {
    assertThat(SlackDestination.parse("jira:" + INTEGRATION)).isEmpty();
    assertThat(SlackDestination.parse("slack:not-a-uuid:#x")).isEmpty();
    assertThat(SlackDestination.parse("slack:" + INTEGRATION)).isEmpty();
    assertThat(SlackDestination.parse("slack:" + INTEGRATION + ":")).isEmpty();
  }

  @Test
  void retryAfterIsReadInSecondsWithinBounds() {
    assertThat(SlackWebApi.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(SlackWebApi.retryAfter("999999")).isEqualTo(Duration.ofHours(1));
    assertThat(SlackWebApi.retryAfter("soon")).isNull();
    assertThat(SlackWebApi.retryAfter("-1")).isNull();
    assertThat(SlackWebApi.retryAfter(null)).isNull();
  }
}
