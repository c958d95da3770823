package dev.baton.delivery.jira;

import dev.baton.delivery.Connector;
import dev.baton.delivery.WorkItemOrigins;
import dev.baton.roster.People;
import dev.baton.roster.Person;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes assignments back to the Jira issue a work item came from (REST API v3): the assignee by
 * accountId, the custom fields Baton owns, and a comment in Atlassian Document Format that says who
 * and why. One destination per Jira integration, {@code jira:<integration id>}, ordered per work
 * item.
 *
 * <p>The assignee follows Baton's owner: a person with a Jira identity is assigned by accountId; a
 * queue, or a person Jira does not know, leaves the issue unassigned (the comment names the
 * holder), so Jira never shows a previous holder as the owner. Closing comments only.
 *
 * <p>The comment goes last and carries the delivery id as an entity property: after an uncertain
 * attempt the issue's newest comments are read first, and when one carries this delivery id the
 * delivery has landed and nothing is sent again. The assignee and field updates are idempotent.
 */
@Component
class JiraConnector implements Connector {

  static final String NAME = "jira";
  static final int COMMENTS_CHECKED = 100;

  private final JiraConnections connections;
  private final WorkItemOrigins origins;
  private final People people;
  private final JiraHttp http;
  private final JsonMapper json;
  private final BatonLinks links;
  private final JiraPauses pauses;
  private final JiraTokens tokens;
  private final Clock clock;

