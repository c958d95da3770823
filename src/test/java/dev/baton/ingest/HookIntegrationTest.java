package dev.baton.ingest;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /hooks/{id}} over HTTP: verified, stored once, answered fast. */
class HookIntegrationTest extends HookTestBase {

  @Test
  void aSignedGitHubIssueIsAcceptedProcessedAndItsRepeatIsADuplicate() {
    JsonNode created = integration(acme, "github", "acme-github", Senders.GITHUB_SECRET);
    String id = created.get("id").asString();
    assertThat(created.get("url").asString()).isEqualTo(PUBLIC_URL + "/hooks/" + id);
    byte[] body = VendorFixtures.bytes("github/issues.opened.json");
    Map<String, String> headers =
        Senders.signed(Provider.GITHUB, Senders.GITHUB_SECRET, body, clock.instant());
    double accepted = received("github", "accepted", "none");
    double duplicates = received("github", "duplicate", "none");

    Api.Response first = hook(id, headers, body);

    assertThat(first.status()).as("%s", first).isEqualTo(202);
    assertThat(first.json().get("status").asString()).isEqualTo("accepted");
    String inboxId = first.json().get("id").asString();
    eventually("the handler saw the issue", () -> handler.calls.size() == 1);
    Fakes.RecordingHandler.Call call = handler.calls.getFirst();
    assertThat(call.inboxId().toString()).isEqualTo(inboxId);
    assertThat(call.integration().name()).isEqualTo("acme-github");
    assertThat(call.integration().tenantId()).isEqualTo("acme");
    assertThat(call.event().eventType()).isEqualTo("issues");
    assertThat(call.event().action()).isEqualTo("opened");
    assertThat(call.event().kind()).isEqualTo(SourceEvent.Kind.ITEM_UPSERT);
    eventually(
        "the delivery is processed",
        () ->
            "processed"
                .equals(acme.get("/api/v1/inbox/" + inboxId).json().get("status").asString()));
    JsonNode row = acme.get("/api/v1/inbox/" + inboxId).json();
    assertThat(row.get("outcome").asString()).isEqualTo("CREATED");
    assertThat(row.get("deliveryId").asString()).isEqualTo(headers.get("X-GitHub-Delivery"));
    assertThat(row.get("eventType").asString()).isEqualTo("issues");
    assertThat(row.get("headers").toString()).doesNotContain("X-Hub-Signature-256");
    assertThat(row.get("body").isNull()).isTrue();

    Api.Response again = hook(id, headers, body);

    assertThat(again.status()).as("%s", again).isEqualTo(200);
    assertThat(again.json().get("status").asString()).isEqualTo("duplicate");
    assertThat(again.json().get("id").asString()).isEqualTo(inboxId);
    assertThat(inboxRows()).isEqualTo(1);
    assertThat(handler.calls).hasSize(1);
    assertThat(received("github", "accepted", "none")).isEqualTo(accepted + 1);
    assertThat(received("github", "duplicate", "none")).isEqualTo(duplicates + 1);
    JsonNode withBody = acme.get("/api/v1/inbox/" + inboxId + "?body=true").json();
    assertThat(withBody.get("body").asString().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(acme.withoutToken().get("/actuator/prometheus").body())
        .contains(
            "baton_webhooks_received_total{outcome=\"accepted\",provider=\"github\",reason=\"none\"}",
            "baton_webhooks_received_total{outcome=\"duplicate\",provider=\"github\",reason=\"none\"}",
            "baton_inbox_depth ",
            "baton_inbox_lag_seconds_count{provider=\"github\"}",
            "baton_inbox_processed_total{outcome=\"created\",provider=\"github\"}");
  }

  @Test
  void oneTamperedByteIsRefusedWith401AndStoresNothing() {
    String id =
        integration(acme, "github", "acme-github", Senders.GITHUB_SECRET).get("id").asString();
    byte[] body = VendorFixtures.bytes("github/issues.opened.json");
    Map<String, String> headers =
        Senders.signed(Provider.GITHUB, Senders.GITHUB_SECRET, body, clock.instant());
    byte[] tampered = Arrays.copyOf(body, body.length);
    int at = new String(body, StandardCharsets.UTF_8).indexOf("\"title\"") + 10;
    tampered[at] = (byte) (tampered[at] ^ 0x01);
    double before = received("github", "rejected", "signature");

    Api.Response answer = hook(id, headers, tampered);

    JsonNode problem = assertProblem(answer, 401);
    assertThat(problem.get("reason").asString()).isEqualTo("signature");
    assertThat(inboxRows()).isZero();
    assertThat(received("github", "rejected", "signature")).isEqualTo(before + 1);
    assertThat(handler.calls).isEmpty();
  }

  @Test
  void duringARotationBothSecretsAreAcceptedAndAfterItOnlyTheNewOne() {
    String oldSecret = "old-secret-for-github";
    String newSecret = "new-secret-for-github";
    String id = integration(acme, "github", "acme-github", oldSecret).get("id").asString();
    byte[] body = VendorFixtures.bytes("github/issues.opened.json");

    Api.Response added =
        acme.post(
            "/api/v1/integrations/" + id + "/secrets", "{\"secret\":" + quote(newSecret) + "}");
    assertThat(added.status()).as("%s", added).isEqualTo(201);
    assertThat(added.body()).doesNotContain(oldSecret).doesNotContain(newSecret);
    assertThat(added.json().get("secrets")).hasSize(2);

    assertThat(signedHook(id, Provider.GITHUB, oldSecret, body).status()).isEqualTo(202);
    assertThat(signedHook(id, Provider.GITHUB, newSecret, body).status()).isEqualTo(202);

    int oldIndex = added.json().get("secrets").get(0).get("index").asInt();
    Api.Response retired = acme.delete("/api/v1/integrations/" + id + "/secrets/" + oldIndex);
    assertThat(retired.status()).as("%s", retired).isEqualTo(200);
    assertThat(retired.json().get("secrets")).hasSize(1);

    assertProblem(signedHook(id, Provider.GITHUB, oldSecret, body), 401);
    assertThat(signedHook(id, Provider.GITHUB, newSecret, body).status()).isEqualTo(202);
    assertThat(inboxRows()).isEqualTo(3);
  }

  @Test
  void aBodyOverTheGlobalLimitIsAcceptedWhenTheIntegrationAllowsIt() {
    String id =
        integrationWith(
                acme, "github", "big-github", "\"maxBodySize\": 26214400", Senders.GITHUB_SECRET)
            .get("id")
            .asString();
    String padding = "x".repeat(3 * 1024 * 1024);
    byte[] body =
        ("{\"action\":\"opened\",\"padding\":\"" + padding + "\",\"zen\":\"Keep it simple.\"}")
            .getBytes(StandardCharsets.UTF_8);

    Api.Response answer = signedHook(id, Provider.GITHUB, Senders.GITHUB_SECRET, body);

    assertThat(answer.status()).as("%s", answer).isEqualTo(202);
    assertThat(jdbc.sql("select body_size from inbox").query(Integer.class).single())
        .isEqualTo(body.length);
  }

  @Test
  void aSlackSlashCommandIsAnsweredByTheEntryPointWhileSlackWaits() {
    String secret = "8f742231b10e8888abcd99yyyzzz85a5";
    String id = integration(acme, "slack", "acme-slack", secret).get("id").asString();
    byte[] body = VendorFixtures.bytes("slack/slash_command.signing_example.form");

    Api.Response answer = signedHook(id, Provider.SLACK, secret, body);

    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    assertThat(answer.json().get("text").asString()).isEqualTo("seen " + body.length + " bytes");
    assertThat(slack.requests).hasSize(1);
    assertThat(slack.requests.getFirst().contentType())
        .isEqualTo("application/x-www-form-urlencoded");
    assertThat(slack.requests.getFirst().integration().name()).isEqualTo("acme-slack");
    JsonNode rows = acme.get("/api/v1/integrations/" + id + "/deliveries").json().get("items");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("status").asString()).isEqualTo("processed");
    assertThat(rows.get(0).get("outcome").asString()).isEqualTo("ANSWERED");
    assertThat(rows.get(0).get("eventType").asString()).isEqualTo("slash_command");

    Api.Response retried = signedHook(id, Provider.SLACK, secret, body);

    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.json().get("status").asString()).isEqualTo("duplicate");
    assertThat(slack.requests).hasSize(1);
    assertThat(handler.calls).isEmpty();
  }

  @Test
  void everyProviderAcceptsItsOwnSignedPayload() {
    for (Provider provider : Provider.values()) {
      String secret = Senders.secret(provider, 1);
      String id =
          integration(acme, provider.wireName(), "every-" + provider.wireName(), secret)
              .get("id")
              .asString();
      Api.Response answer = signedHook(id, provider, secret, Senders.fixture(provider));
      assertThat(answer.status()).as("%s: %s", provider, answer).isIn(200, 202);
    }
    assertThat(inboxRows()).isEqualTo(Provider.values().length);
  }
}
