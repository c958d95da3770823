package dev.baton.reconcile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.delivery.jira.JiraShapes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Jira Cloud site on loopback that keeps issues with their changelogs and answers the calls
 * reconciliation and the connector make: the enhanced JQL search (paged by {@code nextPageToken},
 * the JQL read as far as {@code project in (...) AND updated >= -Nm}, ordered by creation), the
 * bulk fetch, assignee changes (recorded as changelog entries by the calling account) and comments.
 * Every request is checked against Jira's OpenAPI document and recorded. A 429 can be scripted for
 * the next search.
 */
final class FakeJiraSite implements AutoCloseable {

  static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern PROJECTS = Pattern.compile("project in \\(([^)]*)\\)");
  private static final Pattern UPDATED = Pattern.compile("updated >= -(\\d+)m");

  record Request(String method, String path, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private final HttpServer server;
  private final String batonAccount;
  private final Map<String, ObjectNode> issues = new LinkedHashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private final Set<String> refuseAssignee = new HashSet<>();
  private final List<AssertionError> shapeErrors = new ArrayList<>();
  private int historyIds = 100;
  private int rateLimitsLeft;

  FakeJiraSite(String batonAccount) throws IOException {
    this.batonAccount = batonAccount;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newSingleThreadExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** An open issue of project PROJ, updated now. */
  synchronized ObjectNode create(String id, String key, String summary) {
    ObjectNode issue = JSON.createObjectNode();
    issue.put("id", id);
    issue.put("key", key);
    issue.put("self", baseUrl() + "/rest/api/3/issue/" + id);
    ObjectNode fields = issue.putObject("fields");
    fields.put("summary", summary);
    status(fields, false);
    fields.putNull("assignee");
    fields.putObject("priority").put("name", "High");
    fields.putArray("labels");
    fields.putArray("components");
    fields.putObject("project").put("key", "PROJ");
    fields.putObject("issuetype").put("name", "Bug");
    fields.putObject("reporter").put("accountId", "reporter-1");
    String now = JIRA_TIME.format(Instant.now());
    fields.put("created", now);
    fields.put("updated", now);
    issue.putObject("changelog").putArray("histories");
    issues.put(id, issue);
    return issue;
  }

  /** The issue as a {@code jira:issue_created} webhook carries it. */
  synchronized String createdWebhook(String id) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("webhookEvent", "jira:issue_created");
    payload.put("issue_event_type_name", "issue_created");
    payload.put("timestamp", Instant.now().toEpochMilli());
    payload.putObject("user").put("accountId", "reporter-1");
    ObjectNode issue = issue(id).deepCopy();
    issue.remove("changelog");
    payload.set("issue", issue);
    return payload.toString();
  }

  /** A person changes the assignee in Jira (no webhook reaches Baton). */
  synchronized void reassign(String id, @Nullable String accountId, String author) {
    setAssignee(issue(id), accountId, author);
  }

  /** Resolves the issue in Jira (no webhook reaches Baton). */
  synchronized void resolve(String id) {
    ObjectNode issue = issue(id);
    status((ObjectNode) issue.get("fields"), true);
    history(issue, "someone-else", "status", null, null);
  }

  synchronized void delete(String id) {
    issues.remove(id);
  }

  /** Answers 400 to Baton's assignee changes of this issue (its writes are lost). */
  synchronized void refuseAssignee(String key) {
    refuseAssignee.add(key);
  }

  synchronized void acceptAssignee() {
    refuseAssignee.clear();
  }

  /** The next {@code n} searches answer 429 with {@code Retry-After: 0}. */
  synchronized void rateLimitSearches(int n) {
    rateLimitsLeft = n;
  }

  synchronized @Nullable String assignee(String id) {
    JsonNode assignee = issue(id).path("fields").path("assignee");
    return assignee.isNull() ? null : assignee.path("accountId").asString(null);
  }

  synchronized List<Request> requests(String method, String pathEnd) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().endsWith(pathEnd))
        .toList();
  }

  synchronized List<AssertionError> shapeErrors() {
    return List.copyOf(shapeErrors);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    int status;
    String answer;
    synchronized (this) {
      requests.add(new Request(method, path, body));
      try {
        JiraShapes.assertValid(method, path, query == null ? "" : query, body);
      } catch (AssertionError e) {
        shapeErrors.add(e);
      }
      String[] result = answer(method, path, body, exchange);
      status = Integer.parseInt(result[0]);
      answer = result[1];
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    if (!answer.isEmpty()) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String[] answer(String method, String path, String body, HttpExchange exchange) {
    if (method.equals("POST") && path.equals("/rest/api/3/search/jql")) {
      if (rateLimitsLeft > 0) {
        rateLimitsLeft--;
        exchange.getResponseHeaders().add("Retry-After", "0");
        exchange.getResponseHeaders().add("RateLimit-Reason", "jira-quota-tenant-based");
        return new String[] {"429", "{\"errorMessages\":[\"Rate limit exceeded.\"]}"};
      }
      return new String[] {"200", search(JSON.readTree(body))};
    }
    if (method.equals("POST") && path.equals("/rest/api/3/issue/bulkfetch")) {
      ObjectNode result = JSON.createObjectNode();
      ArrayNode found = result.putArray("issues");
      result.putArray("issueErrors");
      for (JsonNode id : JSON.readTree(body).path("issueIdsOrKeys")) {
        ObjectNode issue = issues.get(id.asString());
        if (issue != null) {
          found.add(issue.deepCopy());
        }
      }
      return new String[] {"200", result.toString()};
    }
    Matcher assignee = Pattern.compile("/rest/api/3/issue/([^/]+)/assignee").matcher(path);
    if (method.equals("PUT") && assignee.matches()) {
      ObjectNode issue = byKey(assignee.group(1));
      if (issue == null) {
        return new String[] {"404", "{\"errorMessages\":[\"Issue does not exist\"]}"};
      }
      if (refuseAssignee.contains(issue.get("key").asString())) {
        return new String[] {
          "400", "{\"errorMessages\":[],\"errors\":{\"assignee\":\"User cannot be assigned\"}}"
        };
      }
      JsonNode account = JSON.readTree(body).path("accountId");
      setAssignee(issue, account.isNull() ? null : account.asString(), batonAccount);
      return new String[] {"204", ""};
    }
    Matcher comment = Pattern.compile("/rest/api/3/issue/([^/]+)/comment").matcher(path);
    if (method.equals("POST") && comment.matches()) {
      ObjectNode issue = byKey(comment.group(1));
      if (issue == null) {
        return new String[] {"404", "{\"errorMessages\":[\"Issue does not exist\"]}"};
      }
      ((ObjectNode) issue.get("fields")).put("updated", JIRA_TIME.format(Instant.now()));
      return new String[] {"201", "{\"id\":\"" + (historyIds++) + "\"}"};
    }
    return new String[] {"404", "{\"errorMessages\":[\"not faked: " + method + " " + path + "\"]}"};
  }

  private String search(JsonNode request) {
    String jql = request.path("jql").asString();
    Matcher projects = PROJECTS.matcher(jql);
    Set<String> keys = new HashSet<>();
    if (projects.find()) {
      for (String p : projects.group(1).split(",")) {
        keys.add(p.strip().replace("\"", ""));
      }
    }
    Matcher updated = UPDATED.matcher(jql);
    Instant from =
        updated.find()
            ? Instant.now().minusSeconds(60 * Long.parseLong(updated.group(1)))
            : Instant.EPOCH;
    List<ObjectNode> matching =
        issues.values().stream()
            .filter(i -> keys.contains(i.path("fields").path("project").path("key").asString()))
            .filter(i -> !updatedAt(i).isBefore(from))
            .sorted(
                Comparator.comparing((ObjectNode i) -> i.path("fields").path("created").asString())
                    .thenComparing(i -> i.path("key").asString()))
            .toList();
    int start =
        request.path("nextPageToken").isMissingNode()
            ? 0
            : Integer.parseInt(request.path("nextPageToken").asString());
    int size = request.path("maxResults").asInt(50);
    ObjectNode page = JSON.createObjectNode();
    ArrayNode list = page.putArray("issues");
    matching.stream().skip(start).limit(size).forEach(i -> list.add(i.deepCopy()));
    boolean last = start + size >= matching.size();
    page.put("isLast", last);
    if (!last) {
      page.put("nextPageToken", Integer.toString(start + size));
    }
    return page.toString();
  }

  private ObjectNode issue(String id) {
    return java.util.Objects.requireNonNull(issues.get(id), "no issue " + id);
  }

  private @Nullable ObjectNode byKey(String key) {
    return issues.values().stream()
        .filter(i -> i.get("key").asString().equals(key) || i.get("id").asString().equals(key))
        .findFirst()
        .orElse(null);
  }

  private void setAssignee(ObjectNode issue, @Nullable String accountId, String author) {
    ObjectNode fields = (ObjectNode) issue.get("fields");
    JsonNode before = fields.path("assignee");
    String from = before.isNull() ? null : before.path("accountId").asString(null);
    if (accountId == null) {
      fields.putNull("assignee");
    } else {
      fields.putObject("assignee").put("accountId", accountId);
    }
    history(issue, author, "assignee", from, accountId);
  }

  private void history(
      ObjectNode issue, String author, String field, @Nullable String from, @Nullable String to) {
    String now = JIRA_TIME.format(Instant.now());
    ObjectNode history = ((ArrayNode) issue.get("changelog").get("histories")).insertObject(0);
    history.put("id", Integer.toString(historyIds++));
    history.putObject("author").put("accountId", author);
    history.put("created", now);
    ObjectNode item = history.putArray("items").addObject();
    item.put("field", field);
    item.put("fieldtype", "jira");
    item.put("fieldId", field);
    item.put("from", from);
    item.put("to", to);
    ((ObjectNode) issue.get("fields")).put("updated", now);
  }

  private static void status(ObjectNode fields, boolean done) {
    ObjectNode status = fields.putObject("status");
    status.put("name", done ? "Done" : "To Do");
    status.putObject("statusCategory").put("key", done ? "done" : "new");
  }

  private static Instant updatedAt(JsonNode issue) {
    return java.time.OffsetDateTime.parse(
            issue.path("fields").path("updated").asString(),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))
        .toInstant();
  }
}
