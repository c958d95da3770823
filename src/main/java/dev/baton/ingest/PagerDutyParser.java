package dev.baton.ingest;

import dev.baton.ingest.SourceEvent.Kind;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** PagerDuty V3 webhooks: one {@code event} whose {@code data} is the incident as it is now. */
final class PagerDutyParser implements PayloadParser {

  static final String PROVIDER = "pagerduty";

  /**
   * The incident events Baton acts on. Escalations, annotations, responders and the rest are
   * PagerDuty's own business and are ignored.
   */
  private static final Map<String, Kind> EVENTS =
      Map.of(
          "incident.triggered", Kind.ITEM_UPSERT,
          "incident.acknowledged", Kind.ITEM_UPSERT,
          "incident.priority_updated", Kind.ITEM_UPSERT,
          "incident.reassigned", Kind.ASSIGNEE_CHANGED,
          "incident.resolved", Kind.ITEM_CLOSED,
          "incident.reopened", Kind.ITEM_REOPENED);

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public SourceEvent parse(@Nullable String eventHeader, JsonNode payload) {
    PayloadReader in = new PayloadReader(PROVIDER, payload);
    in.object("/event");
    String type = in.text("/event/event_type");
    @Nullable Kind kind = EVENTS.get(type);
    if (kind == null) {
      return SourceEvent.ignored(PROVIDER, type, null, type + " is not used");
    }
    in.object("/event/data");
    String number = in.optionalId("/event/data/number");
    String priority = in.optionalText("/event/data/priority/summary");
    String urgency = in.optionalText("/event/data/urgency");
    return SourceEvent.about(PROVIDER, type, type.substring(type.indexOf('.') + 1))
        .kind(kind)
        .externalId(in.id("/event/data/id"))
        .externalKey(number)
        .url(in.optionalText("/event/data/html_url"))
        .title(in.text("/event/data/title"))
        .components(service(in))
        .priorityHint(priority != null ? priority : urgency)
        .closed("resolved".equals(in.text("/event/data/status")))
        .sourceVersion(in.millis("/event/occurred_at"))
        .assignee(first(in, "/event/data/assignees"))
        .actor(in.optionalText("/event/agent/id"))
        .project(in.optionalText("/event/data/service/id"))
        .attribute("urgency", urgency)
        .attribute("incidentStatus", in.text("/event/data/status"))
        .attribute("escalationPolicy", in.optionalText("/event/data/escalation_policy/summary"))
        .attribute("teams", teams(in))
        .attribute("eventId", in.optionalText("/event/id"))
        .build();
  }

  private static List<String> service(PayloadReader in) {
    String name = in.optionalText("/event/data/service/summary");
    return name == null ? List.of() : List.of(name);
  }

  private static @Nullable String first(PayloadReader in, String array) {
    return in.array(array).isEmpty() ? null : in.id(array + "/0/id");
  }

  private static @Nullable String teams(PayloadReader in) {
    List<String> teams = in.texts("/event/data/teams", "summary");
    return teams.isEmpty() ? null : String.join(",", teams);
  }
}
