package dev.baton.testsupport;

import dev.baton.platform.Actor;
import dev.baton.tenant.Scopes;
import dev.baton.tenant.Tenants;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that boot Baton on a random loopback port against the test run's embedded
 * PostgreSQL. Each test starts from an empty database with two tenants, {@code acme} and {@code
 * globex}, each with an admin token.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      // fake decision functions are plain-http servers on loopback started by the tests
      "baton.functions.allow-loopback-http=true",
      // scheduled reconciliation would call the fake Jira sites of other tests; tests run it by
      // hand
      "baton.reconcile.enabled=false"
    })
public abstract class IntegrationTest {

  /** One master keyset per test run, so no test writes a key file into the project. */
  private static final String MASTER_KEY = dev.baton.platform.SecretBox.newKeysetJson();

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected Tenants tenants;

  /** An admin of tenant {@code acme}. */
  protected Api acme;

  /** An admin of tenant {@code globex}, to show isolation. */
  protected Api globex;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    // a test class may name another database of the same server with baton.test.database
    registry.add(
        "baton.database.url",
        () -> TestDatabase.serverUrl() + "${" + TestDatabase.DATABASE_PROPERTY + ":postgres}");
    registry.add("baton.database.user", () -> TestDatabase.get().user());
    registry.add("baton.master-key", () -> MASTER_KEY);
  }

  @BeforeEach
  void cleanDatabase() {
    TestDatabase.clean(jdbc);
    acme = api(tenant("acme"));
    globex = api(tenant("globex"));
  }

  /** Creates a tenant and returns its admin token's value. */
  protected String tenant(String id) {
    return tenants
        .create(id, id, List.of(Scopes.ADMIN), Actor.system("test"), "test", null)
        .adminToken()
        .value();
  }

  protected Api api(String token) {
    return new Api(port, token);
  }

  /** An API client whose token has only the given scopes, in tenant {@code acme}. */
  protected Api acmeWith(String... scopes) {
    var created =
        acme.post("/api/v1/tokens", "{\"name\":\"limited\",\"scopes\":[" + quoted(scopes) + "]}");
    if (created.status() != 201) {
      throw new IllegalStateException("could not create a token: " + created);
    }
    return api(created.json().get("token").asString());
  }

  private static String quoted(String... values) {
    return String.join(",", java.util.Arrays.stream(values).map(v -> "\"" + v + "\"").toList());
  }
}
