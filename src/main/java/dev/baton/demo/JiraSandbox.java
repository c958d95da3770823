package dev.baton.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jira Cloud's REST API v3 as the sandbox answers it, for the calls the Jira connector makes: set
 * the assignee ({@code PUT /rest/api/3/issue/{key}/assignee}), set fields ({@code PUT
 * /rest/api/3/issue/{key}}), add a comment ({@code POST .../comment}) and list comments ({@code GET
 * .../comment}). It checks the Basic credentials like Jira, keeps each issue's assignee and
 * comments (the newest {@value #MAX_ISSUES} issues) and records every call, bounded.
 */
final class JiraSandbox {

  static final int MAX_ISSUES = 100;
  static final int MAX_CALLS = 300;
  static final String EMAIL = "baton@demo.baton.dev";
  static final String API_TOKEN = "demo-sandbox-jira-api-token";
  static final String ACCOUNT_ID = "5b10ac8d82e05b22cc7d4eff";

  private static final Pattern ISSUE =
      Pattern.compile("/rest/api/3/issue/([A-Za-z0-9_-]+)(/assignee|/comment)?");

  /** What the sandbox answers: status and JSON body (empty for 204). */
  record Answer(int status, String body) {}

  /** A comment as Jira keeps it, with its ADF body and entity properties. */
  record Comment(String id, JsonNode body, JsonNode properties, Instant created) {}

  /** An issue as far as Baton changed it. */
  record Issue(String key, @Nullable String assignee, List<Comment> comments, Instant updated) {}

  /** One REST call Baton made. */
  record Call(long seq, Instant at, String method, String path, int status) {}

  private final JsonMapper json;
  private final Clock clock;
  private final Map<String, Issue> issues = new LinkedHashMap<>();
  private final Deque<Call> calls = new ArrayDeque<>();
  private long seq;
  private long commentIds = 10_000;

  JiraSandbox(JsonMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  synchronized Answer call(
      String method, String path, @Nullable String authorization, String body) {
    Answer answer = answer(method, path, authorization, body);
    calls.addLast(new Call(++seq, clock.instant(), method, path, answer.status()));
    while (calls.size() > MAX_CALLS) {
      calls.removeFirst();
    }
    return answer;
  }

  synchronized List<Issue> issues() {
    List<Issue> newestFirst = new ArrayList<>(issues.values());
    newestFirst.sort((a, b) -> b.updated().compareTo(a.updated()));
    return newestFirst;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  private Answer answer(String method, String path, @Nullable String authorization, String body) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((EMAIL + ":" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(authorization)) {
      return new Answer(401, errors("Client must be authenticated to access this resource."));
    }
    Matcher m = ISSUE.matcher(path);
    if (!m.matches()) {
      return new Answer(404, errors("The sandbox does not answer " + method + " " + path));
    }
    String key = m.group(1);
    String what = m.group(2) == null ? "" : m.group(2);
    JsonNode sent;
    try {
      sent = body.isBlank() ? json.createObjectNode() : json.readTree(body);
    } catch (JacksonException e) {
      return new Answer(400, errors("The request body is not JSON."));
    }
    return switch (method + " " + what) {
      case "PUT /assignee" -> {
        JsonNode accountId = sent.path("accountId");
        change(key, accountId.isString() ? accountId.asString() : null, null, true);
        yield new Answer(204, "");
      }
      case "PUT " -> {
        change(key, null, null, false);
        yield new Answer(204, "");
      }
      case "POST /comment" -> {
        if (!sent.path("body").isObject()) {
          yield new Answer(400, errors("Comment body can not be empty!"));
        }
        Comment comment =
            new Comment(
                Long.toString(++commentIds),
                sent.get("body"),
                sent.path("properties").isArray() ? sent.get("properties") : json.createArrayNode(),
                clock.instant());
        change(key, null, comment, false);
        ObjectNode created = json.createObjectNode();
        created.put("id", comment.id());
        created.put("self", "/rest/api/3/issue/" + key + "/comment/" + comment.id());
        created.set("body", comment.body());
        created.put("created", comment.created().toString());
        yield new Answer(201, created.toString());
      }
      case "GET /comment" -> new Answer(200, comments(key));
      default -> new Answer(405, errors("The sandbox does not answer " + method + " " + path));
    };
  }

  private void change(
      String key, @Nullable String assignee, @Nullable Comment comment, boolean setAssignee) {
    Issue before = issues.remove(key);
    List<Comment> comments = new ArrayList<>(before == null ? List.of() : before.comments());
    if (comment != null) {
      comments.add(comment);
    }
    issues.put(
        key,
        new Issue(
            key,
            setAssignee ? assignee : before == null ? null : before.assignee(),
            List.copyOf(comments),
            clock.instant()));
    while (issues.size() > MAX_ISSUES) {
      issues.remove(issues.keySet().iterator().next());
    }
  }

  private String comments(String key) {
    Issue issue = issues.get(key);
    List<Comment> comments = issue == null ? List.of() : issue.comments();
    ObjectNode page = json.createObjectNode();
    page.put("startAt", 0);
    page.put("maxResults", 100);
    page.put("total", comments.size());
    ArrayNode list = page.putArray("comments");
    for (int i = comments.size() - 1; i >= 0; i--) {
      Comment c = comments.get(i);
      ObjectNode node = list.addObject();
      node.put("id", c.id());
      node.set("body", c.body());
      node.set("properties", c.properties());
      node.put("created", c.created().toString());
    }
    return page.toString();
  }

  private String errors(String message) {
    ObjectNode error = json.createObjectNode();
    error.putArray("errorMessages").add(message);
    error.putObject("errors");
    return error.toString();
  }
}
