package dev.baton.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.baton.ingest.VendorFixtures;
import dev.baton.platform.Actor;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The console pages of integrations, policy changes, single deliveries, the shift calendar and the
 * fairness view, through a signed-in session: what they show, what an operator does with them
 * (audited as {@code console:<username>} through the API's services) and what a viewer is refused.
 */
@TestPropertySource(
    properties = {"baton.outbound.allowlist=127.0.0.1/32", "baton.delivery.poll-interval=50ms"})
class ConsolePagesIntegrationTest extends IntegrationTest {

  static final String PASSWORD = "correct-horse-battery";
  static final String SECRET = "first-secret-of-the-gh-integration";

  static final String SETUP =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice, timeZone: Europe/Berlin }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: bob }
      spec: { displayName: Bob, timeZone: America/New_York }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: backend }
      spec: { members: [alice, bob] }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: triage }
      spec: { team: backend }
      ---
      apiVersion: baton.dev/v1
      kind: Schedule
      metadata: { name: platform-oncall }
      spec:
        timeZone: America/New_York
        rotations:
          - name: primary
            type: weekly
            handoff: { day: MON, time: "10:00" }
            start: 2026-01-05
            participants: [bob]
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:
          - name: backend-bugs
            when: item.type == "bug"
            assign: { team: backend, strategy: least-loaded }
        fallback: { queue: triage }
      """;

  static final String DRAFT =
      """
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:
          - name: everything-to-bob
            when: "true"
            assign: { person: bob }
        fallback: { queue: triage }
      """;

  @Autowired ConsoleUsers users;

  HttpServer refusingReceiver;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    // this context's dispatcher must not meet another context's deliveries
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("console_pages"));
  }

  @BeforeEach
  void rosterAndUsers() throws Exception {
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    users.create("acme", "olga", "operator", null, PASSWORD, Actor.system("test"), "test");
    users.create("acme", "vic", "viewer", null, PASSWORD, Actor.system("test"), "test");
    refusingReceiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    refusingReceiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(400, -1);
          exchange.close();
        });
    refusingReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    refusingReceiver.stop(0);
  }

  @Test
  void anIntegrationShowsItsHookUrlItsCountsAndDeliveriesAndRotatesItsSecret() {
    String id = integration("github", "gh", SECRET);
    byte[] body = VendorFixtures.bytes("github/issues.opened.json");
    assertThat(hook(id, SECRET, "d-1", body, "application/json")).isEqualTo(202);
    assertThat(hook(id, SECRET, "d-1", body, "application/json")).isEqualTo(200);
    assertThat(hook(id, "not-the-secret", "d-2", body, "application/json")).isEqualTo(401);
    assertThat(hook(id, null, "d-3", body, "application/json")).isEqualTo(401);
    assertThat(hook(id, SECRET, "d-4", body, "text/plain")).isEqualTo(415);
    // another tenant's rejections are not this one's
    String other = integration(globex, "github", "gh", SECRET);
    assertThat(hook(other, "wrong", "d-5", body, "application/json")).isEqualTo(401);

    ConsoleClient olga = ConsoleClient.signedIn(port, "olga", PASSWORD);
    String list = olga.page("/integrations");
    assertThat(list).contains("http://127.0.0.1:" + port + "/hooks/" + id);
    assertThat(cell(list, "accepted")).isEqualTo("1");
    assertThat(cell(list, "duplicate")).isEqualTo("1");
    assertThat(cell(list, "rejected")).isEqualTo("3");
    String overview = olga.page("/");
    assertThat(overview)
        .contains("id=\"rejected-" + id + "\">3<")
        .contains("id=\"sla-breached\">0<")
        .contains("id=\"sla-at-risk\">0<");

    String page = olga.page("/integrations/" + id);
    assertThat(page).contains("<code id=\"hook-url\">http://127.0.0.1:" + port + "/hooks/" + id);
    assertThat(byId(page, "accepted")).isEqualTo("1");
    assertThat(byId(page, "duplicate")).isEqualTo("1");
    assertThat(byId(page, "rejected")).isEqualTo("3");
    assertThat(reasonCount(page, "signature")).isEqualTo("2");
    assertThat(reasonCount(page, "content_type")).isEqualTo("1");
    String inboxId =
        acme.get("/api/v1/integrations/" + id + "/deliveries")
            .json()
            .get("items")
            .get(0)
            .get("id")
            .asString();
    assertThat(page).contains("data-inbox=\"" + inboxId + "\"").contains("issues");
    assertThat(olga.get("/integrations/" + other).statusCode()).isEqualTo(404);

    // rotate: Baton generates the new secret and shows it once; both secrets are accepted
    HttpResponse<String> answer = olga.post("/integrations/" + id + "/secrets", "secret=");
    assertThat(answer.statusCode()).isEqualTo(200);
    String rotated = byId(answer.body(), "new-secret");
    assertThat(rotated).matches("[0-9a-f]{64}");
    assertThat(olga.page("/integrations/" + id)).doesNotContain(rotated);
    assertThat(acme.get("/api/v1/integrations/" + id).json().get("secrets").size()).isEqualTo(2);
    assertThat(hook(id, rotated, "d-6", body, "application/json")).isEqualTo(202);
    assertThat(hook(id, SECRET, "d-7", body, "application/json")).isEqualTo(202);
    assertThat(auditBy("olga", "integration")).containsExactly("integration.secret_added");

    // a third secret is refused with the API's words
    HttpResponse<String> third = olga.post("/integrations/" + id + "/secrets", "secret=");
    assertThat(third.body()).contains("already has two active secrets");

    // the old one is retired: only the new one signs from now on
    HttpResponse<String> retired = olga.post("/integrations/" + id + "/secrets/1/retire", "");
    assertThat(retired.statusCode()).isEqualTo(302);
    assertThat(acme.get("/api/v1/integrations/" + id).json().get("secrets").size()).isEqualTo(1);
    assertThat(hook(id, SECRET, "d-8", body, "application/json")).isEqualTo(401);
    assertThat(hook(id, rotated, "d-9", body, "application/json")).isEqualTo(202);
    assertThat(auditBy("olga", "integration"))
        .containsExactly("integration.secret_added", "integration.secret_retired");
  }

  @Test
  void aVendorIssuedSecretMustBePastedToRotate() {
    String id = integration("pagerduty", "pd", "pagerduty-issued-secret");
    ConsoleClient olga = ConsoleClient.signedIn(port, "olga", PASSWORD);
    HttpResponse<String> blank = olga.post("/integrations/" + id + "/secrets", "secret=");
    assertThat(blank.statusCode()).isEqualTo(200);
    assertThat(blank.body()).contains("pagerduty issues its own signing secret");
    assertThat(acme.get("/api/v1/integrations/" + id).json().get("secrets").size()).isEqualTo(1);
    HttpResponse<String> pasted =
        olga.post("/integrations/" + id + "/secrets", "secret=the-new-pagerduty-secret");
    assertThat(byId(pasted.body(), "new-secret")).isEqualTo("the-new-pagerduty-secret");
  }

  @Test
  void twoPolicyVersionsAreComparedAndTheNewerActivatedThenRolledBackAudited() {
    Api.Response created =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/policies/engineering/versions", DRAFT);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    ConsoleClient olga = ConsoleClient.signedIn(port, "olga", PASSWORD);

    String diff = olga.page("/policies/engineering/diff");
    assertThat(diff).contains("v1 → v2");
    assertThat(rows(diff, "removed")).anyMatch(l -> l.contains("backend-bugs"));
    assertThat(rows(diff, "added")).anyMatch(l -> l.contains("everything-to-bob"));
    assertThat(rows(diff, "same")).anyMatch(l -> l.contains("<code>spec:</code>"));
    assertThat(rows(diff, "added")).noneMatch(l -> l.contains("<code>spec:</code>"));

    String confirm = olga.page("/policies/engineering/activate?version=2");
    assertThat(confirm).contains("id=\"confirm\"").contains("Activate v2");
    HttpResponse<String> activated =
        olga.post("/policies/engineering/activate", "version=2&reason=try+bob");
    assertThat(activated.statusCode()).isEqualTo(302);
    JsonNode policy = acme.get("/api/v1/policies/engineering").json();
    assertThat(policy.get("activeVersion").asInt()).isEqualTo(2);
    assertThat(policy.get("previousVersion").asInt()).isEqualTo(1);

    assertThat(olga.page("/policies/engineering/rollback")).contains("Roll back to v1");
    assertThat(olga.post("/policies/engineering/rollback", "reason=back").statusCode())
        .isEqualTo(302);
    assertThat(acme.get("/api/v1/policies/engineering").json().get("activeVersion").asInt())
        .isEqualTo(1);
    assertThat(auditBy("olga", "policy"))
        .containsExactly("policy.activated", "policy.activated", "policy.rolled-back");

    // a version that does not exist changes nothing
    assertThat(olga.post("/policies/engineering/activate", "version=9").statusCode())
        .isEqualTo(404);
    assertThat(acme.get("/api/v1/policies/engineering").json().get("activeVersion").asInt())
        .isEqualTo(1);
  }

  @Test
  void oneDeadLetterIsDiscardedAndAFinishedDeliveryIsNot() {
    int receiver = refusingReceiver.getAddress().getPort();
    Api.Response subscribed =
        acme.post(
            "/api/v1/subscriptions",
            "{\"url\":\"http://127.0.0.1:" + receiver + "/hook\",\"events\":[\"assignment.*\"]}");
    assertThat(subscribed.status()).as("%s", subscribed).isEqualTo(201);
    createItem("Refused by the receiver");
    String dead = awaitDeadLetter();

    ConsoleClient olga = ConsoleClient.signedIn(port, "olga", PASSWORD);
    assertThat(olga.page("/deliveries?status=dead")).contains("class=\"danger discard\"");
    HttpResponse<String> discarded = olga.post("/deliveries/" + dead + "/discard", "status=dead");
    assertThat(discarded.statusCode()).isEqualTo(302);
    assertThat(acme.get("/api/v1/deliveries/" + dead).json().get("status").asString())
        .isEqualTo("discarded");
    assertThat(auditBy("olga", "delivery")).containsExactly("delivery.discarded");

    HttpResponse<String> again = olga.post("/deliveries/" + dead + "/discard", "");
    String location = again.headers().firstValue("Location").orElseThrow();
    assertThat(olga.page(URI.create(location).getPath()))
        .contains("is discarded; only a pending or dead delivery is discarded");
    assertThat(auditBy("olga", "delivery")).hasSize(1);

    // the API answers the same rule
    Api.Response refused = acme.post("/api/v1/deliveries/" + dead + "/discard", "");
    assertThat(refused.status()).isEqualTo(409);
  }

  @Test
  void theShiftCalendarAndTheFairnessViewComeFromTheRosterAndTheTrail() {
    createItem("Least loaded gets it");
    ConsoleClient vic = ConsoleClient.signedIn(port, "vic", PASSWORD);

    String calendar = vic.page("/roster/calendar");
    assertThat(calendar).contains("platform-oncall (America/New_York)");
    assertThat(count(calendar, "data-day=")).isEqualTo(7);
    assertThat(calendar).contains("00:00–24:00").contains("<strong>bob</strong>");

    String fairness = vic.page("/roster/fairness");
    long received =
        Long.parseLong(personCell(fairness, "alice", "assignments"))
            + Long.parseLong(personCell(fairness, "bob", "assignments"));
    assertThat(received).isEqualTo(1);

    // bob (New York) is on call around the clock: two whole nights of nine hours in these days
    String nights = vic.page("/roster/fairness?from=2026-10-24&to=2026-10-25");
    assertThat(personCell(nights, "bob", "night")).isEqualTo("18.0");
    assertThat(personCell(nights, "alice", "night")).isEqualTo("0.0");
    assertThat(personCell(nights, "bob", "assignments")).isEqualTo("0");

    assertThat(vic.get("/roster/fairness?from=2026-01-01&to=2026-12-31").statusCode())
        .isEqualTo(400);
    assertThat(vic.get("/roster/fairness?from=yesterday").statusCode()).isEqualTo(400);
  }

  @Test
  void aViewerSeesThePagesButNotTheirFormsAndIsRefusedTheActions() {
    String id = integration("github", "gh", SECRET);
    acme.withHeader("Content-Type", "application/yaml")
        .send("POST", "/api/v1/policies/engineering/versions", DRAFT);
    ConsoleClient vic = ConsoleClient.signedIn(port, "vic", PASSWORD);

    assertThat(vic.page("/integrations/" + id)).doesNotContain("id=\"rotate\"");
    assertThat(vic.page("/policies/engineering")).doesNotContain("class=\"activate\"");
    assertThat(vic.page("/policies/engineering/activate?version=2"))
        .doesNotContain("id=\"confirm\"");
    assertThat(vic.post("/integrations/" + id + "/secrets", "secret=").statusCode()).isEqualTo(403);
    assertThat(vic.post("/policies/engineering/activate", "version=2").statusCode()).isEqualTo(403);
    assertThat(vic.post("/policies/engineering/rollback", "").statusCode()).isEqualTo(403);
    assertThat(vic.post("/deliveries/" + UUID.randomUUID() + "/discard", "").statusCode())
        .isEqualTo(403);
    assertThat(acme.get("/api/v1/integrations/" + id).json().get("secrets").size()).isEqualTo(1);
    assertThat(acme.get("/api/v1/policies/engineering").json().get("activeVersion").asInt())
        .isEqualTo(1);
  }

  private String integration(String provider, String name, String secret) {
    return integration(acme, provider, name, secret);
  }

  private static String integration(Api api, String provider, String name, String secret) {
    Api.Response created =
        api.post(
            "/api/v1/integrations",
            "{\"provider\":\""
                + provider
                + "\",\"name\":\""
                + name
                + "\",\"secrets\":[\""
                + secret
                + "\"]}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }

  /** Posts a GitHub delivery, signed with {@code secret} unless null; answers the status. */
  private int hook(
      String id,
      @org.jspecify.annotations.Nullable String secret,
      String delivery,
      byte[] body,
      String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/" + id))
            .header("Content-Type", contentType)
            .header("X-GitHub-Event", "issues")
            .header("X-GitHub-Delivery", delivery)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null) {
      request.header("X-Hub-Signature-256", "sha256=" + hmac(secret, body));
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void createItem(String title) {
    Api.Response created =
        acme.post(
            "/api/v1/work-items",
            "{\"title\":\"" + title + "\",\"type\":\"bug\",\"priority\":\"P2\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
  }

  /** Waits (bounded) until the deliveries to the refusing receiver are dead; one of them. */
  private String awaitDeadLetter() {
    for (int i = 0; i < 200; i++) {
      JsonNode dead = acme.get("/api/v1/deliveries?status=dead").json().get("items");
      JsonNode pending = acme.get("/api/v1/deliveries?status=pending").json().get("items");
      if (!dead.isEmpty() && pending.isEmpty()) {
        return dead.get(0).get("id").asString();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no dead letter within 10 s");
  }

  /** The actions audited for a console user on one kind of subject, in order. */
  private List<String> auditBy(String username, String subjectType) {
    return jdbc.sql(
            "select action from audit_entries where tenant_id = 'acme' and actor_type = 'console'"
                + " and actor_id = :user and subject_type = :type order by seq")
        .param("user", username)
        .param("type", subjectType)
        .query(String.class)
        .list();
  }

  private static String cell(String html, String css) {
    return group(html, "<td class=\"num " + css + "\">([^<]*)</td>");
  }

  private static String byId(String html, String id) {
    return group(html, "id=\"" + id + "\">([^<]*)<");
  }

  private static String reasonCount(String html, String reason) {
    return group(
        html, "data-reason=\"" + reason + "\">\\s*<td>[^<]*</td><td class=\"num\">([^<]*)<");
  }

  private static String personCell(String html, String person, String css) {
    return group(
        html, "(?s)data-person=\"" + person + "\">.*?<td class=\"num " + css + "\">([^<]*)</td>");
  }

  /** The text of the diff rows of one kind. */
  private static List<String> rows(String html, String kind) {
    Matcher m = Pattern.compile("(?s)<tr class=\"" + kind + "\">(.*?)</tr>").matcher(html);
    List<String> rows = new java.util.ArrayList<>();
    while (m.find()) {
      rows.add(m.group(1));
    }
    return rows;
  }

  private static int count(String html, String text) {
    return html.split(Pattern.quote(text), -1).length - 1;
  }

  private static String group(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    assertThat(m.find()).as("%s in the page", regex).isTrue();
    return m.group(1);
  }
}
