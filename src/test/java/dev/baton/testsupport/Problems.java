package dev.baton.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Assertions on RFC 9457 problem answers. */
public final class Problems {

  private Problems() {}

  /**
   * Asserts that {@code answer} is a problem with this status: {@code application/problem+json},
   * the status repeated in the body, a detail saying what was wrong and the correlation id of the
   * request. Returns the body for further checks.
   */
  public static JsonNode assertProblem(Api.Response answer, int status) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(status);
    assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
    JsonNode body = answer.json();
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.path("detail").asString("")).as("%s", answer).isNotBlank();
    assertThat(body.path("correlationId").asString(""))
        .isEqualTo(answer.header("X-Correlation-Id"));
    return body;
  }

  /** The {@code field} of each entry of a problem's {@code errors}. */
  public static java.util.List<String> fields(JsonNode problem) {
    java.util.List<String> fields = new java.util.ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.get("field").asString()));
    return fields;
  }
}
