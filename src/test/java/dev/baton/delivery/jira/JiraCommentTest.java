package dev.baton.delivery.jira;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JiraCommentTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final UUID ITEM = UUID.fromString("019a0000-0000-7000-8000-000000000001");
  private static final UUID DELIVERY = UUID.fromString("019a0000-0000-7000-8000-0000000000d1");
  private static final String LINK = "https://baton.example.com/api/v1/work-items/" + ITEM;

  private static AssignmentChange routed(String why) {
    return new AssignmentChange(
        "assignment.routed",
        ITEM,
        "PROJ-1",
        "OFFERED",
        "person:alice",
        "system:router",
        why,
        "jira-to-alice",
        "inbound",
        "3");
  }

  private static JsonNode body(AssignmentChange change, @Nullable String owner) {
    return JSON.valueToTree(JiraComment.body(new JiraComment.Facts(change, owner, LINK, DELIVERY)));
  }

  /** Every text of the document, paragraph by paragraph. */
  private static List<String> paragraphs(JsonNode body) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : body.get("body").get("content")) {
      StringBuilder s = new StringBuilder();
      p.get("content").forEach(t -> s.append(t.get("text").asString()));
      out.add(s.toString());
    }
    return out;
  }

  @Test
  void saysWhoWhyWhichRuleAndVersionAndLinksToTheItem() {
    JsonNode body = body(routed("P1 bugs from Jira go to Alice"), "Alice Smith");

    assertThat(body.get("body").get("type").asString()).isEqualTo("doc");
    assertThat(body.get("body").get("version").asInt()).isEqualTo(1);
    assertThat(paragraphs(body))
        .containsExactly(
            "Baton routed this issue to Alice Smith.",
            "Why: P1 bugs from Jira go to Alice",
            "Decided by: rule jira-to-alice of policy inbound version 3",
            "By: system:router",
            "Open in Baton");
    JsonNode who = body.get("body").get("content").get(0).get("content").get(1);
    assertThat(who.get("text").asString()).isEqualTo("Alice Smith");
    assertThat(who.get("marks").get(0).get("type").asString()).isEqualTo("strong");
    JsonNode link = body.get("body").get("content").get(4).get("content").get(0);
    assertThat(link.get("marks").get(0).get("type").asString()).isEqualTo("link");
    assertThat(link.get("marks").get(0).get("attrs").get("href").asString()).isEqualTo(LINK);
  }

  @Test
  void carriesTheDeliveryIdAsAnEntityProperty() {
    JsonNode properties = body(routed("x"), "Alice").get("properties");

    assertThat(properties).hasSize(1);
    assertThat(properties.get(0).get("key").asString()).isEqualTo("baton.delivery");
    assertThat(properties.get(0).get("value").get("deliveryId").asString())
        .isEqualTo(DELIVERY.toString());
  }

  @Test
  void keepsMarkupLiteralAndTurnsLineBreaksIntoSpaces() {
    String why = "<script>alert(\"x\")</script> {code}*bold*{code} \\ back\nslash\ttab é 🚀";
    JsonNode body = body(routed(why), "Ann \"A\" <O'Neil>");

    String text = JSON.writeValueAsString(body);
    JsonNode reread = JSON.readTree(text);
    assertThat(paragraphs(reread))
        .contains(
            "Baton routed this issue to Ann \"A\" <O'Neil>.",
            "Why: <script>alert(\"x\")</script> {code}*bold*{code} \\ back slash tab é 🚀");
  }

  @Test
  void cutsLongTextsAndNeverSplitsACharacter() {
    String long_ = "🚀".repeat(JiraComment.MAX_TEXT + 10);

    String cleaned = JiraComment.clean(long_);

    assertThat(cleaned.codePointCount(0, cleaned.length())).isEqualTo(JiraComment.MAX_TEXT + 1);
    assertThat(cleaned).endsWith("🚀…");
  }

  @Test
  void leavesOutWhatTheEventDoesNotSay() {
    AssignmentChange closed =
        new AssignmentChange(
            "assignment.closed", ITEM, "PROJ-1", "CLOSED", null, null, null, null, null, null);

    assertThat(paragraphs(body(closed, null))).containsExactly("Closed in Baton.", "Open in Baton");
  }

  @Test
  void namesAQueueAndAFallbackRule() {
    AssignmentChange queued =
        new AssignmentChange(
            "assignment.queued",
            ITEM,
            "PROJ-1",
            "QUEUED",
            "queue:triage",
            "system:router",
            "no rule matched",
            null,
            "inbound",
            "2");

    assertThat(paragraphs(body(queued, "queue triage")))
        .startsWith(
            "Baton put this issue in queue triage.",
            "Why: no rule matched",
            "Decided by: rule (fallback) of policy inbound version 2");
  }
}
