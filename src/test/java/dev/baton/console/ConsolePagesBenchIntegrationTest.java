package dev.baton.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.Actor;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.TestDatabase;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A measurement, not a gate: seeds 10,000 routed work items, signs in, and times each console page
 * (server time as the client sees it on loopback). Run on demand with {@code
 * -Dbaton.bench.console=true -Dit.test=ConsolePagesBenchIntegrationTest}; it writes {@code
 * target/console-bench.txt}.
 */
@EnabledIfSystemProperty(named = "baton.bench.console", matches = "true")
class ConsolePagesBenchIntegrationTest extends IntegrationTest {

  static final int ITEMS = 10_000;
  static final int ROUTED = 100;
  static final int BATCH = 50;
  static final int WARMUP = 5;
  static final int RUNS = 30;

  @Autowired ConsoleUsers users;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add(TestDatabase.DATABASE_PROPERTY, () -> TestDatabase.separate("console_bench"));
  }

  @Test
  void consolePagesWithTenThousandItems() throws Exception {
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", ConsoleBrowserIntegrationTest.SETUP);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    // most items are written straight to the tables (routing 10,000 through the API takes minutes
    // on a shared machine); the newest ROUTED ones go through the API, so they carry real decisions
    jdbc.sql(
            """
            insert into work_items (tenant_id, id, source_system, type, title, priority, labels,
              skills, attributes, status, created_at, updated_at)
            select 'acme', gen_random_uuid(), 'api', case when n % 3 = 0 then 'task' else 'bug' end,
              'Seeded item ' || n, 'P' || (1 + n % 5), '{}', array['backend'], '{}', 'open',
              now() - make_interval(secs => n), now() - make_interval(secs => n)
            from generate_series(1, :n) as n
            """)
        .param("n", ITEMS - ROUTED)
        .update();
    jdbc.sql(
            """
            insert into assignments (tenant_id, work_item_id, state, owner_type, owner_id, version,
              updated_at)
            select tenant_id, id,
              (array['OFFERED','QUEUED','ACCEPTED','IN_PROGRESS','CLOSED'])[1 + abs(hashtext(title)) % 5],
              'PERSON', (array['alice','bob'])[1 + abs(hashtext(title)) % 2], 1, now()
            from work_items where tenant_id = 'acme'
            """)
        .update();
    String someItem = null;
    for (int b = 0; b < ROUTED / BATCH; b++) {
      StringBuilder body = new StringBuilder("{\"items\":[");
      for (int i = 0; i < BATCH; i++) {
        body.append(i == 0 ? "" : ",")
            .append("{\"title\":\"Item ")
            .append(b * BATCH + i)
            .append("\",\"type\":\"")
            .append(i % 3 == 0 ? "task" : "bug")
            .append("\",\"priority\":\"P")
            .append(1 + i % 5)
            .append("\",\"skills\":[\"backend\"]}");
      }
      Api.Response created = acme.post("/api/v1/work-items/bulk", body.append("]}").toString());
      assertThat(created.status()).as("%s", created).isEqualTo(200);
      if (someItem == null) {
        someItem = created.json().get("results").get(0).get("item").get("id").asString();
      }
    }
    Api.Response schedule =
        acme.withHeader("Content-Type", "application/yaml")
            .send(
                "POST",
                "/api/v1/config/apply",
                """
                apiVersion: baton.dev/v1
                kind: Schedule
                metadata: { name: backend-oncall }
                spec:
                  timeZone: Europe/Berlin
                  rotations:
                    - { name: primary, type: daily, handoff: { time: "09:00" }, start: 2026-01-05,
                        participants: [alice, bob, carol] }
                """);
    assertThat(schedule.status()).as("%s", schedule).isEqualTo(200);
    Api.Response integration =
        acme.post(
            "/api/v1/integrations",
            "{\"provider\":\"github\",\"name\":\"gh\",\"secrets\":[\"bench-secret\"]}");
    assertThat(integration.status()).as("%s", integration).isEqualTo(201);
    String integrationId = integration.json().get("id").asString();
    users.create("acme", "bench", "admin", null, "bench-password-1", Actor.system("test"), "test");
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    signIn(http);
    List<String> pages =
        List.of(
            "/",
            "/work-items",
            "/work-items/rows",
            "/work-items?state=OFFERED&priority=P2",
            "/work-items?team=backend",
            "/work-items?text=Item%209999",
            "/work-items/" + someItem,
            "/deliveries",
            "/policies",
            "/roster",
            "/audit",
            "/integrations",
            "/integrations/" + integrationId,
            "/policies/engineering/diff",
            "/roster/calendar",
            "/roster/fairness");
    List<String> lines = new ArrayList<>();
    lines.add("console pages, " + ITEMS + " work items, " + RUNS + " runs each (ms)");
    lines.add(String.format("%-40s %8s %8s %8s", "page", "median", "p95", "max"));
    for (String page : pages) {
      for (int i = 0; i < WARMUP; i++) {
        get(http, page);
      }
      double[] ms = new double[RUNS];
      for (int i = 0; i < RUNS; i++) {
        long start = System.nanoTime();
        get(http, page);
        ms[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(ms);
      lines.add(
          String.format(
              java.util.Locale.ROOT,
              "%-40s %8.1f %8.1f %8.1f",
              page.length() > 40 ? page.substring(0, 40) : page,
              ms[RUNS / 2],
              ms[(int) Math.ceil(RUNS * 0.95) - 1],
              ms[RUNS - 1]));
    }
    Files.write(Path.of("target", "console-bench.txt"), lines);
    lines.forEach(System.out::println);
  }

  private void signIn(HttpClient http) throws IOException, InterruptedException {
    String login = get(http, "/login");
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
    assertThat(csrf.find()).isTrue();
    String form =
        "username=bench&password=bench-password-1&_csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.body()).contains("Sign out");
  }

  private String get(HttpClient http, String path) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path).isEqualTo(200);
    return answer.body();
  }
}
