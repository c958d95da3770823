package dev.baton.delivery;

import static dev.baton.testsupport.Problems.assertProblem;
import static dev.baton.testsupport.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.TestConnectors.ScriptedConnector;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.TestClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Listing, replaying and discarding deliveries through the API, audited and tenant-scoped. */
class DeliveryApiIntegrationTest extends DeliveryTestBase {

  @Test
  void aDeadDeliveryIsReplayedWithItsAttemptsKept() {
    connector.script("test:a", ScriptedConnector.permanentFailure());
    String id = onlyDeliveryOf(Given.workItem(acme, "Replay me"));
    awaitDelivery(id, d -> hasStatus(d, "dead"));
    assertThat(deliveries(acme, "?status=dead").get("items")).hasSize(1);

    Api.Response replayed = acme.post("/api/v1/deliveries/" + id + "/replay", "");
    assertThat(replayed.status()).as("%s", replayed).isEqualTo(200);
    assertThat(replayed.json().get("replays").asInt()).isEqualTo(1);

    JsonNode done = awaitDelivery(id, d -> hasStatus(d, "delivered"));
    assertThat(done.get("attempts").asInt()).isEqualTo(2);
    assertThat(done.get("attemptList").get(0).get("outcome").asString()).isEqualTo("permanent");
    assertThat(done.get("attemptList").get(1).get("outcome").asString()).isEqualTo("delivered");
    assertThat(connector.calls.get(1).r().attempt()).isEqualTo(2);
    assertThat(acme.get("/api/v1/audit").body()).contains("delivery.replayed");
  }

  @Test
  void aPendingDeliveryIsNotReplayedAndAnotherTenantsIsNotFound() {
    connector.always(ScriptedConnector.transientFailure());
    String id = onlyDeliveryOf(Given.workItem(acme, "Still trying"));
    awaitDelivery(id, d -> attemptsDone(d, 1));

    assertProblem(acme.post("/api/v1/deliveries/" + id + "/replay", ""), 409);
    assertProblem(globex.get("/api/v1/deliveries/" + id), 404);
    assertProblem(globex.post("/api/v1/deliveries/" + id + "/replay", ""), 404);
    assertProblem(acme.get("/api/v1/deliveries/not-a-uuid"), 404);
    assertThat(deliveries(globex, "").get("items")).isEmpty();
    assertThat(
            globex
                .post("/api/v1/deliveries/discard", "{\"status\":\"pending\"}")
                .json()
                .get("discarded")
                .asInt())
        .isZero();
    assertThat(delivery(id).get("status").asString()).isEqualTo("pending");
  }

  @Test
  void bulkReplayAndDiscardAnswerCountsAndAreAudited() {
    connector.always(ScriptedConnector.permanentFailure());
    String one = onlyDeliveryOf(Given.workItem(acme, "One"));
    String two = onlyDeliveryOf(Given.workItem(acme, "Two"));
    awaitDelivery(one, d -> hasStatus(d, "dead"));
    awaitDelivery(two, d -> hasStatus(d, "dead"));

    connector.always(r -> ScriptedConnector.delivered());
    Api.Response replayed = acme.post("/api/v1/deliveries/replay", "{\"status\":\"dead\"}");
    assertThat(replayed.status()).as("%s", replayed).isEqualTo(200);
    assertThat(replayed.json().get("replayed").asInt()).isEqualTo(2);
    awaitDelivery(one, d -> hasStatus(d, "delivered"));
    awaitDelivery(two, d -> hasStatus(d, "delivered"));

    connector.always(ScriptedConnector.permanentFailure());
    String three = onlyDeliveryOf(Given.workItem(acme, "Three"));
    awaitDelivery(three, d -> hasStatus(d, "dead"));
    Api.Response discarded =
        acme.post("/api/v1/deliveries/discard", "{\"destination\":\"test:a\"}");
    assertThat(discarded.status()).as("%s", discarded).isEqualTo(200);
    assertThat(discarded.json().get("discarded").asInt()).isEqualTo(1);
    assertThat(delivery(three).get("status").asString()).isEqualTo("discarded");
    assertThat(deliveries(acme, "?status=discarded").get("items")).hasSize(1);
    String audit = acme.get("/api/v1/audit").body();
    assertThat(audit).contains("deliveries.replayed").contains("deliveries.discarded");
  }

