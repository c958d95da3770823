package dev.baton.tenant;

import dev.baton.platform.Actor;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * On the first start against an empty database, creates the {@code default} tenant and its admin
 * token. {@code BATON_BOOTSTRAP_TOKEN} fixes the token's value; otherwise the drawn value is
 * printed once, here, and never again.
 */
@Component
@EnableConfigurationProperties(TenantBootstrap.Properties.class)
class TenantBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(TenantBootstrap.class);

  /**
   * First-start settings.
   *
   * @param bootstrapToken value of the first admin token ({@code BATON_BOOTSTRAP_TOKEN})
   */
  @ConfigurationProperties("baton")
  record Properties(@Nullable String bootstrapToken) {}

  private final Tenants tenants;
  private final Properties properties;

  TenantBootstrap(Tenants tenants, Properties properties) {
    this.tenants = tenants;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (tenants.any()) {
      return;
    }
    String fixed = properties.bootstrapToken();
    if (fixed != null && fixed.isBlank()) {
      fixed = null;
    }
    Tenants.Created created;
    try {
      created =
          tenants.create(
              Tenants.DEFAULT,
              "Default tenant",
              List.of(Scopes.ADMIN, Scopes.TENANTS_ADMIN),
              Actor.system("bootstrap"),
              "system",
              fixed);
    } catch (dev.baton.platform.BatonException.Conflict raced) {
      return; // another node bootstrapped first
    }
    if (fixed == null) {
      String banner =
          """

          ============================================================================
           Baton created the 'default' tenant and its admin API token (shown once):

             %s

           Use it as:  Authorization: Bearer <token>
          ============================================================================
          """
              .formatted(created.adminToken().value());
      System.out.println(banner);
    } else {
      log.info("Created the 'default' tenant with the admin token from BATON_BOOTSTRAP_TOKEN");
    }
  }
}
