package dev.baton.delivery.jira;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What an assignment event says, as the Jira connector needs it: read from the CloudEvent's {@code
 * data} (see {@code assignment.Assignments}).
 *
 * @param type the semantic type, e.g. {@code assignment.routed}
 * @param owner {@code person:<id>} or {@code queue:<id>}, null when nobody holds it
 * @param why the decision sentence, or the reason a person gave
 */
record AssignmentChange(
    String type,
    UUID workItemId,
    @Nullable String externalKey,
    String state,
    @Nullable String owner,
    @Nullable String actor,
    @Nullable String why,
    @Nullable String rule,
    @Nullable String policy,
    @Nullable String policyVersion) {

  /** The assignment events written back to Jira. */
  static final Set<String> TYPES =
      Set.of(
          "assignment.routed",
          "assignment.queued",
          "assignment.reassigned",
          "assignment.overridden",
          "assignment.accepted",
          "assignment.escalated",
          "assignment.closed");

  /** The events after which the Jira assignee follows Baton's owner. */
  private static final Set<String> MOVES_OWNER =
      Set.of(
          "assignment.routed",
          "assignment.queued",
          "assignment.reassigned",
          "assignment.overridden",
          "assignment.accepted",
          "assignment.escalated");

  static AssignmentChange of(String type, UUID workItemId, JsonNode cloudEvent) {
    JsonNode data = cloudEvent.path("data");
    JsonNode decision = data.path("decision");
    String why = text(decision.path("why"));
    if (why == null) {
      why = text(data.path("reason"));
    }
    return new AssignmentChange(
        type,
        workItemId,
        text(data.path("workItem").path("externalKey")),
        data.path("assignment").path("state").asString(""),
        text(data.path("assignment").path("owner")),
        text(data.path("actor")),
        why,
        text(decision.path("rule")),
        text(decision.path("policy")),
        text(decision.path("policyVersion")));
  }

  boolean movesOwner() {
    return MOVES_OWNER.contains(type);
  }

  /** The person id of a {@code person:<id>} owner, else null. */
  @Nullable String ownerPerson() {
    return owner != null && owner.startsWith("person:")
        ? owner.substring("person:".length())
        : null;
  }

  /** The queue id of a {@code queue:<id>} owner, else null. */
  @Nullable String ownerQueue() {
    return owner != null && owner.startsWith("queue:") ? owner.substring("queue:".length()) : null;
  }

  private static @Nullable String text(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    String s = node.asString("");
    return s.isBlank() ? null : s;
  }
}
