package dev.baton.platform;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CorrelationIntegrationTest extends IntegrationTest {

  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String ITEM = "{\"title\":\"t\",\"type\":\"bug\",\"priority\":\"P2\"}";

  /** The correlation ids of a created item's audit entries and events. */
  private record Recorded(JsonNode audit, JsonNode events) {}

  private Recorded recordedFor(Api.Response created) {
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.json().get("id").asString();
    JsonNode audit = acme.get("/api/v1/work-items/" + id + "/audit").json().get("items");
    JsonNode events = acme.get("/api/v1/events").json().get("items");
    return new Recorded(audit, events);
  }

  private static void assertAllCarry(Recorded recorded, String correlationId) {
    assertThat(recorded.audit()).hasSize(2);
    recorded
        .audit()
        .forEach(e -> assertThat(e.get("correlationId").asString()).isEqualTo(correlationId));
    assertThat(recorded.events()).hasSize(1);
    assertThat(recorded.events().get(0).get("batoncorrelationid").asString())
        .isEqualTo(correlationId);
  }

  @Test
  void aTraceparentsTraceIdBecomesTheCorrelationIdOfEverythingTheRequestWrites() {
    Api.Response created =
        acme.withHeader("traceparent", TRACEPARENT).post("/api/v1/work-items", ITEM);

    assertThat(created.header("X-Correlation-Id")).isEqualTo(TRACE_ID);
    assertAllCarry(recordedFor(created), TRACE_ID);
  }

  @Test
  void withoutOneAGeneratedIdIsEchoedAndRecorded() {
    Api.Response created = acme.post("/api/v1/work-items", ITEM);

    String generated = created.header("X-Correlation-Id");
    assertThat(UUID.fromString(generated).toString()).isEqualTo(generated);
    assertAllCarry(recordedFor(created), generated);
    assertThat(acme.get("/api/v1/work-items").header("X-Correlation-Id"))
        .isNotBlank()
        .isNotEqualTo(generated);
  }

  @Test
  void aSuppliedCorrelationIdIsKeptWhenItIsSafe() {
    Api.Response created =
        acme.withHeader("X-Correlation-Id", "order-7.retry:2").post("/api/v1/work-items", ITEM);

    assertThat(created.header("X-Correlation-Id")).isEqualTo("order-7.retry:2");
    assertAllCarry(recordedFor(created), "order-7.retry:2");
  }

  @Test
  void anUnsafeCorrelationIdIsReplaced() {
    Api.Response answer =
        acme.withHeader("X-Correlation-Id", "x".repeat(129)).get("/api/v1/work-items");

    assertThat(answer.header("X-Correlation-Id")).hasSize(36).isNotEqualTo("x".repeat(129));
  }

  @Test
  void aMalformedTraceparentIsIgnored() {
    String allZeroTrace = "00-00000000000000000000000000000000-00f067aa0ba902b7-01";

    assertThat(
            acme.withHeader("traceparent", "garbage")
                .get("/api/v1/work-items")
                .header("X-Correlation-Id"))
        .hasSize(36);
    assertThat(
            acme.withHeader("traceparent", allZeroTrace)
                .get("/api/v1/work-items")
                .header("X-Correlation-Id"))
        .hasSize(36);
    assertThat(
            acme.withHeader("traceparent", "garbage")
                .withHeader("X-Correlation-Id", "fallback-1")
                .get("/api/v1/work-items")
                .header("X-Correlation-Id"))
        .isEqualTo("fallback-1");
  }

  @Test
  void problemBodiesCarryTheCorrelationIdOfTheRequest() {
    Api traced = acme.withHeader("traceparent", TRACEPARENT);

    for (Api.Response problem :
        new Api.Response[] {
          traced.post("/api/v1/work-items", "{}"),
          traced.post("/api/v1/work-items", "{not json"),
          traced.get("/api/v1/work-items/0190f0e0-0000-7000-8000-000000000000"),
          traced.withoutToken().get("/api/v1/work-items"),
          traced.withHeader("Authorization", "Bearer bt_unknown").get("/api/v1/work-items"),
          traced.post("/api/v1/work-items", "{\"title\":\"" + "x".repeat(1024 * 1024) + "\"}")
        }) {
      assertThat(problem.header("X-Correlation-Id")).isEqualTo(TRACE_ID);
      JsonNode body = assertProblem(problem, problem.status());
      assertThat(body.get("correlationId").asString()).as("%s", problem).isEqualTo(TRACE_ID);
    }
  }

  @Test
  void aForbiddenAnswerCarriesTheCorrelationId() {
    Api.Response problem =
        acmeWith("roster:read").withHeader("traceparent", TRACEPARENT).get("/api/v1/work-items");

    assertThat(assertProblem(problem, 403).get("correlationId").asString()).isEqualTo(TRACE_ID);
  }
}
