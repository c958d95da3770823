package dev.baton.ingest;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.BatonException;
import dev.baton.testsupport.Api;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Deliveries are processed after the answer: retried with backoff, parked, reprocessed, kept. */
class InboxIntegrationTest extends HookTestBase {

  @Autowired Inbox inbox;

  @Test
  void aFailingHandlerIsRetriedWithBackoffThenParkedAndAReprocessSucceeds() {
    handler.failAlways();
    String id = github("acme-github");
    double retries = processed("github", "retry");
    double parked = processed("github", "failed");

    String delivery = accepted(id, issue());

    JsonNode first = awaitDelivery(delivery, d -> d.get("attempts").asInt() == 1);
    assertThat(first.get("status").asString()).isEqualTo("pending");
    assertThat(first.get("lastError").asString()).contains("handler down");
    assertThat(first.get("nextAttemptAt").asString())
        .isEqualTo(TestClock.START.plusSeconds(1).toString());

    clock.advance(Duration.ofSeconds(1));
    JsonNode second = awaitDelivery(delivery, d -> d.get("attempts").asInt() == 2);
    assertThat(second.get("status").asString()).isEqualTo("pending");
    assertThat(second.get("nextAttemptAt").asString())
        .isEqualTo(TestClock.START.plusSeconds(1 + 5).toString());

    clock.advance(Duration.ofSeconds(5));
    JsonNode failed = awaitDelivery(delivery, d -> "failed".equals(d.get("status").asString()));
    assertThat(failed.get("attempts").asInt()).isEqualTo(3);
    assertThat(failed.get("lastError").asString()).isEqualTo("IllegalStateException: handler down");
    assertThat(failed.get("nextAttemptAt").isNull()).isTrue();
    assertThat(handler.calls).hasSize(3);
    assertThat(processed("github", "retry")).isEqualTo(retries + 2);
    assertThat(processed("github", "failed")).isEqualTo(parked + 1);
    JsonNode listed = acme.get("/api/v1/inbox?status=failed").json().get("items");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("id").asString()).isEqualTo(delivery);
    assertThat(
            acme.get("/api/v1/integrations/" + id + "/deliveries?status=failed")
                .json()
                .get("items"))
        .hasSize(1);
    assertThat(acme.get("/api/v1/inbox?status=pending").json().get("items")).isEmpty();

