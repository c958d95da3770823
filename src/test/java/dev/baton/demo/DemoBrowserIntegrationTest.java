package dev.baton.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.BatonApplication;
import dev.baton.platform.SecretBox;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo in a real Chromium (Debian's, driven by Playwright, skipped without it like the
 * console's browser tests): an admin signs in, watches a demo item arrive in the work items list,
 * opens its decision, and presses Accept on its Slack message in the sandbox. Screenshots go to
 * {@code target/screenshots/} ({@code demo-sandbox.png} is the one in {@code docs/images/}).
 */
class DemoBrowserIntegrationTest {

  static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  static final String PASSWORD = "demo-browser-password";
  static final String TOKEN = "bt_demo_browser_test_bootstrap_token";
  static final LocatorAssertions.IsVisibleOptions LIVE =
      new LocatorAssertions.IsVisibleOptions().setTimeout(20_000);

  static Playwright playwright;
  static Browser browser;
  static ConfigurableApplicationContext demo;
  static int port;

  @BeforeAll
  static void startDemoAndChromium() throws IOException {
    Path executable = chromium();
    port = freePort();
    demo =
        new SpringApplicationBuilder(BatonApplication.class)
            .run(
                "--baton.demo.enabled=true",
                "--baton.demo.interval=PT0S",
                "--baton.demo.accept-after=PT1H",
                "--server.port=" + port,
                "--baton.database.url="
                    + TestDatabase.serverUrl()
                    + TestDatabase.separate("demo_browser"),
                "--baton.database.user=" + TestDatabase.get().user(),
                "--baton.master-key=" + SecretBox.newKeysetJson(),
                "--baton.bootstrap-token=" + TOKEN,
                "--baton.admin-password=" + PASSWORD,
                "--baton.delivery.poll-interval=50ms",
                "--baton.inbox.poll-interval=50ms");
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
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void aNewcomerWatchesDemoWorkArriveReadsWhyAndAcceptsItInTheSandbox() {
    DemoTraffic traffic = demo.getBean(DemoTraffic.class);
    try (BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
      Page page = context.newPage();
      page.navigate(url("/"));
      page.locator("#username").fill("admin");
      page.locator("#password").fill(PASSWORD);
      page.locator("button[type=submit]").click();
      assertThat(page.locator(".who")).containsText("admin");
      assertThat(page.getByRole(AriaRole.LINK).getByText("Sandbox")).isVisible();

      page.navigate(url("/work-items"));
      DemoTraffic.Tick first = traffic.tick();
      assertThat(first.status()).isBetween(200, 202);
      Locator row = page.getByRole(AriaRole.LINK).getByText(first.scenario().title());
      assertThat(row).isVisible(LIVE); // arrived through htmx polling, no reload
      for (int i = 1; i < 4; i++) {
        traffic.tick();
      }
      screenshot(page, "demo-work-items");

      row.click();
      assertThat(page.locator("#assignment-state")).hasText("OFFERED", textTimeout());
      assertThat(page.locator("p.why")).not().isEmpty();
      assertThat(page.locator("body")).containsText("payments-to-payments-team");
      String itemUrl = page.url();
      screenshot(page, "demo-work-item");

      page.navigate(url("/sandbox"));
      Locator dm =
          page.locator(
                  "article.slack-message",
                  new Page.LocatorOptions().setHasText(first.scenario().title()))
              .filter(new Locator.FilterOptions().setHasText("DM with"));
      assertThat(dm.first()).isVisible(LIVE);
      assertThat(page.locator("article.jira-issue").first()).isVisible(LIVE);
      assertThat(page.locator("article.jira-issue").first()).containsText("Baton routed");
      screenshot(page, "demo-sandbox");

      dm.first()
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Accept"))
          .click();
      assertThat(page.locator(".notice")).containsText("Accept pressed as");

      page.navigate(itemUrl);
      assertThat(page.locator("#assignment-state")).hasText("ACCEPTED", textTimeout());
      assertThat(page.locator(".timeline")).containsText("slack");
      Api api = new Api(port, TOKEN);
      String id = itemUrl.substring(itemUrl.lastIndexOf('/') + 1);
      assertThat(
              api.get("/api/v1/work-items/" + id).json().get("assignment").get("state").asString())
          .isEqualTo("ACCEPTED");
      page.navigate(url("/sandbox"));
      assertThat(page.locator("body")).containsText("You accepted");
      screenshot(page, "demo-sandbox-accepted");
    }
  }

  private static LocatorAssertions.HasTextOptions textTimeout() {
    return new LocatorAssertions.HasTextOptions().setTimeout(20_000);
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }

  /** Debian's Chromium, as {@code ConsoleBrowserIntegrationTest} finds it (and skips without). */
  static Path chromium() {
    String configured = System.getenv("BATON_CHROMIUM");
    Path path =
        Paths.get(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
    if (!Files.isExecutable(path)) {
      String missing =
          "no Chromium at "
              + path
              + " (install Debian's chromium package, or set BATON_CHROMIUM): browser tests skipped";
      if ("1".equals(System.getenv("BATON_REQUIRE_BROWSER"))) {
        throw new IllegalStateException(
            missing.replace("skipped", "required by BATON_REQUIRE_BROWSER"));
      }
      Assumptions.abort(missing);
    }
    return path;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
