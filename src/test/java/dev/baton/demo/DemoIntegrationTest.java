package dev.baton.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.BatonApplication;
import dev.baton.platform.SecretBox;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.TestClock;
import dev.baton.testsupport.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code baton serve --demo} as a newcomer meets it, on a database of its own: the demo fills the
 * default tenant, the generator's signed deliveries become routed work items, Baton's Slack
 * messages and Jira comments land in the sandbox, the sandbox's Accept button accepts through the
 * Slack hook, and a second start on the same data duplicates nothing. The generator is ticked by
 * hand on a test clock (started at the real time, since the hooks check signed timestamps against
 * it); only the inbox worker and the dispatcher are waited for, by bounded polling.
 */
class DemoIntegrationTest {

  static final String DATABASE = "demo";
  static final String TOKEN = "bt_demo_integration_test_bootstrap_token";
  static final String MASTER_KEY = SecretBox.newKeysetJson();

  @Test
  void theDemoRoutesItsTrafficShowsItInTheSandboxAcceptsFromSlackAndRestartsCleanly()
      throws Exception {
    String database = TestDatabase.separate(DATABASE);
    int port = freePort();
    TestClock clock = new TestClock();
    clock.set(Instant.now(java.time.Clock.systemUTC()).truncatedTo(ChronoUnit.SECONDS));

    Map<String, Long> demoRows;
    try (ConfigurableApplicationContext demo = start(port, database, clock)) {
      Api api = new Api(port, TOKEN);
      JdbcClient jdbc = JdbcClient.create(demo.getBean(DataSource.class));
      assertThat(api.get("/api/v1/people").json().get("items")).hasSize(12);
      assertThat(api.get("/api/v1/teams").json().get("items")).hasSize(3);
      assertThat(count(jdbc, "console_users")).isEqualTo(1);

      DemoTraffic traffic = demo.getBean(DemoTraffic.class);
      for (int i = 0; i < DemoTraffic.SCENARIOS.size(); i++) {
        DemoTraffic.Tick tick = traffic.tick();
        assertThat(tick.status()).as("delivery of %s", tick.key()).isBetween(200, 202);
      }

      JsonNode items =
          poll(
              "eight routed demo items",
              () -> api.get("/api/v1/work-items?limit=50").json().get("items"),
              list -> list.size() == DemoTraffic.SCENARIOS.size());
      assertThat(sources(items)).containsOnly("github", "jira");
      for (JsonNode item : items) {
        JsonNode decision =
            api.get("/api/v1/work-items/" + item.get("id").asString() + "/decision").json();
        assertThat(decision.path("policy").path("name").asString("") + decision)
            .contains("demo-routing");
      }

      Sandbox sandbox = demo.getBean(Sandbox.class);
      poll(
          "Slack messages with Accept buttons and Jira comments in the sandbox",
          () -> sandbox,
          s ->
              !s.jiraIssues().stream().filter(i -> !i.comments().isEmpty()).toList().isEmpty()
                  && !s.offers().isEmpty()
                  && s.slackMessages().stream().anyMatch(m -> m.conversation().startsWith("#")));
      Sandbox.JiraIssueView commented =
          sandbox.jiraIssues().stream().filter(i -> !i.comments().isEmpty()).findFirst().get();
      assertThat(String.join(" ", commented.comments().get(0).lines()))
          .contains("Baton routed this issue to");
      assertThat(commented.assignee()).isNotEqualTo("Unassigned");

      SlackSandbox.Message offer = sandbox.offers().get(0);
      String itemId = offer.workItem().orElseThrow();
      assertThat(state(api, itemId)).isEqualTo("OFFERED");
      Sandbox.Pressed pressed = sandbox.press(offer.channel(), offer.ts(), "baton.accept");
      assertThat(pressed.sent()).as(pressed.message()).isTrue();
      poll("the accepted item", () -> state(api, itemId), "ACCEPTED"::equals);
      JsonNode trail = api.get("/api/v1/work-items/" + itemId + "/audit").json().get("items");
      JsonNode accepted = trail.get(0);
      for (JsonNode entry : trail) {
        if (entry.get("action").asString().equals("assignment.accepted")) {
          accepted = entry;
        }
      }
      assertThat(accepted.get("action").asString())
          .as("%s", trail)
          .isEqualTo("assignment.accepted");
      assertThat(accepted.get("source").asString()).isEqualTo("slack");
      assertThat(accepted.get("actor").get("type").asString()).isEqualTo("person");
      poll(
          "Baton's answer to the click",
          sandbox::replies,
          replies -> replies.stream().anyMatch(r -> r.startsWith("You accepted")));

      // Slack's per-conversation token bucket refills on the clock: tick it while waiting
      poll(
          "the DM updated without its Accept button",
          () -> {
            clock.advance(Duration.ofSeconds(1));
            return sandbox.offers();
          },
          offers -> offers.stream().noneMatch(o -> o.workItem().orElse("").equals(itemId)));

      // an hour later the simulated people have accepted the offers they take, through Slack
      clock.advance(Duration.ofHours(1));
      int before = count(jdbc, "audit_entries where action = 'assignment.accepted'");
      int acceptedBySimulation = traffic.acceptDueOffers();
      if (acceptedBySimulation > 0) {
        poll(
            "the simulated acceptances",
            () -> count(jdbc, "audit_entries where action = 'assignment.accepted'"),
            n -> n >= before + acceptedBySimulation);
      }
      demoRows = demoRows(jdbc);
    }

    try (ConfigurableApplicationContext again = start(port, database, clock)) {
      JdbcClient jdbc = JdbcClient.create(again.getBean(DataSource.class));
      assertThat(demoRows(jdbc)).isEqualTo(demoRows);
      DemoTraffic.Tick tick = again.getBean(DemoTraffic.class).tick();
      assertThat(tick.status()).isBetween(200, 202);
    }
  }