  JiraConnector(
      JiraConnections connections,
      WorkItemOrigins origins,
      People people,
      JiraHttp http,
      JsonMapper json,
      BatonLinks links,
      JiraPauses pauses,
      JiraTokens tokens,
      Clock clock) {
    this.connections = connections;
    this.origins = origins;
    this.people = people;
    this.http = http;
    this.json = json;
    this.links = links;
    this.pauses = pauses;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Planned> plan(OutboxEvent event) {
    if (!AssignmentChange.TYPES.contains(event.type())) {
      return List.of();
    }
    UUID item = uuid(event.subject());
    if (item == null) {
      return List.of();
    }
    Optional<WorkItemOrigins.Origin> origin = origins.origin(event.tenantId(), item);
    if (origin.isEmpty()
        || !origin.get().system().equals(NAME)
        || origin.get().integrationId() == null
        || origin.get().externalKey() == null) {
      return List.of();
    }
    UUID integrationId = java.util.Objects.requireNonNull(origin.get().integrationId());
    return connections
        .find(event.tenantId(), integrationId)
        .filter(c -> c.mode() != JiraConnection.Mode.OFF)
        .map(c -> List.of(new Planned(NAME + ":" + integrationId, item.toString())))
        .orElse(List.of());
  }

  @Override
  public Outcome send(DeliveryRequest delivery) {
    OutboxEvent event = delivery.event();
    UUID integrationId =
        delivery.destination().startsWith(NAME + ":")
            ? uuid(delivery.destination().substring(NAME.length() + 1))
            : null;
    UUID item = uuid(event.subject());
    if (integrationId == null || item == null) {
      return new Outcome.Permanent(
          null, "not a Jira delivery: " + delivery.destination() + " for " + event.subject(), "");
    }
    Optional<JiraConnection> found = connections.find(delivery.tenantId(), integrationId);
    if (found.isEmpty()) {
      return new Outcome.Skipped("integration " + integrationId + " has no Jira connection");
    }
    JiraConnection connection = found.get();
    AssignmentChange change = AssignmentChange.of(event.type(), item, event.cloudEvent());
    String key =
        origins
            .origin(delivery.tenantId(), item)
            .map(WorkItemOrigins.Origin::externalKey)
            .orElse(change.externalKey());
    if (key == null) {
      return new Outcome.Permanent(null, "work item " + item + " has no Jira issue key", "");
    }
    if (connection.mode() != JiraConnection.Mode.ON) {
      return shadow(delivery, connection, change, key);
    }
    Optional<JiraPauses.Pause> paused = pauses.current(integrationId, key);
    if (paused.isPresent()) {
      return new Outcome.Held(
          paused.get().remaining(),
          "Jira rate limit: waiting "
              + paused.get().remaining().toSeconds()
              + " s more before writing to "
              + paused.get().scope()
              + " again; nothing sent");
    }
    try {
      Site site =
          new Site(
              connection,
              tokens.authorization(connection, delivery.uncertain()),
              delivery.uncertain());
      return write(delivery, site, change, key);
    } catch (JiraTokens.Refused e) {
      return e.outcome();
    } catch (HttpConnectTimeoutException | ConnectException e) {
      return new Outcome.Transient(null, "could not connect to Jira: " + e, false, null, "");
    } catch (HttpTimeoutException e) {
      return new Outcome.Transient(null, "Jira did not answer in time: " + e, true, null, "");
    } catch (IOException e) {
      return new Outcome.Transient(null, "connection to Jira failed: " + e, true, null, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Transient(null, "interrupted while calling Jira", true, null, "");
    }
  }

  /**
   * Requests to the site of one connection during one send; for an {@code oauth} connection, the
   * first 401 refreshes the access token and the request is sent once more.
   */
  private final class Site {

    private final JiraConnection connection;
    private final boolean uncertain;
    private String authorization;
    private boolean refreshed;

    Site(JiraConnection connection, String authorization, boolean uncertain) {
      this.connection = connection;
      this.authorization = authorization;
      this.uncertain = uncertain;
    }

    JiraAnswer send(String method, URI uri, @Nullable String body)
        throws IOException, InterruptedException, JiraTokens.Refused {
      JiraAnswer answer = http.send(method, uri, authorization, body);
      if (answer.status() != 401
          || refreshed
          || connection.authKind() != JiraConnection.AuthKind.OAUTH) {
        return answer;
      }
      refreshed = true;
      authorization = tokens.afterUnauthorized(connection, authorization, uncertain);
      return http.send(method, uri, authorization, body);
    }
  }

  private Outcome write(DeliveryRequest delivery, Site site, AssignmentChange change, String key)
      throws IOException, InterruptedException, JiraTokens.Refused {
    JiraConnection connection = site.connection;
    String issue =
        connection.baseUrl()
            + "/rest/api/3/issue/"
            + URLEncoder.encode(key, StandardCharsets.UTF_8);
    if (delivery.uncertain()) {
      JiraAnswer comments =
          site.send(
              "GET",
              URI.create(
                  issue
                      + "/comment?orderBy=-created&maxResults="
                      + COMMENTS_CHECKED
                      + "&expand=properties"),
              null);
      if (!comments.ok()) {
        return failed(comments, "GET comments of " + key, connection, key);
      }
      if (landed(comments, delivery.deliveryId())) {
        return new Outcome.Delivered(
            comments.status(), "the comment of this delivery is already on " + key);
      }
    }
    String ownerName = ownerName(delivery.tenantId(), change);
    if (change.movesOwner()) {
      Map<String, @Nullable Object> assignee = new HashMap<>();
      assignee.put("accountId", accountId(delivery.tenantId(), change));
      JiraAnswer answer =
          site.send("PUT", URI.create(issue + "/assignee"), json.writeValueAsString(assignee));
      if (!answer.ok()) {
        return failed(answer, "PUT assignee of " + key, connection, key);
      }
    }
    if (!connection.fields().isEmpty()) {
      JiraAnswer answer =
          site.send(
              "PUT",
              URI.create(issue),
              json.writeValueAsString(
                  Map.of("fields", OwnedFields.values(connection.fields(), change, ownerName))));
      if (!answer.ok()) {
        return failed(answer, "PUT fields of " + key, connection, key);
      }
    }
    Map<String, Object> comment =
        JiraComment.body(
            new JiraComment.Facts(
                change, ownerName, links.workItem(change.workItemId()), delivery.deliveryId()));
    JiraAnswer answer =
        site.send("POST", URI.create(issue + "/comment"), json.writeValueAsString(comment));
    if (!answer.ok()) {
      return failed(answer, "POST comment on " + key, connection, key);
    }
    return new Outcome.Delivered(answer.status(), answer.excerpt());
  }

  /** The outcome of a failed step; a 429 also pauses later sends to the site or the issue. */
  private Outcome failed(JiraAnswer answer, String step, JiraConnection connection, String key) {
    Outcome outcome = answer.failure(step, now(), json);
    if (answer.status() == 429) {
      pauses.limited(
          connection.integrationId(),
          key,
          answer.headers().get("ratelimit-reason"),
          answer.retryAfter(now()));
    }
    return outcome;
  }

  /**
   * A delivery of a connection in shadow mode (or turned off after it was planned): nothing is
   * sent; the skipped delivery says what would have been written to the issue.
   */
  private Outcome shadow(
      DeliveryRequest delivery, JiraConnection connection, AssignmentChange change, String key) {
    String ownerName = ownerName(delivery.tenantId(), change);
    Map<String, @Nullable Object> wouldSend = new LinkedHashMap<>();
    List<String> steps = new java.util.ArrayList<>();
    if (change.movesOwner()) {
      Map<String, @Nullable Object> assignee = new HashMap<>();
      assignee.put("accountId", accountId(delivery.tenantId(), change));
      wouldSend.put("assignee", assignee);
      steps.add("PUT assignee");
    }
    if (!connection.fields().isEmpty()) {
      wouldSend.put("fields", OwnedFields.values(connection.fields(), change, ownerName));
      steps.add("PUT fields");
    }
    steps.add("POST comment");
    wouldSend.put(
        "comment",
        JiraComment.body(
            new JiraComment.Facts(
                change, ownerName, links.workItem(change.workItemId()), delivery.deliveryId())));
    return new Outcome.Skipped(
        "Jira connection in "
            + connection.mode().wireName()
            + " mode: nothing sent; would "
            + String.join(", ", steps)
            + " on "
            + key,
        json.writeValueAsString(wouldSend));
  }

  /** Whether one of the listed comments carries this delivery's id. */
  private boolean landed(JiraAnswer comments, UUID deliveryId) {
    JsonNode tree;
    try {
      tree = json.readTree(comments.body());
    } catch (RuntimeException e) {
      return false;
    }
    for (JsonNode comment : tree.path("comments")) {
      for (JsonNode property : comment.path("properties")) {
        if (property.path("key").asString("").equals(JiraComment.PROPERTY)
            && property
                .path("value")
                .path("deliveryId")
                .asString("")
                .equals(deliveryId.toString())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The holder's Jira accountId; null (unassigned) for a queue or a person Jira does not know. */
  private @Nullable String accountId(String tenantId, AssignmentChange change) {
    String person = change.ownerPerson();
    return person == null
        ? null
        : people.find(tenantId, person).map(p -> p.identities().jira()).orElse(null);
  }

  private @Nullable String ownerName(String tenantId, AssignmentChange change) {
    String person = change.ownerPerson();
    if (person != null) {
      return people.find(tenantId, person).map(Person::name).orElse(person);
    }
    String queue = change.ownerQueue();
    return queue == null ? null : "queue " + queue;
  }

  private Instant now() {
    return Instant.now(clock);
  }

  private static @Nullable UUID uuid(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Fills the owned custom fields from their templates. */
  static final class OwnedFields {

    private OwnedFields() {}

    static Map<String, @Nullable Object> values(
        List<JiraConnection.OwnedField> fields, AssignmentChange change, @Nullable String owner) {
      Map<String, @Nullable Object> values = new LinkedHashMap<>();
      for (JiraConnection.OwnedField f : fields) {
        String text =
            f.value()
                .replace("{state}", change.state())
                .replace("{owner}", owner == null ? "" : owner)
                .replace("{rule}", change.rule() == null ? "" : change.rule())
                .replace(
                    "{policyVersion}", change.policyVersion() == null ? "" : change.policyVersion())
                .replace("{action}", change.type().substring("assignment.".length()));
        if (text.isBlank()) {
          values.put(f.id(), null);
        } else {
          values.put(f.id(), f.type().equals("option") ? Map.of("value", text) : text);
        }
      }
      return values;
    }
  }
}
