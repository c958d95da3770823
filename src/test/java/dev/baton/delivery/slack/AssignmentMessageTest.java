package dev.baton.delivery.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Block Kit shape of an assignment message. */
class AssignmentMessageTest {

  static final String ID = "0193a4c2-8a5e-7c1d-9f00-000000000001";

  static AssignmentMessage message(String state) {
    return new AssignmentMessage(
        ID,
        "Checkout <down> & @channel",
        "INC-1",
        "https://tracker.example.test/browse/INC-1?a=1|2",
        "P1",
        state,
        "<@U0CAROL01>",
        "rule p1-incidents-to-oncall: on call <now>",
        null);
  }

  static List<String> actionIds(JsonNode blocks) {
    return blocks.findValues("action_id").stream().map(JsonNode::asString).toList();
  }

  @Test
  void anOfferHasAcceptDeclineAndReassignButtonsCarryingTheWorkItemId() {
    JsonNode blocks = message("OFFERED").blocks();

    assertThat(actionIds(blocks))
        .containsExactly("baton.accept", "baton.decline", "baton.reassign");
    JsonNode actions = blocks.get(blocks.size() - 1);
    assertThat(actions.get("type").asString()).isEqualTo("actions");
    for (JsonNode button : actions.get("elements")) {
      assertThat(button.get("type").asString()).isEqualTo("button");
      assertThat(button.get("value").asString()).isEqualTo(ID);
      assertThat(button.get("text").get("type").asString()).isEqualTo("plain_text");
    }
  }

  @Test
  void buttonsFollowTheState() {
    assertThat(actionIds(message("QUEUED").blocks()))
        .containsExactly("baton.accept", "baton.reassign");
    assertThat(actionIds(message("ACCEPTED").blocks())).containsExactly("baton.reassign");
    assertThat(actionIds(message("IN_PROGRESS").blocks())).containsExactly("baton.reassign");
    assertThat(actionIds(message("BLOCKED").blocks())).containsExactly("baton.reassign");
    assertThat(actionIds(message("CLOSED").blocks())).isEmpty();
    assertThat(actionIds(message("UNASSIGNED").blocks())).isEmpty();
    assertThat(message("CLOSED").blocks().findValues("type").stream().map(JsonNode::asString))
        .doesNotContain("actions");
  }

  @Test
  void theTitleIsLinkedToTheSourceAndEscaped() {
    AssignmentMessage message = message("OFFERED");

    assertThat(message.headline())
        .isEqualTo(
            "<https://tracker.example.test/browse/INC-1?a=1%7C2|INC-1 Checkout &lt;down&gt; &amp;"
                + " @channel>");
    String blocks = message.blocks().toString();
    assertThat(blocks).contains("*Priority*\\nP1", "*State*\\nOffered", "*Owner*\\n<@U0CAROL01>");
    assertThat(blocks).contains("on call &lt;now&gt;");
    assertThat(message.text()).startsWith("[P1] <https://tracker.example.test").contains("Offered");
  }

  @Test
  void aTitleWithoutAnHttpUrlIsNotALink() {
    AssignmentMessage message =
        new AssignmentMessage(
            ID, "Disk full", null, "javascript:alert(1)", "P2", "QUEUED", null, null, null);

    assertThat(message.headline()).isEqualTo("Disk full");
    assertThat(message.blocks().toString()).contains("_nobody yet_").doesNotContain("javascript");
  }

  @Test
  void longTextIsCutToSlacksLimits() {
    String title = "x".repeat(5000);
    AssignmentMessage message =
        new AssignmentMessage(ID, title, null, null, "P2", "OFFERED", null, title, null);

    for (JsonNode text : message.blocks().findValues("text")) {
      if (text.isString()) {
        assertThat(text.asString().length()).isLessThanOrEqualTo(AssignmentMessage.MAX_FIELD);
      }
    }
    assertThat(message.text().length()).isLessThanOrEqualTo(AssignmentMessage.MAX_TEXT);
  }
}
