package dev.baton.delivery.jira;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-made check against Jira's OpenAPI document refuses what Jira does not document. */
class JiraShapesTest {

  private static FakeJira.Recorded request(String method, String path, String query, String body) {
    return new FakeJira.Recorded(
        method, path, query, Map.of("Content-Type", List.of("application/json")), body);
  }

  @Test
  void acceptsADocumentedComment() {
    assertThatCode(
            () ->
                JiraShapes.assertValid(
                    request(
                        "POST",
                        "/rest/api/3/issue/PROJ-1/comment",
                        "",
                        "{\"body\":{\"type\":\"doc\",\"version\":1,\"content\":[]},"
                            + "\"properties\":[{\"key\":\"baton.delivery\",\"value\":{}}]}")))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesABodyOfTheWrongShape() {
    assertThatThrownBy(
            () ->
                JiraShapes.assertValid(
                    request(
                        "POST",
                        "/rest/api/3/issue/PROJ-1/comment",
                        "",
                        "{\"properties\":\"not a list\"}")))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () ->
                JiraShapes.assertValid(
                    request(
                        "PUT",
                        "/rest/api/3/issue/PROJ-1/assignee",
                        "",
                        "{\"accountId\":\"x\",\"nickname\":\"y\"}")))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void refusesUndocumentedOperationsAndQueryParameters() {
    assertThatThrownBy(
            () ->
                JiraShapes.assertValid(
                    request("GET", "/rest/api/3/issue/PROJ-1/comment", "sort=new", "")))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () -> JiraShapes.assertValid(request("PATCH", "/rest/api/3/issue/PROJ-1", "", "{}")))
        .isInstanceOf(AssertionError.class);
  }
}
