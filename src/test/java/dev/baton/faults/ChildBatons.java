package dev.baton.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.BatonProcess;
import dev.baton.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What the crash and two-node tests share: a database of their own on the test run's embedded
 * PostgreSQL, the settings of each Baton child process, and the tenant's configuration (a roster, a
 * live policy, a GitHub integration and a webhook subscription to the test's loopback receiver).
 */
final class ChildBatons {

  /** The child processes' settings that make a crash cheap to wait out. */
  static final List<String> FAST_RECOVERY =
      List.of(
          // a killed node's leased deliveries are claimed again after this
          "baton.delivery.lease-time=8s",
          "baton.webhooks.connect-timeout=2s",
          "baton.webhooks.request-timeout=3s",
          "baton.delivery.poll-interval=500ms",
          "baton.inbox.poll-interval=500ms",
          "baton.reconcile.enabled=false",
          "baton.database.pool-size=8",
          "logging.level.root=INFO");

  final String database;
  final String token = "bt_child_" + UUID.randomUUID().toString().replace("-", "");
  final JdbcClient jdbc;
  private final String masterKey = dev.baton.platform.SecretBox.newKeysetJson();
  private final Path logDir;

  ChildBatons(String database, String logFolder) {
    this.database = database;
    fresh(database);
    this.jdbc =
        JdbcClient.create(new DriverManagerDataSource(url(), TestDatabase.get().user(), ""));
    Path project = Path.of(System.getProperty("baton.project.dir", "."));
    this.logDir = project.resolve("target").resolve(logFolder).toAbsolutePath();
    // a run's logs only: an earlier run may have had more starts
    try (var old = java.nio.file.Files.list(logDir())) {
      for (Path file : old.filter(f -> f.toString().endsWith(".log")).toList()) {
        java.nio.file.Files.delete(file);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A node on this database; every node gets the same master key and bootstrap token. */
  BatonProcess node(String name, List<String> moreProperties) {
    List<String> properties = new ArrayList<>(FAST_RECOVERY);
    properties.addAll(moreProperties);
    return new BatonProcess(
        name,
        logDir,
        Map.of(
            "BATON_DATABASE_URL",
            url(),
            "BATON_DATABASE_USER",
            TestDatabase.get().user(),
            "BATON_DATABASE_PASSWORD",
            "",
            "BATON_BOOTSTRAP_TOKEN",
            token,
            "BATON_MASTER_KEY",
            masterKey,
            "BATON_DATA_DIR",
            logDir.resolve("data-" + name).toString(),
            "BATON_OUTBOUND_ALLOWLIST",
            "127.0.0.1/32"),
        properties);
  }

  /** The GitHub integration's hook path and its secret. */
  record Hook(String path, String secret) {}

  /**
   * Applies {@code yaml} (roster and policy), creates a GitHub integration and subscribes {@code
   * receiver} to every event.
   */
  static Hook configure(Api api, String yaml, String receiver) {
    Api.Response applied =
        api.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", yaml);
    assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
    String secret = "crash-" + UUID.randomUUID();
    Api.Response integration =
        api.post(
            "/api/v1/integrations",
            "{\"provider\":\"github\",\"name\":\"crash-github\",\"secrets\":[\"" + secret + "\"]}");
    assertThat(integration.status()).as(integration.toString()).isEqualTo(201);
    Api.Response subscription =
        api.post("/api/v1/subscriptions", "{\"url\":\"" + receiver + "\",\"events\":[\"*\"]}");
    assertThat(subscription.status()).as(subscription.toString()).isEqualTo(201);
    return new Hook("/hooks/" + integration.json().get("id").asString(), secret);
  }

  /** A roster of {@code people} in team {@code crash}, and a live policy sending GitHub to it. */
  static String rosterAndPolicy(int people, String ruleExtras) {
    StringBuilder yaml = new StringBuilder();
    List<String> members = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      yaml.append(
          "apiVersion: baton.dev/v1\nkind: Person\nmetadata: { name: crash-%d }\n".formatted(i)
              + "spec: { displayName: Crash %d }\n---\n".formatted(i));
      members.add("crash-" + i);
    }
    return yaml.append("apiVersion: baton.dev/v1\nkind: Team\nmetadata: { name: crash }\n")
        .append("spec: { members: [")
        .append(String.join(", ", members))
        .append("] }\n---\n")
        .append("apiVersion: baton.dev/v1\nkind: RoutingPolicy\nmetadata: { name: crash }\n")
        .append("spec:\n  rules:\n    - name: github\n")
        .append("      when: item.source.system == \"github\"\n")
        .append("      assign: { team: crash, strategy: least-loaded }\n")
        .append(ruleExtras)
        .toString();
  }

  /** Polls {@code done} every half second until it holds or {@code limit} passes. */
  static boolean await(Duration limit, BooleanSupplier done) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      BatonProcess.pause(Duration.ofMillis(500));
    }
    return done.getAsBoolean();
  }

  /** Where the nodes' output and the report go ({@code target/<folder>}). */
  Path logDir() {
    try {
      return java.nio.file.Files.createDirectories(logDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String url() {
    return TestDatabase.serverUrl() + database;
  }

  /** Drops and creates the database, so a run starts empty. */
  private static void fresh(String name) {
    var server = TestDatabase.get();
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(server.jdbcUrl(), server.user(), "");
        java.sql.Statement s = c.createStatement()) {
      s.execute("drop database if exists " + name + " with (force)");
      s.execute("create database " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
  }
}
