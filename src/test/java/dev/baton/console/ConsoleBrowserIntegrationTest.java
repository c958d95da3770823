package dev.baton.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.sun.net.httpserver.HttpServer;
import dev.baton.platform.Actor;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The console in a real Chromium (Debian's, driven by Playwright; no browser download): sign in,
 * watch work arrive, read its decision, accept it, replay a dead letter, simulate a policy draft,
 * and a viewer refused an action. Screenshots of the pages go to {@code target/screenshots/}.
 */
@TestPropertySource(
    properties = {
      "baton.outbound.allowlist=127.0.0.1/32",
      "baton.delivery.poll-interval=50ms",
      "baton.inbox.poll-interval=50ms"
    })
class ConsoleBrowserIntegrationTest extends IntegrationTest {

  static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  static final String PASSWORD = "correct-horse-battery";
  static final LocatorAssertions.IsVisibleOptions LIVE =
      new LocatorAssertions.IsVisibleOptions().setTimeout(15_000);

  static final String SETUP =
      """
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec: { displayName: Alice, skills: { backend: 3 } }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: bob }
      spec: { displayName: Bob, skills: { backend: 2 } }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: carol }
      spec: { displayName: Carol, skills: { frontend: 3 } }
      ---
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: backend }
      spec: { members: [alice, bob, carol] }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: triage }
      spec: { team: backend }
      ---
      apiVersion: baton.dev/v1
      kind: RoutingPolicy
      metadata: { name: engineering }
      spec:
        rules:
          - name: backend-bugs
            when: item.type == "bug"
            assign: { team: backend, strategy: least-loaded, requireSkills: [backend] }
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

  static Playwright playwright;
  static Browser browser;

  @Autowired ConsoleUsers users;

  HttpServer refusingReceiver;
  BrowserContext context;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    // this context's dispatcher must not meet another context's deliveries
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("console_browser"));
  }

  /**
   * Debian's Chromium ({@code BATON_CHROMIUM} names another). Without one the browser tests are
   * skipped with a message, so that the suite runs on a machine with only a JDK; {@code .ci/run}
   * installs Chromium and sets {@code BATON_REQUIRE_BROWSER=1}, which turns the skip into a
   * failure.
   */
  static Path chromium() {
    String configured = System.getenv("BATON_CHROMIUM");
    Path path =
        Paths.get(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
    boolean required = "1".equals(System.getenv("BATON_REQUIRE_BROWSER"));
    if (!Files.isExecutable(path)) {
      String missing =
          "no Chromium at "
              + path
              + " (install Debian's chromium package, or set BATON_CHROMIUM): browser tests skipped";
      if (required) {
        throw new IllegalStateException(
            missing.replace("skipped", "required by BATON_REQUIRE_BROWSER"));
      }
      Assumptions.abort(missing);
    }
    return path;
  }

  @BeforeAll
  static void launchChromium() {
    Path executable = chromium();
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
  }

  @AfterAll
  static void closeChromium() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void rosterPolicyAndUsers() throws IOException {
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    users.create("acme", "ada", "admin", null, PASSWORD, Actor.system("test"), "test");
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
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
  }

  @AfterEach
  void closeContext() {
    context.close();
    refusingReceiver.stop(0);
  }

  @Test
  void anAdminWatchesWorkArriveReadsItsDecisionAndAcceptsIt() {
    Page page = signIn("ada");
    page.navigate(url("/work-items"));
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING).first())
        .hasText("Work items");

    String title = "Checkout fails for premium customers";
    String id = createItem(title);

    Locator row = page.getByRole(com.microsoft.playwright.options.AriaRole.LINK).getByText(title);
    assertThat(row).isVisible(LIVE); // arrived through htmx polling, no reload
    screenshot(page, "work-items");
    row.click();

    assertThat(page.locator("#assignment-state")).hasText("OFFERED");
    Locator candidates =
        page.getByRole(com.microsoft.playwright.options.AriaRole.TABLE)
            .filter(new Locator.FilterOptions().setHasText("Candidates"));
    assertThat(candidates).containsText("alice");
    assertThat(candidates).containsText("bob");
    assertThat(page.locator("table", new Page.LocatorOptions().setHasText("Filtered out")))
        .containsText("carol");
    assertThat(page.locator("p.why")).not().isEmpty();
    screenshot(page, "work-item");

    page.locator("button[data-action=accept]").click();

    assertThat(page.locator("#assignment-state")).hasText("ACCEPTED");
    assertThat(page.locator(".notice")).containsText("ACCEPTED");
    assertThat(page.locator(".timeline")).containsText("console:ada");
    JsonNode item = acme.get("/api/v1/work-items/" + id).json();
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("ACCEPTED");
    JsonNode trail = acme.get("/api/v1/work-items/" + id + "/audit").json().get("items");
    JsonNode accepted = trail.get(trail.size() - 1);
    assertThat(accepted.get("actor").get("type").asString()).isEqualTo("console");
    assertThat(accepted.get("actor").get("id").asString()).isEqualTo("ada");
    assertThat(accepted.get("source").asString()).isEqualTo("console");

    page.navigate(url("/"));
    assertThat(page.locator("#open-work")).isVisible();
    assertThat(page.locator("table[aria-labelledby=open-work]")).containsText("backend");
    screenshot(page, "overview");
  }

  @Test
  void anAdminReplaysADeadLetter() {
    int port = refusingReceiver.getAddress().getPort();
    Api.Response subscribed =
        acme.post(
            "/api/v1/subscriptions",
            "{\"url\":\"http://127.0.0.1:" + port + "/hook\",\"events\":[\"assignment.*\"]}");
    assertThat(subscribed.status()).as("%s", subscribed).isEqualTo(201);
    createItem("Webhook receiver refuses this");
    String deadLetter = awaitDeadLetter();

    Page page = signIn("ada");
    page.navigate(url("/"));
    long dead = acme.get("/api/v1/deliveries?status=dead").json().get("items").size();
    assertThat(dead).isPositive();
    assertThat(page.locator("#dead-letters")).hasText(Long.toString(dead));
    page.navigate(url("/deliveries?status=dead"));
    Locator row = page.locator("tr[data-delivery='" + deadLetter + "']");
    assertThat(row).containsText("dead");
    screenshot(page, "deliveries");
    row.locator("button.replay").click();

    assertThat(page.locator(".notice")).containsText("replayed");
    JsonNode delivery = acme.get("/api/v1/deliveries/" + deadLetter).json();
    assertThat(delivery.get("replays").asInt()).isEqualTo(1);
    JsonNode entries = acme.get("/api/v1/audit?limit=500").json().get("items");
    boolean audited = false;
    for (JsonNode e : entries) {
      audited |=
          e.get("action").asString().equals("delivery.replayed")
              && e.get("actor").get("id").asString().equals("ada");
    }
    assertThat(audited).as("a delivery.replayed entry by console user ada").isTrue();
  }

  @Test
  void aDraftPolicyIsValidatedAndSimulated() {
    createItem("Simulate me");
    Page page = signIn("ada");
    page.navigate(url("/policies"));
    assertThat(page.locator("table[aria-label=Policies]")).containsText("engineering");
    page.locator("#draft").fill(DRAFT);
    page.locator("#simulate-button").click();

    Locator simulation = page.locator("#simulation");
    assertThat(simulation).isVisible();
    assertThat(simulation).containsText("Simulate me");
    assertThat(simulation).containsText("person:bob");
    screenshot(page, "policy-simulation");

    page.locator("#draft").fill("kind: RoutingPolicy\nspec: {}");
    page.locator("#simulate-button").click();
    assertThat(page.locator(".problem")).isVisible();
  }

  @Test
  void anAdminComparesTwoPolicyVersionsActivatesTheNewerAndRollsBack() {
    Api.Response created =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/policies/engineering/versions", DRAFT);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    Page page = signIn("ada");
    page.navigate(url("/policies/engineering"));
    page.locator("#compare").click();
    assertThat(page.locator("table.diff tr.removed")).not().hasCount(0);
    assertThat(
            page.locator("table.diff tr.added")
                .filter(new Locator.FilterOptions().setHasText("everything-to-bob")))
        .hasCount(1);
    screenshot(page, "policy-diff");

    page.navigate(url("/policies/engineering"));
    page.locator("a.activate[data-version='2']").click();
    page.locator("input[name=reason]").fill("send everything to bob");
    page.locator("#confirm").click();
    assertThat(page.locator(".notice")).containsText("Version 2 is active");
    page.locator("#rollback").click();
    page.locator("#confirm").click();
    assertThat(page.locator(".notice")).containsText("version 1 is active");
    assertThat(acme.get("/api/v1/policies/engineering").json().get("activeVersion").asInt())
        .isEqualTo(1);
  }

  @Test
  void anAdminSeesAnIntegrationsHookUrlAndRotatesItsSecret() {
    Api.Response created =
        acme.post(
            "/api/v1/integrations",
            "{\"provider\":\"github\",\"name\":\"gh\",\"secrets\":[\"first-secret\"]}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.json().get("id").asString();
    Page page = signIn("ada");
    page.navigate(url("/integrations"));
    assertThat(page.locator("tr[data-integration=gh] code.hook-url")).hasText(url("/hooks/" + id));
    page.locator("tr[data-integration=gh] a").click();
    page.locator("#rotate").click();
    assertThat(page.locator("#new-secret"))
        .hasText(java.util.regex.Pattern.compile("[0-9a-f]{64}"));
    assertThat(page.locator("tr[data-secret]")).hasCount(2);
    screenshot(page, "integration");
  }

  @Test
  void aViewerSeesButIsRefusedAnAction() {
    String id = createItem("Look, don't touch");
    Page page = signIn("vic");
    page.navigate(url("/work-items/" + id));
    assertThat(page.locator("#assignment-state")).hasText("OFFERED");
    assertThat(page.locator("button[data-action]")).hasCount(0);
    assertThat(page.getByText("Your role can look but not act.")).isVisible();

    // the same form an operator would send, with the session's CSRF token: refused all the same
    Object status =
        page.evaluate(
            "async (id) => { const token = document.querySelector('input[name=_csrf]').value;"
                + " const r = await fetch('/work-items/' + id + '/actions', {method: 'POST',"
                + " headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                + " body: new URLSearchParams({_csrf: token, action: 'accept'})});"
                + " return r.status; }",
            id);
    assertThat(status).isEqualTo(403);
    JsonNode item = acme.get("/api/v1/work-items/" + id).json();
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("OFFERED");
  }

  private Page signIn(String username) {
    Page page = context.newPage();
    page.navigate(url("/"));
    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));
    page.locator("#username").fill(username);
    page.locator("#password").fill(PASSWORD);
    page.locator("button[type=submit]").click();
    assertThat(page.locator(".who")).containsText(username);
    return page;
  }

  private String createItem(String title) {
    Api.Response created =
        acme.post(
            "/api/v1/work-items",
            "{\"title\":\""
                + title
                + "\",\"type\":\"bug\",\"priority\":\"P2\",\"skills\":[\"backend\"]}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asString();
  }

  /**
   * Waits (bounded) until every delivery to the refusing receiver is a dead letter; returns the id
   * of one.
   */
  private String awaitDeadLetter() {
    for (int i = 0; i < 200; i++) {
      JsonNode items = acme.get("/api/v1/deliveries?status=dead").json().get("items");
      JsonNode pending = acme.get("/api/v1/deliveries?status=pending").json().get("items");
      if (!items.isEmpty() && pending.isEmpty()) {
        return items.get(0).get("id").asString();
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

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }
}
