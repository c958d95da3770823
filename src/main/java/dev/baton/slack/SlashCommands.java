package dev.baton.slack;

import static dev.baton.slack.SlackMessages.escape;

import dev.baton.ingest.Integration;
import dev.baton.platform.BatonException;
import dev.baton.roster.Person;
import dev.baton.workitem.WorkItem;
import dev.baton.workitem.WorkItemActions;
import dev.baton.workitem.WorkItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * {@code /baton assign <key>}, {@code /baton who <key>}, {@code /baton mine} and {@code /baton
 * help}. Answers are ephemeral unless the text ends with {@value #PUBLIC}; {@code assign} always
 * answers in the channel, since routing is news for the channel. Refusals are ephemeral.
 */
@Component
class SlashCommands {

  static final String PUBLIC = "--public";

  private final SlackPeople people;
  private final SlackWorkItems items;
  private final WorkItemActions actions;
  private final OpenWork openWork;

  SlashCommands(
      SlackPeople people, SlackWorkItems items, WorkItemActions actions, OpenWork openWork) {
    this.people = people;
    this.items = items;
    this.actions = actions;
    this.openWork = openWork;
  }

  /** The message to answer a slash command with (Slack shows the answer's body). */
  Map<String, Object> answer(Integration integration, SlackForm form) {
    String user = SlackPeople.userId(form.get("user_id"), "form field 'user_id'");
    String command = form.required("command");
    List<String> words = new ArrayList<>();
    String text = form.get("text");
    Arrays.stream((text == null ? "" : text).strip().split("\\s+"))
        .filter(w -> !w.isEmpty())
        .forEach(words::add);
    boolean visible = !words.isEmpty() && words.getLast().equalsIgnoreCase(PUBLIC);
    if (visible) {
      words.removeLast();
    }
    String verb = words.isEmpty() ? "help" : words.getFirst().toLowerCase(Locale.ROOT);
    List<String> arguments = words.subList(Math.min(1, words.size()), words.size());
    if (verb.equals("help")) {
      return help(command, visible, "");
    }
    if (!List.of("assign", "who", "mine").contains(verb)) {
      return help(
          command, false, "I don't know `" + escape(SlackMessages.truncate(verb, 40)) + "`.\n");
    }
    Optional<Person> person = people.find(integration, user);
    if (person.isEmpty()) {
      return SlackMessages.ephemeral(SlackPeople.unknown(user));
    }
    String tenant = integration.tenantId();
    return switch (verb) {
      case "mine" -> openWork.of(tenant, person.get(), visible);
      case "assign" ->
          withOneItem(
              tenant,
              command,
              verb,
              arguments,
              item -> assign(integration, person.get(), user, item));
      default -> withOneItem(tenant, command, verb, arguments, item -> who(tenant, item, visible));
    };
  }

  /** Routes the item now through the {@code route} action; the decision goes to the channel. */
  private Map<String, Object> assign(
      Integration integration, Person person, String user, WorkItem item) {
    String tenant = integration.tenantId();
    WorkItems.WithAssignment after;
    try {
      after =
          actions.apply(
              SlackPeople.acting(integration, person, user),
              item.id().toString(),
              new WorkItemActions.Request("route", null, null),
              null);
    } catch (BatonException e) {
      return SlackMessages.ephemeral(
          "Could not route "
              + SlackWorkItems.label(item)
              + ": "
              + escape(SlackMessages.messageOf(e)));
    }
    String why = items.latestWhy(tenant, item.id()).map(w -> "\n>" + escape(w)).orElse("");
    return SlackMessages.inChannel(
        "<@"
            + user
            + "> routed "
            + SlackWorkItems.headline(item)
            + ": "
            + items.standing(tenant, after.assignment())
            + "."
            + why);
  }

  /** Owner, state and why. */
  private Map<String, Object> who(String tenant, WorkItem item, boolean visible) {
    WorkItems.WithAssignment current = items.withAssignment(tenant, item.id());
    String why =
        items
            .why(tenant, current.assignment())
            .map(w -> "Why: " + escape(w))
            .orElse(
                current.assignment().owner() == null
                    ? "No routing decision placed it."
                    : "No routing decision explains this owner: it was set by an action.");
    String text =
        SlackWorkItems.headline(item)
            + "\nState: `"
            + current.assignment().state()
            + "` · "
            + items.standing(tenant, current.assignment())
            + "\n"
            + why;
    return visible ? SlackMessages.inChannel(text) : SlackMessages.ephemeral(text);
  }

  /** Runs {@code then} on the one item the arguments name; else says what is wrong. */
  private Map<String, Object> withOneItem(
      String tenant,
      String command,
      String verb,
      List<String> arguments,
      Function<WorkItem, Map<String, Object>> then) {
    if (arguments.size() != 1) {
      return SlackMessages.ephemeral(
          "Usage: `" + escape(command) + " " + verb + " <key>`, e.g. `PROJ-123` or a Baton id.");
    }
    String key = escape(SlackMessages.truncate(arguments.getFirst(), 100));
    List<WorkItem> found = items.named(tenant, arguments.getFirst());
    if (found.size() == 1) {
      return then.apply(found.getFirst());
    }
    if (found.isEmpty()) {
      return SlackMessages.ephemeral("No work item has the key or id `" + key + "`.");
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "Several work items have the key `" + key + "`; use the Baton id of the one you mean:");
    found.stream()
        .limit(SlackWorkItems.AMBIGUOUS_LIMIT)
        .forEach(
            i ->
                lines.add(
                    "• `"
                        + i.id()
                        + "` from "
                        + escape(i.source().system())
                        + ": "
                        + escape(SlackMessages.truncate(i.title(), 200))));
    if (found.size() > SlackWorkItems.AMBIGUOUS_LIMIT) {
      lines.add("…and more");
    }
    return SlackMessages.ephemeral(String.join("\n", lines));
  }

  static Map<String, Object> help(String command, boolean visible, String prefix) {
    String c = escape(command);
    String text =
        prefix
            + "*Baton* routes work to people. Commands:\n"
            + "• `"
            + c
            + " assign <key>`: route the work item now (by its source key such as `PROJ-123`, or"
            + " its Baton id) and post the decision here\n"
            + "• `"
            + c
            + " who <key>`: who holds it, its state and why\n"
            + "• `"
            + c
            + " mine`: your open work, with Accept and Decline buttons for offers\n"
            + "• `"
            + c
            + " help`: this text\n"
            + "Answers are only for you; end a command with `"
            + PUBLIC
            + "` to show the answer to the channel.";
    return visible ? SlackMessages.inChannel(text) : SlackMessages.ephemeral(text);
  }
}
