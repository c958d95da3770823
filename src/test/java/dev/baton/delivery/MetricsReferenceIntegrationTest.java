package dev.baton.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.delivery.Connector.Outcome;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.Given;
import dev.baton.testsupport.MetricsDoc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/metrics.md} true: Baton is exercised a little (a work item created through the
 * API and delivered, one delivery told to wait by a {@code Retry-After}, one GitHub webhook
 * accepted, sent again as a stale event and once to an unknown integration, one item routed by a
 * policy; the SLA counters start at zero and are counted in {@code EscalationIntegrationTest}),
 * then every metric the document lists as exposed must be in the {@code /actuator/prometheus}
 * scrape with its documented type.
 */
class MetricsReferenceIntegrationTest extends DeliveryTestBase {

  private static final String GITHUB_SECRET = "metrics-reference-secret";

  private static final String ROUTING =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: backend }
      spec: { members: [alice] }
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:
          - name: bugs-to-alice
            when: item.type == "bug"
            assign: { person: alice }
      """;

  @Test
  void everyDocumentedMetricIsScraped() {
    Map<String, String> documented = MetricsDoc.exposed();
    assertThat(documented).containsKeys("baton_webhooks_received_total", "baton_deliveries_dead");

    String delivered = onlyDeliveryOf(Given.workItem(acme, "Metrics reference"));
    awaitDelivery(delivered, d -> hasStatus(d, "delivered"));
    connector.script(
        "test:a",
        r -> new Outcome.Transient(429, "HTTP 429", false, Duration.ofSeconds(30), "slow down"));
    String waiting = onlyDeliveryOf(Given.workItem(acme, "Rate limited"));
    awaitDelivery(waiting, d -> attemptsDone(d, 1));

    String integration = githubIntegration(acme);
    byte[] body = fixture("github/issues.opened.json");
    assertThat(githubHook(acme, integration, body).status()).isEqualTo(202);
    // the same issue event again under a new delivery id: processed, and stale
    assertThat(githubHook(acme, integration, body).status()).isEqualTo(202);
    assertThat(githubHook(acme, UUID.randomUUID().toString(), body).status()).isEqualTo(404);
    eventually(
        "both webhooks are processed",
        () -> counter("baton.source.events.stale", "provider", "github") >= 1);

    // a routing decision, in globex (whose deliveries this test does not follow): counted by its
    // rule and timed; its item is open work of team backend
    Api.Response applied =
        globex
            .withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", ROUTING);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    Given.workItem(globex, "Routed");
    eventually(
        "the routing decision is counted",
        () ->
            counter("baton.routing.decisions", "rule", "bugs-to-alice", "outcome", "assigned")
                >= 1);

    Map<String, String> scraped = scrapedTypes();
    for (Map.Entry<String, String> metric : documented.entrySet()) {
      assertThat(scraped)
          .as("%s is in /actuator/prometheus", metric.getKey())
          .containsKey(metric.getKey());
      assertThat(scraped.get(metric.getKey()))
          .as("type of %s", metric.getKey())
          .isEqualTo(metric.getValue());
    }
    // the values behind two of them: the decision was timed, the routed item is alice's offer
    assertThat(meters.get("baton.routing.decision").timer().count()).isPositive();
    List<String> openWork =
        acme.withoutToken()
            .get("/actuator/prometheus")
            .body()
            .lines()
            .filter(l -> l.startsWith("baton_open_work{") && l.contains("tenant=\"globex\""))
            .toList();
    assertThat(openWork)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line).contains("team=\"backend\"", "state=\"OFFERED\"");
              assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                  .isEqualTo(1.0);
            });
  }

  /**
   * Sample names of the scrape mapped to a type: a summary's samples are {@code name_count}, {@code
   * name_sum}, {@code name_max} and {@code name{quantile=...}}, so {@code name} counts as a summary
   * when {@code name_count} is there.
   */
  private Map<String, String> scrapedTypes() {
    Api.Response scrape = acme.withoutToken().get("/actuator/prometheus");
    assertThat(scrape.status()).isEqualTo(200);
    Map<String, String> types = new LinkedHashMap<>();
    Pattern typeLine = Pattern.compile("^# TYPE (\\S+) (\\S+)$");
    List<String> samples = new ArrayList<>();
    for (String line : scrape.body().lines().toList()) {
      Matcher m = typeLine.matcher(line);
      if (m.find()) {
        types.put(m.group(1), m.group(2));
      } else if (!line.startsWith("#") && !line.isBlank()) {
        samples.add(line.split("[{ ]", 2)[0]);
      }
    }
    Map<String, String> byName = new LinkedHashMap<>();
    for (String sample : samples) {
      if (sample.endsWith("_count") && types.containsKey(sample.replaceAll("_count$", ""))) {
        String name = sample.replaceAll("_count$", "");
        byName.put(name, types.get(name));
      } else if (sample.endsWith("_total")) {
        String family = sample.replaceAll("_total$", "");
        byName.put(sample, types.getOrDefault(sample, types.getOrDefault(family, "untyped")));
      } else if (types.containsKey(sample)) {
        byName.put(sample, types.get(sample));
      }
    }
    return byName;
  }

  /** A GitHub integration of {@code api}'s tenant; returns its id. */
  static String githubIntegration(Api api) {
    Api.Response created =
        api.post(
            "/api/v1/integrations",
            "{\"provider\":\"github\",\"name\":\"metrics-github\",\"secrets\":[\""
                + GITHUB_SECRET
                + "\"]}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }

  /** Posts {@code body} as GitHub would, signed for {@link #githubIntegration}. */
  static Api.Response githubHook(Api api, String integrationId, byte[] body) {
    return api.withoutToken()
        .withHeader("X-GitHub-Event", "issues")
        .withHeader("X-GitHub-Delivery", UUID.randomUUID().toString())
        .withHeader("X-Hub-Signature-256", "sha256=" + hmacHex(body))
        .post("/hooks/" + integrationId, new String(body, StandardCharsets.UTF_8));
  }

  private static String hmacHex(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] fixture(String name) {
    String dir = System.getenv("BATON_VENDOR_FIXTURES");
    Path root = dir == null || dir.isBlank() ? Path.of("../shared/fixtures") : Path.of(dir);
    try {
      return Files.readAllBytes(root.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
