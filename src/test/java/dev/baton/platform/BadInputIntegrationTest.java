package dev.baton.platform;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every refused request answers a 4xx problem saying what was wrong, and writes nothing: the row
 * counts of the tables the API writes are the same after each test as before it.
 */
class BadInputIntegrationTest extends IntegrationTest {

  private static final int ONE_MIB = 1024 * 1024;

  private String itemId;
  private Api revoked;
  private Api readOnly;
  private Map<String, Long> before;

  @BeforeEach
  void rosterAndOneItem() {
    Given.person(acme, "alice");
    itemId = Given.workItem(acme, "Checkout fails");
    Api.Response token = Given.token(acme, null, "work-items:read");
    revoked = api(token.json().get("token").asString());
    assertThat(acme.delete("/api/v1/tokens/" + token.json().get("id").asString()).status())
        .isEqualTo(200);
    readOnly = acmeWith("roster:read");
    before = RowCounts.of(jdbc);
  }

  @AfterEach
  void nothingWasWritten() {
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  /** Creates a work item from {@code body} with an idempotency key, as a careful client would. */
  private Api.Response create(Api api, String body) {
    return api.withHeader("Idempotency-Key", "key-" + body.hashCode())
        .post("/api/v1/work-items", body);
  }

  private static String padded(int size) {
    StringBuilder body =
        new StringBuilder("{\"title\":\"x\",\"type\":\"bug\",\"priority\":\"P2\",");
    body.append("\"attributes\":{\"pad\":\"");
    while (body.length() < size - 3) {
      body.append('a');
    }
    return body.append("\"}}").toString();
  }

  @Test
  void malformedJsonAnswers400() {
    JsonNode problem = assertProblem(create(acme, "{\"title\": \"Checkout fails\","), 400);
    assertThat(problem.get("detail").asString()).contains("not well-formed JSON");
  }

  @Test
  void aMissingBodyAnswers400() {
    assertProblem(acme.send("POST", "/api/v1/work-items", null), 400);
    assertProblem(create(acme, "null"), 400);
    assertProblem(create(acme, "[]"), 400);
  }

  @Test
  void trailingContentAfterTheJsonAnswers400() {
    assertProblem(
        create(acme, "{\"title\":\"a\",\"type\":\"bug\",\"priority\":\"P2\"} {\"title\":\"b\"}"),
        400);
  }

  @Test
  void aNumberWhereTextBelongsAnswers400NamingTheField() {
    JsonNode problem = assertProblem(create(acme, "{\"title\":42,\"type\":\"bug\"}"), 400);
    assertThat(fields(problem)).containsExactly("title");
  }

  @Test
  void aStringWhereAListBelongsAnswers400NamingTheField() {
    JsonNode problem =
        assertProblem(
            create(
                acme,
                "{\"title\":\"t\",\"type\":\"bug\",\"priority\":\"P2\",\"labels\":\"urgent\"}"),
            400);
    assertThat(fields(problem)).containsExactly("labels");
  }

  @Test
  void missingRequiredFieldsAnswer422NamingEachOne() {
    JsonNode problem = assertProblem(create(acme, "{}"), 422);
    assertThat(fields(problem)).containsExactlyInAnyOrder("title", "type", "priority");
  }

  @Test
  void invalidValuesAnswer422NamingEachField() {
    JsonNode problem =
        assertProblem(
            create(
                acme,
                "{\"title\":\"t\",\"type\":\"Bug!\",\"priority\":\"urgent\","
                    + "\"source\":{\"system\":\"fax\",\"url\":\"ftp://x\"},\"labels\":[\"\"]}"),
            422);
    assertThat(fields(problem))
        .containsExactlyInAnyOrder("type", "priority", "source.system", "source.url", "labels[0]");
  }

  @Test
  void anUnknownFieldAnswers400NamingIt() {
    JsonNode problem =
        assertProblem(
            create(
                acme, "{\"title\":\"t\",\"type\":\"bug\",\"priority\":\"P2\",\"colour\":\"red\"}"),
            400);
    assertThat(fields(problem)).containsExactly("colour");
    assertThat(problem.get("detail").asString()).contains("colour");
  }

  @Test
  void anOversizeBodyWithContentLengthAnswers413() {
    assertProblem(create(acme, padded(ONE_MIB + 1)), 413);
    assertProblem(acme.put("/api/v1/people/bob", padded(ONE_MIB + 1024)), 413);
  }

  @Test
  void anOversizeChunkedBodyAnswers413() {
    assertProblem(
        acme.withHeader("Idempotency-Key", "chunked")
            .postChunked("/api/v1/work-items", padded(ONE_MIB + 1)),
        413);
  }

  @Test
  void aBodyJustUnderTheLimitIsReadAndJudgedOnItsContent() {
    // attributes are capped at 16 KiB of JSON, so a large but allowed body is a 422, not a 413
    JsonNode problem = assertProblem(create(acme, padded(ONE_MIB - 16)), 422);
    assertThat(fields(problem)).containsExactly("attributes");
  }

  @Test
  void anUnknownTokenAnswers401() {
    Api.Response answer = create(api("bt_not_a_real_token"), "{}");
    assertProblem(answer, 401);
    assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    assertProblem(
        acme.withHeader("Authorization", "Basic YWxpY2U6c2VjcmV0").get("/api/v1/people"), 401);
  }

  @Test
  void aMissingTokenAnswers401() {
    Api.Response answer =
        create(acme.withoutToken(), "{\"title\":\"t\",\"type\":\"bug\",\"priority\":\"P2\"}");
    assertProblem(answer, 401);
    assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    assertProblem(acme.withoutToken().get("/api/v1/work-items"), 401);
  }

  @Test
  void aRevokedTokenAnswers401() {
    assertProblem(revoked.get("/api/v1/work-items"), 401);
    assertProblem(create(revoked, "{\"title\":\"t\",\"type\":\"bug\",\"priority\":\"P2\"}"), 401);
  }

  @Test
  void aTokenWithoutTheScopeAnswers403() {
    assertProblem(create(readOnly, "{\"title\":\"t\",\"type\":\"bug\",\"priority\":\"P2\"}"), 403);
    assertProblem(readOnly.put("/api/v1/people/bob", "{\"name\":\"Bob\"}"), 403);
    assertProblem(readOnly.get("/api/v1/work-items"), 403);
    assertProblem(readOnly.get("/api/v1/audit"), 403);
    assertProblem(readOnly.get("/api/v1/tokens"), 403);
  }

  @Test
  void badCursorsAnswer400() {
    assertProblem(acme.get("/api/v1/work-items?cursor=%21%21%21"), 400);
    assertProblem(acme.get("/api/v1/work-items?cursor=bm90LWEtdXVpZA"), 400);
    assertProblem(acme.get("/api/v1/people?cursor=%21%21%21"), 400);
    assertProblem(acme.get("/api/v1/audit?cursor=bm90LWEtbnVtYmVy"), 400);
  }

  @Test
  void aLimitOutOfRangeAnswers422() {
    assertThat(fields(assertProblem(acme.get("/api/v1/work-items?limit=0"), 422)))
        .containsExactly("limit");
    assertThat(fields(assertProblem(acme.get("/api/v1/people?limit=501"), 422)))
        .containsExactly("limit");
    assertThat(fields(assertProblem(acme.get("/api/v1/events?limit=-1"), 422)))
        .containsExactly("limit");
  }

  @Test
  void aLimitThatIsNotANumberAnswers400() {
    assertThat(fields(assertProblem(acme.get("/api/v1/work-items?limit=ten"), 400)))
        .containsExactly("limit");
  }

  @Test
  void anUnknownStateFilterAnswers422() {
    assertThat(fields(assertProblem(acme.get("/api/v1/work-items?state=DONE"), 422)))
        .containsExactly("state");
  }

  @Test
  void anOwnerFilterWithoutAKindAnswers422() {
    assertThat(fields(assertProblem(acme.get("/api/v1/work-items?owner=alice"), 422)))
        .containsExactly("owner");
  }

  @Test
  void aBadEventCursorAnswers422() {
    assertThat(fields(assertProblem(acme.get("/api/v1/events?after=yesterday"), 422)))
        .containsExactly("after");
  }

  @Test
  void anUnknownActionAnswers422() {
    JsonNode problem =
        assertProblem(
            acme.withHeader("Idempotency-Key", "act-1")
                .post("/api/v1/work-items/" + itemId + "/actions", "{\"action\":\"teleport\"}"),
            422);
    assertThat(fields(problem)).containsExactly("action");
  }

  @Test
  void aTargetWithoutAKindAnswers422() {
    JsonNode problem =
        assertProblem(
            acme.post(
                "/api/v1/work-items/" + itemId + "/actions",
                "{\"action\":\"assign\",\"to\":\"alice\"}"),
            422);
    assertThat(fields(problem)).containsExactly("to");
  }

  @Test
  void anUnknownPersonAsTargetAnswers422() {
    JsonNode problem =
        assertProblem(
            acme.withHeader("Idempotency-Key", "act-2")
                .post(
                    "/api/v1/work-items/" + itemId + "/actions",
                    "{\"action\":\"assign\",\"to\":\"person:nobody\"}"),
            422);
    assertThat(fields(problem)).containsExactly("to");
    assertThat(problem.get("detail").asString()).contains("nobody");
  }

  @Test
  void aMalformedIfMatchAnswers400() {
    assertProblem(
        acme.withHeader("If-Match", "version two")
            .post(
                "/api/v1/work-items/" + itemId + "/actions",
                "{\"action\":\"assign\",\"to\":\"person:alice\"}"),
        400);
  }

  @Test
  void anOverlongIdempotencyKeyAnswers400() {
    assertProblem(
        acme.withHeader("Idempotency-Key", "k".repeat(256))
            .post("/api/v1/work-items", "{\"title\":\"t\",\"type\":\"bug\",\"priority\":\"P2\"}"),
        400);
  }

  @Test
  void anIdInUpperCaseNamesTheSameItemAndItsAuditTrail() {
    String upper = itemId.toUpperCase(java.util.Locale.ROOT);

    assertThat(acme.get("/api/v1/work-items/" + upper).json().get("id").asString())
        .isEqualTo(itemId);
    assertThat(acme.get("/api/v1/work-items/" + upper + "/audit").body())
        .isEqualTo(acme.get("/api/v1/work-items/" + itemId + "/audit").body());
  }

  @Test
  void anUnknownWorkItemAnswers404() {
    assertProblem(acme.get("/api/v1/work-items/not-a-uuid"), 404);
    assertProblem(acme.get("/api/v1/work-items/0190f0e0-0000-7000-8000-000000000000"), 404);
    assertProblem(
        acme.post(
            "/api/v1/work-items/0190f0e0-0000-7000-8000-000000000000/actions",
            "{\"action\":\"close\"}"),
        404);
  }
}
