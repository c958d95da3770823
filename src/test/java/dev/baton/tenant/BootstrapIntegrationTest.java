package dev.baton.tenant;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import dev.baton.testsupport.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = "baton.bootstrap-token=" + BootstrapIntegrationTest.FIXED_TOKEN)
class BootstrapIntegrationTest extends IntegrationTest {

  static final String FIXED_TOKEN = "bt_fixed_bootstrap_value_for_tests";

  @Autowired TenantBootstrap bootstrap;

  private Api bootstrapAdmin;

  /** A first start: an empty database, then the bootstrap as the application runs it. */
  @BeforeEach
  void firstStartOnAnEmptyDatabase() {
    TestDatabase.clean(jdbc);
    assertThat(tenants.any()).isFalse();
    bootstrap.run(new DefaultApplicationArguments());
    bootstrapAdmin = api(FIXED_TOKEN);
  }

  @Test
  void theFixedTokenAdministersTheDefaultTenant() {
    assertThat(tenants.list()).extracting(Tenants.Tenant::id).containsExactly("default");

    Api.Response items = bootstrapAdmin.get("/api/v1/work-items");
    assertThat(items.status()).as("%s", items).isEqualTo(200);
    assertThat(items.json().get("items")).isEmpty();
    Api.Response created =
        bootstrapAdmin.post(
            "/api/v1/work-items", "{\"title\":\"First\",\"type\":\"bug\",\"priority\":\"P3\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(jdbc.sql("select tenant_id from work_items").query(String.class).single())
        .isEqualTo("default");
  }

  @Test
  void theFixedTokenCreatesTenantsWhoseAdminTokensWork() {
    Api.Response created =
        bootstrapAdmin.post("/api/v1/tenants", "{\"id\":\"initech\",\"name\":\"Initech\"}");

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.get("tenant").get("id").asString()).isEqualTo("initech");
    Api initech = api(body.get("adminToken").get("token").asString());
    assertThat(initech.post("/api/v1/people", "{\"id\":\"peter\",\"name\":\"Peter\"}").status())
        .isEqualTo(201);
    assertThat(bootstrapAdmin.get("/api/v1/people").json().get("items")).isEmpty();
    assertProblem(initech.post("/api/v1/tenants", "{\"id\":\"initrode\"}"), 403);
    assertProblem(bootstrapAdmin.post("/api/v1/tenants", "{\"id\":\"initech\"}"), 409);
  }

  @Test
  void runningTheBootstrapAgainCreatesNothing() {
    Map<String, Long> before = RowCounts.of(jdbc);

    bootstrap.run(new DefaultApplicationArguments());

    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    assertThat(bootstrapAdmin.get("/api/v1/work-items").status()).isEqualTo(200);
  }

  @Test
  void theBootstrapIsAuditedInTheDefaultTenantsChain() {
    JsonNode entries = bootstrapAdmin.get("/api/v1/audit").json().get("items");

    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).get("action").asString()).isEqualTo("tenant.created");
    assertThat(entries.get(1).get("action").asString()).isEqualTo("api-token.created");
    assertThat(entries.get(0).get("actor").get("type").asString()).isEqualTo("system");
    assertThat(entries.get(0).get("actor").get("id").asString()).isEqualTo("bootstrap");
    assertThat(bootstrapAdmin.get("/api/v1/audit").body()).doesNotContain(FIXED_TOKEN);
    assertThat(bootstrapAdmin.get("/api/v1/audit/verify").json().get("intact").asBoolean())
        .isTrue();
  }
}
