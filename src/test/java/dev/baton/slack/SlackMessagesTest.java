package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SlackMessagesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void textFromUsersCannotFormLinksOrMentions() {
    assertThat(SlackMessages.escape("a <@U1> & <!channel> > b"))
        .isEqualTo("a &lt;@U1&gt; &amp; &lt;!channel&gt; &gt; b");
  }

  @Test
  void longTextIsCutToSlacksLimits() {
    String long4000 = "x".repeat(4000);
    assertThat(
            JSON.valueToTree(SlackMessages.section(long4000)).path("text").path("text").asString())
        .hasSize(SlackMessages.MAX_SECTION)
        .endsWith("…");
    assertThat((String) SlackMessages.ephemeral(long4000).get("text"))
        .hasSize(SlackMessages.MAX_TEXT);
    assertThat(
            JSON.valueToTree(SlackMessages.button("y".repeat(100), "a", "v", ""))
                .path("text")
                .path("text")
                .asString())
        .hasSize(75);
  }

  @Test
  void aMessageKeepsAtMostFiftyBlocks() {
    List<Map<String, Object>> blocks = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      blocks.add(SlackMessages.section("item " + i));
    }
    assertThat((List<?>) SlackMessages.message("ephemeral", "t", blocks).get("blocks"))
        .hasSize(SlackMessages.MAX_BLOCKS);
  }

  @Test
  void aReplyToAButtonIsEphemeralAndLeavesTheClickedMessage() {
    assertThat(SlackMessages.reply("done"))
        .containsEntry("response_type", "ephemeral")
        .containsEntry("replace_original", false)
        .containsEntry("text", "done");
  }

  @Test
  void formsAreDecodedAndMalformedOnesRefused() {
    SlackForm form = SlackForm.parse("command=%2Fbaton&text=who+PROJ-1&text=second&empty");
    assertThat(form.get("command")).isEqualTo("/baton");
    assertThat(form.get("text")).isEqualTo("who PROJ-1");
    assertThat(form.get("empty")).isEmpty();
    assertThat(form.has("payload")).isFalse();
    assertThatThrownBy(() -> SlackForm.parse("text=%E"))
        .isInstanceOf(BatonException.BadRequest.class);
    assertThatThrownBy(() -> form.required("user_id"))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessageContaining("user_id");
  }

  @Test
  void answersGoOnlyToSlackOrTheConfiguredApiHost() {
    SlackApi production = new SlackApi(new SlackProperties(null, null), JSON);
    assertThat(production.isSlack("https://hooks.slack.com/actions/T1/2/abc")).isTrue();
    assertThat(production.isSlack("http://hooks.slack.com/actions/T1/2/abc")).isFalse();
    assertThat(production.isSlack("https://hooks.slack.com.evil.example/x")).isFalse();
    assertThat(production.isSlack("https://evil.example/?hooks.slack.com")).isFalse();
    assertThat(production.isSlack("not a url")).isFalse();

    SlackApi test =
        new SlackApi(
            new SlackProperties(URI.create("http://127.0.0.1:4567/api"), Duration.ofSeconds(1)),
            JSON);
    assertThat(test.isSlack("http://127.0.0.1:4567/actions/T1/x")).isTrue();
    assertThat(test.isSlack("http://127.0.0.1:4568/actions/T1/x")).isFalse();
  }
}
