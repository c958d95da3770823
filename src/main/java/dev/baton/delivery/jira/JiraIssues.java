package dev.baton.delivery.jira;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Jira integration's issues back through its connection, for reconciliation: the enhanced
 * JQL search ({@code POST /rest/api/3/search/jql}, paged by {@code nextPageToken}), the bulk fetch
 * of known issues by id ({@code POST /rest/api/3/issue/bulkfetch}), and the one repair Baton makes,
 * setting the assignee. Credentials never leave this package.
 *
 * <p>Every failure is a {@link JiraReadFailed}: {@code retryAfter} is set for a 429 (from {@code
 * Retry-After} or {@code X-RateLimit-Reset}) and for 503s that name a wait; the caller decides
 * whether to wait.
 */
@Component
public class JiraIssues {

  /** The fields reconciliation reads of every issue: what the webhook parser reads, too. */
  public static final List<String> FIELDS =
      List.of(
          "summary",
          "status",
          "assignee",
          "priority",
          "labels",
          "components",
          "project",
          "issuetype",
          "reporter",
          "updated",
          "created",
          "resolution");

  private final JiraConnections connections;
  private final JiraHttp http;
  private final JsonMapper json;
  private final JdbcClient jdbc;
  private final Clock clock;

  JiraIssues(
      JiraConnections connections, JiraHttp http, JsonMapper json, JdbcClient jdbc, Clock clock) {
    this.connections = connections;
    this.http = http;
    this.json = json;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A Jira integration's connection as reconciliation needs it.
   *
   * @param mode {@code on}, {@code shadow} or {@code off}: Baton writes to Jira only in {@code on}
   * @param accountId Baton's own Jira account, to tell its changes from people's
   */
  public record Site(String tenantId, UUID integrationId, String mode, @Nullable String accountId) {

    public boolean writes() {
      return mode.equals("on");
    }
  }

  /** One page of a JQL search: its issues as Jira sent them, and the token of the next page. */
  public record SearchPage(List<JsonNode> issues, @Nullable String nextPageToken) {}

  /** A bulk fetch: the issues found, and the ids Jira reported an error for (worth retrying). */
  public record Fetched(List<JsonNode> issues, List<String> errorIds) {}

  /** A request to Jira that did not succeed. */
  public static final class JiraReadFailed extends RuntimeException {
    private final @Nullable Integer status;
    private final transient @Nullable Duration retryAfter;

    JiraReadFailed(String message, @Nullable Integer status, @Nullable Duration retryAfter) {
      super(message);
      this.status = status;
      this.retryAfter = retryAfter;
    }

    public @Nullable Integer status() {
      return status;
    }

    /** How long Jira asked to wait (429, some 503s); null when it did not say. */
    public @Nullable Duration retryAfter() {
      return retryAfter;
    }

    public boolean rateLimited() {
      return status != null && status == 429;
    }
  }

  public Optional<Site> site(String tenantId, UUID integrationId) {
    return connections
        .find(tenantId, integrationId)
        .map(c -> new Site(tenantId, integrationId, c.mode().wireName(), c.accountId()));
  }

  /** Every connection not in mode {@code off}, of every tenant: what scheduled runs cover. */
  public List<Site> reconcilable() {
    return jdbc.sql(
            "select tenant_id, integration_id, mode, account_id from jira_connections"
                + " where mode <> 'off' order by tenant_id, integration_id")
        .query(
            (rs, n) ->
                new Site(
                    rs.getString("tenant_id"),
                    rs.getObject("integration_id", UUID.class),
                    rs.getString("mode"),
                    rs.getString("account_id")))
        .list();
  }

  /** One page of issues matching {@code jql}, with {@link #FIELDS} and their changelog. */
  public SearchPage search(Site site, String jql, @Nullable String nextPageToken, int maxResults) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jql", jql);
    body.put("fields", FIELDS);
    body.put("expand", "changelog");
    body.put("maxResults", maxResults);
    if (nextPageToken != null) {
      body.put("nextPageToken", nextPageToken);
    }
    JsonNode tree = post(site, "/rest/api/3/search/jql", body, "search issues");
    List<JsonNode> issues = new ArrayList<>();
    tree.path("issues").forEach(issues::add);
    String next = tree.path("nextPageToken").asString(null);
    boolean last = tree.path("isLast").asBoolean(next == null);
    return new SearchPage(issues, last || next == null || next.isBlank() ? null : next);
  }

  /**
   * The issues with these ids (at most 100), with {@link #FIELDS} and their changelog. An id in
   * neither list was not found: deleted, or no longer visible to Baton's account.
   */
  public Fetched fetch(Site site, List<String> issueIds) {
    if (issueIds.size() > 100) {
      throw new IllegalArgumentException("Jira fetches at most 100 issues at once");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("issueIdsOrKeys", issueIds);
    body.put("fields", FIELDS);
    body.put("expand", List.of("changelog"));
    JsonNode tree = post(site, "/rest/api/3/issue/bulkfetch", body, "fetch issues");
    List<JsonNode> issues = new ArrayList<>();
    tree.path("issues").forEach(issues::add);
    List<String> errors = new ArrayList<>();
    tree.path("issueErrors").forEach(e -> errors.add(e.path("id").asString("")));
    return new Fetched(issues, errors);
  }

  /** Sets an issue's assignee; null unassigns it. */
  public void setAssignee(Site site, String issueKey, @Nullable String accountId) {
    Map<String, @Nullable Object> body = new HashMap<>();
    body.put("accountId", accountId);
    JiraConnection connection = connection(site);
    URI uri =
        URI.create(
            connection.baseUrl()
                + "/rest/api/3/issue/"
                + URLEncoder.encode(issueKey, StandardCharsets.UTF_8)
                + "/assignee");
    answer(
        connection, "PUT", uri, json.writeValueAsString(body), "set the assignee of " + issueKey);
  }

  private JsonNode post(Site site, String path, Map<String, Object> body, String step) {
    JiraConnection connection = connection(site);
    JiraAnswer answer =
        answer(
            connection,
            "POST",
            URI.create(connection.baseUrl() + path),
            json.writeValueAsString(body),
            step);
    try {
      return json.readTree(answer.body());
    } catch (RuntimeException e) {
      throw new JiraReadFailed("Jira's answer to " + step + " is not JSON", answer.status(), null);
    }
  }

  private JiraAnswer answer(
      JiraConnection connection, String method, URI uri, String body, String step) {
    JiraAnswer answer;
    try {
      answer = http.send(method, uri, connections.authorization(connection), body);
    } catch (IOException e) {
      throw new JiraReadFailed("could not " + step + " in Jira: " + e, null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JiraReadFailed("interrupted while asking Jira to " + step, null, null);
    }
    if (!answer.ok()) {
      Instant now = Instant.now(clock);
      String messages = answer.messages(json);
      String reason = answer.headers().get("ratelimit-reason");
      throw new JiraReadFailed(
          "Jira answered "
              + answer.status()
              + " to "
              + step
              + (reason == null ? "" : " (RateLimit-Reason: " + reason + ")")
              + (messages.isEmpty() ? "" : ": " + messages),
          answer.status(),
          answer.status() == 429 || answer.status() == 503 ? answer.retryAfter(now) : null);
    }
    return answer;
  }

  private JiraConnection connection(Site site) {
    return connections
        .find(site.tenantId(), site.integrationId())
        .orElseThrow(
            () ->
                new JiraReadFailed(
                    "integration " + site.integrationId() + " has no Jira connection", null, null));
  }
}
