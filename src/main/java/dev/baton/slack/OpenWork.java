package dev.baton.slack;

import static dev.baton.slack.SlackMessages.actions;
import static dev.baton.slack.SlackMessages.button;
import static dev.baton.slack.SlackMessages.section;

import dev.baton.assignment.AssignmentState;
import dev.baton.platform.Page;
import dev.baton.roster.Person;
import dev.baton.workitem.WorkItemFilter;
import dev.baton.workitem.WorkItemQuery;
import dev.baton.workitem.WorkItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code /baton mine}: the open work a person holds, newest first, with Accept and Decline buttons
 * on offers and a Reassign button on the rest. At most {@value #LIMIT} items, two blocks each, so
 * the message stays under Slack's 50 blocks.
 */
@Component
class OpenWork {

  static final int LIMIT = 15;

  /** The states in which a person (not a queue) holds work. */
  static final String HELD_STATES = "OFFERED,ACCEPTED,IN_PROGRESS,BLOCKED";

  private final WorkItemQuery query;

  OpenWork(WorkItemQuery query) {
    this.query = query;
  }

  Map<String, Object> of(String tenantId, Person person, boolean visible) {
    Page<WorkItems.WithAssignment> page =
        query.list(
            tenantId,
            new WorkItemFilter(HELD_STATES, "person:" + person.id(), null, null, null, null, null),
            null,
            LIMIT);
    String responseType = visible ? "in_channel" : "ephemeral";
    if (page.items().isEmpty()) {
      return SlackMessages.message(responseType, "You hold no open work in Baton.", List.of());
    }
    String summary =
        "Your open work in Baton: "
            + page.items().size()
            + (page.next() == null ? "" : "+")
            + (page.items().size() == 1 && page.next() == null ? " item" : " items");
    List<Map<String, Object>> blocks = new ArrayList<>();
    blocks.add(section("*" + summary + "*"));
    for (WorkItems.WithAssignment w : page.items()) {
      AssignmentState state = w.assignment().state();
      blocks.add(
          section(
              SlackWorkItems.headline(w.item()) + "\n`" + state + "` · " + w.item().priority()));
      String id = w.item().id().toString();
      blocks.add(
          state == AssignmentState.OFFERED
              ? actions(
                  List.of(
                      button("Accept", SlackInteractions.ACCEPT, id, "primary"),
                      button("Decline", SlackInteractions.DECLINE, id, "danger")))
              : actions(List.of(button("Reassign", SlackInteractions.REASSIGN, id, ""))));
    }
    if (page.next() != null) {
      blocks.add(
          section(
              "Only the newest "
                  + LIMIT
                  + " are shown; `GET /api/v1/work-items?owner=person:"
                  + person.id()
                  + "` lists them all."));
    }
    return SlackMessages.message(responseType, summary, blocks);
  }
}
