package dev.baton.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reaches the states tests start from through the real API, failing at once (with the answer) when
 * a step is refused.
 */
public final class Given {

  private Given() {}

  /** A person with the given id, named after it. */
  public static void person(Api api, String id) {
    expect(api.post("/api/v1/people", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}"), 201);
  }

  /** A team with the given members (who must exist). */
  public static void team(Api api, String id, String... members) {
    String list = String.join(",", java.util.Arrays.stream(members).map(Given::quote).toList());
    expect(
        api.post(
            "/api/v1/teams",
            "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"members\":[" + list + "]}"),
        201);
  }

  /** A queue owned by the given team. */
  public static void queue(Api api, String id, String team) {
    expect(
        api.post(
            "/api/v1/queues",
            "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"team\":\"" + team + "\"}"),
        201);
  }

  /** A new UNASSIGNED work item with this title; returns its id. */
  public static String workItem(Api api, String title) {
    Api.Response created =
        expect(
            api.post(
                "/api/v1/work-items",
                "{\"title\":\"" + title + "\",\"type\":\"bug\",\"priority\":\"P2\"}"),
            201);
    return created.json().get("id").asString();
  }

  /** Applies an action (a JSON body) to a work item and expects it to succeed. */
  public static Api.Response action(Api api, String workItemId, String body) {
    return expect(api.post("/api/v1/work-items/" + workItemId + "/actions", body), 200);
  }

  /** A new work item offered to {@code person:<personId>}; returns its id. */
  public static String itemOfferedTo(Api api, String personId) {
    String id = workItem(api, "Offered to " + personId);
    action(api, id, "{\"action\":\"assign\",\"to\":\"person:" + personId + "\"}");
    return id;
  }

  /** An API token with these scopes, optionally bound to a person; returns the created answer. */
  public static Api.Response token(Api admin, String person, String... scopes) {
    String list = String.join(",", java.util.Arrays.stream(scopes).map(Given::quote).toList());
    String bound = person == null ? "" : ",\"person\":\"" + person + "\"";
    return expect(
        admin.post("/api/v1/tokens", "{\"name\":\"test\",\"scopes\":[" + list + "]" + bound + "}"),
        201);
  }

  private static Api.Response expect(Api.Response answer, int status) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(status);
    return answer;
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }
}