  private static ConfigurableApplicationContext start(int port, String database, TestClock clock) {
    return new SpringApplicationBuilder(BatonApplication.class)
        .initializers(c -> c.getBeanFactory().registerSingleton("testClock", clock))
        // arguments, not default properties: the demo is turned on only by a command-line argument
        .run(
            "--baton.demo.enabled=true",
            "--baton.demo.interval=PT0S",
            "--baton.demo.accept-after=PT5M",
            "--server.port=" + port,
            "--baton.database.url=" + TestDatabase.serverUrl() + database,
            "--baton.database.user=" + TestDatabase.get().user(),
            "--baton.master-key=" + MASTER_KEY,
            "--baton.bootstrap-token=" + TOKEN,
            "--baton.timers.run=false");
  }

  /** The rows the demo's configuration makes, which a second start must not add to. */
  private static Map<String, Long> demoRows(JdbcClient jdbc) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table :
        List.of(
            "people",
            "teams",
            "team_members",
            "queues",
            "schedules",
            "escalation_policies",
            "policy_versions",
            "integrations",
            "integration_secrets",
            "jira_connections",
            "console_users",
            "tenants",
            "api_tokens")) {
      rows.put(table, (long) count(jdbc, table));
    }
    return rows;
  }

  private static int count(JdbcClient jdbc, String tableAndWhere) {
    return jdbc.sql("select count(*) from " + tableAndWhere).query(Integer.class).single();
  }

  private static String state(Api api, String itemId) {
    return api.get("/api/v1/work-items/" + itemId).json().get("assignment").get("state").asString();
  }

  private static List<String> sources(JsonNode items) {
    List<String> sources = new java.util.ArrayList<>();
    items.forEach(i -> sources.add(i.get("source").get("system").asString()));
    return sources;
  }

  /** Asks until the answer passes, for at most 30 s: the inbox and the dispatcher work apart. */
  private static <T> T poll(String what, Supplier<T> ask, java.util.function.Predicate<T> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    T answer = ask.get();
    while (!done.test(answer)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 30 s for " + what + "; last: " + answer);
      }
      Thread.sleep(100);
      answer = ask.get();
    }
    return answer;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