  @Test
  void anEventReplayResetsItsDeliveriesAndPlansNewDestinations() {
    String item = Given.workItem(acme, "Event replay");
    String id = onlyDeliveryOf(item);
    awaitDelivery(id, d -> hasStatus(d, "delivered"));
    String eventId = delivery(id).get("eventId").asString();

    Api.Response all = acme.post("/api/v1/events/" + eventId + "/replay", "");
    assertThat(all.status()).as("%s", all).isEqualTo(200);
    assertThat(all.json().get("reset").asInt()).isEqualTo(1);
    assertThat(all.json().get("created").asInt()).isZero();
    awaitDelivery(id, d -> hasStatus(d, "delivered") && d.get("attempts").asInt() == 2);

    connector.destinations("test:a", "test:b");
    Api.Response one =
        acme.post("/api/v1/events/" + eventId + "/replay", "{\"destination\":\"test:b\"}");
    assertThat(one.status()).as("%s", one).isEqualTo(200);
    assertThat(one.json().get("created").asInt()).isEqualTo(1);
    assertThat(one.json().get("reset").asInt()).isZero();
    eventually("test:b is delivered", () -> connector.callsTo("test:b").size() == 1);
    assertThat(connector.callsTo("test:a")).hasSize(2);

    assertThat(
            fields(
                assertProblem(
                    acme.post(
                        "/api/v1/events/" + eventId + "/replay", "{\"destination\":\"test:zz\"}"),
                    422)))
        .containsExactly("destination");
    assertProblem(acme.post("/api/v1/events/" + item + "/replay", ""), 404);
    assertProblem(globex.post("/api/v1/events/" + eventId + "/replay", ""), 404);
    assertThat(acme.get("/api/v1/audit").body()).contains("event.replayed");
  }

  @Test
  void theListFiltersByStatusDestinationItemAndTimeAndPages() {
    connector.destinations("test:a", "test:b");
    String first = Given.workItem(acme, "First");
    // let these go out before the clock jumps, or their leases would expire while in flight
    eventually(
        "the first item's deliveries delivered",
        () -> deliveries(acme, "?status=delivered").get("items").size() == 2);
    advance(Duration.ofHours(1));
    String second = Given.workItem(acme, "Second");
    eventually(
        "four deliveries delivered",
        () -> deliveries(acme, "?status=delivered").get("items").size() == 4);

    assertThat(deliveries(acme, "?destination=test:b").get("items")).hasSize(2);
    assertThat(deliveries(acme, "?workItem=" + first).get("items")).hasSize(2);
    String later = TestClock.START.plus(Duration.ofMinutes(30)).toString();
    JsonNode after = deliveries(acme, "?from=" + later).get("items");
    assertThat(after).hasSize(2);
    after.forEach(d -> assertThat(d.get("workItemId").asString()).isEqualTo(second));
    assertThat(deliveries(acme, "?to=" + later).get("items")).hasSize(2);
    assertThat(deliveries(acme, "?status=dead").get("items")).isEmpty();

    Set<String> seen = new HashSet<>();
    JsonNode page = deliveries(acme, "?limit=3");
    page.get("items").forEach(d -> seen.add(d.get("id").asString()));
    assertThat(page.get("items")).hasSize(3);
    JsonNode rest = deliveries(acme, "?limit=3&cursor=" + page.get("next").asString());
    rest.get("items").forEach(d -> seen.add(d.get("id").asString()));
    assertThat(rest.get("items")).hasSize(1);
    assertThat(rest.get("next").isNull()).isTrue();
    assertThat(seen).hasSize(4);
    deliveries(acme, "?limit=3")
        .get("items")
        .forEach(d -> assertThat(d.get("attemptList")).hasSize(1));
  }

  @Test
  void badFiltersAreRefusedAndChangeNothing() {
    assertThat(fields(assertProblem(acme.get("/api/v1/deliveries?status=lost"), 422)))
        .containsExactly("status");
    assertThat(fields(assertProblem(acme.get("/api/v1/deliveries?from=yesterday"), 422)))
        .containsExactly("from");
    assertProblem(
        acme.get("/api/v1/deliveries?from=2026-03-02T10:00:00Z&to=2026-03-02T09:00:00Z"), 422);
    assertProblem(acme.get("/api/v1/deliveries?cursor=%25%25"), 400);
    assertProblem(acme.get("/api/v1/deliveries?limit=0"), 422);
    assertThat(fields(assertProblem(acme.post("/api/v1/deliveries/replay", "{}"), 422)))
        .containsExactly("filter");
    assertProblem(acme.post("/api/v1/deliveries/discard", "{\"status\":\"gone\"}"), 422);
    assertProblem(acme.post("/api/v1/deliveries/discard", "not json"), 400);
  }

  @Test
  void readingNeedsDeliveriesReadAndChangingNeedsDeliveriesWrite() {
    Api reader = acmeWith("deliveries:read");
    Api writer = acmeWith("deliveries:write");
    Api other = acmeWith("work-items:read");
    assertThat(reader.get("/api/v1/deliveries").status()).isEqualTo(200);
    assertThat(writer.get("/api/v1/deliveries").status()).isEqualTo(200);
    assertThat(other.get("/api/v1/deliveries").status()).isEqualTo(403);
    assertThat(reader.post("/api/v1/deliveries/discard", "{\"status\":\"dead\"}").status())
        .isEqualTo(403);
    assertThat(writer.post("/api/v1/deliveries/discard", "{\"status\":\"dead\"}").status())
        .isEqualTo(200);
  }
}