    handler.reset();
    Api.Response reprocess = acme.post("/api/v1/inbox/" + delivery + "/reprocess", "");
    assertThat(reprocess.status()).as("%s", reprocess).isEqualTo(200);
    JsonNode done = awaitDelivery(delivery, d -> "processed".equals(d.get("status").asString()));
    assertThat(done.get("outcome").asString()).isEqualTo("CREATED");
    assertThat(done.get("lastError").isNull()).isTrue();
    assertThat(handler.calls).hasSize(1);
    assertProblem(acme.post("/api/v1/inbox/" + delivery + "/reprocess", ""), 409);
    assertThat(acme.get("/api/v1/audit").body()).contains("inbox.reprocess_requested");
  }

  @Test
  void aHandlerFailureUndoesItsWritesButTheAttemptIsRecorded() {
    String id = github("acme-github");
    handler.writeThenFailNext();

    String delivery = accepted(id, issue());

    JsonNode retried = awaitDelivery(delivery, d -> d.get("attempts").asInt() == 1);
    assertThat(retried.get("status").asString()).isEqualTo("pending");
    assertThat(retried.get("lastError").asString()).contains("failed after writing");
    assertThat(
            jdbc.sql("select count(*) from tenants where tenant_id = 'half-written'")
                .query(Long.class)
                .single())
        .isZero();
    clock.advance(Duration.ofSeconds(1));
    JsonNode done = awaitDelivery(delivery, d -> "processed".equals(d.get("status").asString()));
    assertThat(done.get("attempts").asInt()).isEqualTo(2);
    assertThat(handler.calls).hasSize(2);
  }

  @Test
  void aPayloadThatCanNeverBeAppliedIsParkedAtOnce() {
    String id = github("acme-github");
    byte[] noIssue = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);

    String unparsable = accepted(id, noIssue);
    JsonNode parked = awaitDelivery(unparsable, d -> "failed".equals(d.get("status").asString()));
    assertThat(parked.get("attempts").asInt()).isEqualTo(1);
    assertThat(parked.get("lastError").asString()).contains("/issue");
    assertThat(handler.calls).isEmpty();

    handler.rejectNext();
    String refused = accepted(id, issue());
    JsonNode refusedRow = awaitDelivery(refused, d -> "failed".equals(d.get("status").asString()));
    assertThat(refusedRow.get("attempts").asInt()).isEqualTo(1);
    assertThat(refusedRow.get("lastError").asString()).contains("/issue/id is missing");
  }

  @Test
  void deliveriesStoredWhileTheWorkerIsStoppedAreProcessedWhenItStarts() {
    String id = github("acme-github");
    String slackId =
        integration(acme, "slack", "acme-slack", "slack-signing-secret").get("id").asString();
    worker.stop();
    assertThat(worker.isRunning()).isFalse();
    String a = accepted(id, issue());
    String b = accepted(id, issue());
    // a Slack request whose answer the process never gave: stored, then the process stopped
    UUID slackRow = UUID.randomUUID();
    jdbc.sql(
            """
            insert into inbox (tenant_id, id, integration_id, provider, delivery_id, raw_body,
              body_size, headers, correlation_id, received_at, status, attempts, next_attempt_at)
            values ('acme', :id, :integration, 'slack', 'trigger-1', :body, 5,
              '{"Content-Type":"application/x-www-form-urlencoded"}', 'c-1', :now, 'pending', 0,
              :now)
            """)
        .param("id", slackRow)
        .param("integration", UUID.fromString(slackId))
        .param("body", "a=b&c".getBytes(StandardCharsets.UTF_8))
        .param("now", java.sql.Timestamp.from(clock.instant()))
        .update();
    assertThat(status(a)).isEqualTo("pending");
    assertThat(status(b)).isEqualTo("pending");
    assertThat(handler.calls).isEmpty();
    Gauge depth = meters.get("baton.inbox.depth").gauge();
    assertThat(depth.value()).isEqualTo(3);

    worker.start();

    eventually("both are processed", () -> handler.calls.size() == 2);
    awaitDelivery(a, d -> "processed".equals(d.get("status").asString()));
    awaitDelivery(b, d -> "processed".equals(d.get("status").asString()));
    JsonNode late =
        awaitDelivery(slackRow.toString(), d -> "processed".equals(d.get("status").asString()));
    assertThat(late.get("outcome").asString()).isEqualTo("ANSWERED");
    assertThat(slack.requests).hasSize(1);
    assertThat(slack.requests.getFirst().contentType())
        .isEqualTo("application/x-www-form-urlencoded");
    assertThat(depth.value()).isZero();
    Timer lag = meters.get("baton.inbox.lag").tag("provider", "github").timer();
    assertThat(lag.count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aSlackEntryPointThatRefusesParksTheRequestAsFailed() {
    String secret = Senders.secret(Provider.SLACK, 1);
    String id = integration(acme, "slack", "acme-slack", secret).get("id").asString();
    slack.failWith(new BatonException.BadRequest("unknown command /webhook-collect"));

    Api.Response answer = signedHook(id, Provider.SLACK, secret, Senders.fixture(Provider.SLACK));

    assertProblem(answer, 400);
    JsonNode row =
        acme.get("/api/v1/integrations/" + id + "/deliveries").json().get("items").get(0);
    assertThat(row.get("status").asString()).isEqualTo("failed");
    assertThat(row.get("lastError").asString()).isEqualTo("unknown command /webhook-collect");
  }

  @Test
  void retentionDropsOldProcessedBodiesButKeepsTheRowForDedupe() {
    String id = github("acme-github");
    byte[] body = issue();
    java.util.Map<String, String> headers =
        Senders.signed(Provider.GITHUB, Senders.GITHUB_SECRET, body, clock.instant());
    String delivery = hook(id, headers, body).json().get("id").asString();
    awaitDelivery(delivery, d -> "processed".equals(d.get("status").asString()));

    clock.advance(Duration.ofDays(6));
    inbox.forgetOldBodies();
    assertThat(get(delivery, true).get("bodyKept").asBoolean()).isTrue();

    clock.advance(Duration.ofDays(2));
    inbox.forgetOldBodies();
    JsonNode kept = get(delivery, true);
    assertThat(kept.get("bodyKept").asBoolean()).isFalse();
    assertThat(kept.get("body").isNull()).isTrue();
    assertThat(kept.get("bodySize").asInt()).isEqualTo(body.length);

    Api.Response redelivered = hook(id, headers, body);
    assertThat(redelivered.status()).isEqualTo(200);
    assertThat(redelivered.json().get("status").asString()).isEqualTo("duplicate");
  }

  @Test
  void deliveriesAreListedNewestFirstPerTenantAndFilteredByIntegrationAndStatus() {
    String first = github("acme-github");
    String second = github("acme-github-2");
    String a = accepted(first, issue());
    clock.advance(Duration.ofSeconds(1));
    String b = accepted(second, issue());
    awaitDelivery(b, d -> "processed".equals(d.get("status").asString()));

    JsonNode page = acme.get("/api/v1/inbox?limit=1").json();
    assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(b);
    JsonNode next = acme.get("/api/v1/inbox?limit=1&cursor=" + page.get("next").asString()).json();
    assertThat(next.get("items").get(0).get("id").asString()).isEqualTo(a);
    assertThat(next.get("next").isNull()).isTrue();
    assertThat(acme.get("/api/v1/inbox?integration=" + first).json().get("items")).hasSize(1);

    assertProblem(acme.get("/api/v1/inbox?status=stuck"), 422);
    assertProblem(acme.get("/api/v1/inbox?integration=" + UUID.randomUUID()), 404);
    assertProblem(acme.get("/api/v1/inbox/not-an-id"), 404);
    assertProblem(globex.get("/api/v1/inbox/" + a), 404);
    assertProblem(globex.post("/api/v1/inbox/" + a + "/reprocess", ""), 404);
    assertThat(globex.get("/api/v1/inbox").json().get("items")).isEmpty();
    assertProblem(acmeWith("work-items:read").get("/api/v1/inbox"), 403);
    assertThat(acmeWith("integrations:read").get("/api/v1/inbox").status()).isEqualTo(200);
    assertProblem(acmeWith("integrations:read").post("/api/v1/inbox/" + a + "/reprocess", ""), 403);
  }

  private String github(String name) {
    return integration(acme, "github", name, Senders.GITHUB_SECRET).get("id").asString();
  }

  private static byte[] issue() {
    return VendorFixtures.bytes("github/issues.opened.json");
  }

  /** Posts a signed GitHub delivery, expects 202 and returns the inbox id. */
  private String accepted(String integrationId, byte[] body) {
    Api.Response answer = signedHook(integrationId, Provider.GITHUB, Senders.GITHUB_SECRET, body);
    assertThat(answer.status()).as("%s", answer).isEqualTo(202);
    return answer.json().get("id").asString();
  }

  private JsonNode get(String delivery, boolean body) {
    Api.Response answer = acme.get("/api/v1/inbox/" + delivery + (body ? "?body=true" : ""));
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    return answer.json();
  }

  private String status(String delivery) {
    return get(delivery, false).get("status").asString();
  }

  private JsonNode awaitDelivery(String delivery, java.util.function.Predicate<JsonNode> done) {
    eventually(
        "delivery " + delivery + " reaches the expected state",
        () -> done.test(get(delivery, false)));
    return get(delivery, false);
  }

  private double processed(String provider, String outcome) {
    Counter counter =
        meters
            .find("baton.inbox.processed")
            .tags("provider", provider, "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
