package dev.baton.slack;

import dev.baton.ingest.Integration;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.roster.People;
import dev.baton.roster.Person;
import dev.baton.workitem.WorkItemActions;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who a Slack user is in Baton: the person of the integration's tenant whose Slack identity is the
 * user id. Such a person acts as themselves, exactly as through a token bound to them.
 */
@Component
class SlackPeople {

  /** The source recorded in the audit trail for what is done from Slack. */
  static final String SOURCE = "slack";

  private final People people;

  SlackPeople(People people) {
    this.people = people;
  }

  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

  /** A Slack user id from a request; anything else is a malformed request (400). */
  static String userId(@Nullable String value, String field) {
    if (value == null || !USER_ID.matcher(value).matches()) {
      throw new BatonException.BadRequest(field + " is not a Slack user id");
    }
    return value;
  }

  Optional<Person> find(Integration integration, String slackUserId) {
    return people.findBySlackUserId(integration.tenantId(), slackUserId);
  }

  /** The person acting, recorded as {@code person:<id> via slack:<user id>}. */
  static WorkItemActions.Acting acting(Integration integration, Person person, String slackUserId) {
    return new WorkItemActions.Acting(
        integration.tenantId(), Actor.person(person.id(), "slack:" + slackUserId), SOURCE, false);
  }

  /** What an unknown Slack user is told. */
  static String unknown(String slackUserId) {
    return "Your Slack account (<@"
        + slackUserId
        + ">) is not linked to a person in Baton, so Baton cannot act for you. Ask a Baton admin"
        + " to set `identities.slack` to `"
        + slackUserId
        + "` on your person.";
  }
}
