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
 * printed once, here, and never again. With {@code BATON_ADMIN_PASSWORD} set and no console user in
 * the {@code default} tenant yet, it also creates the console user {@code admin} with that
 * password.
 */
@Component
@EnableConfigurationProperties(TenantBootstrap.Properties.class)
class TenantBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(TenantBootstrap.class);

  /**
   * First-start settings.
   *
   * @param bootstrapToken value of the first admin token ({@code BATON_BOOTSTRAP_TOKEN})
   * @param adminPassword password of the first console admin, {@code admin} ({@code
   *     BATON_ADMIN_PASSWORD}); used only while the default tenant has no console user
   */
  @ConfigurationProperties("baton")
  record Properties(@Nullable String bootstrapToken, @Nullable String adminPassword) {}

  private final Tenants tenants;
  private final ConsoleUsers users;
  private final Properties properties;

  TenantBootstrap(Tenants tenants, ConsoleUsers users, Properties properties) {
    this.tenants = tenants;
    this.users = users;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    createDefaultTenant();
    createConsoleAdmin();
  }

  private void createConsoleAdmin() {
    String password = properties.adminPassword();
    if (password == null
        || password.isBlank()
        || !tenants.exists(Tenants.DEFAULT)
        || users.any(Tenants.DEFAULT)) {
      return;
    }
    try {
      users.create(
          Tenants.DEFAULT, "admin", "admin", null, password, Actor.system("bootstrap"), "system");
      log.info("Created the console user 'admin' with the password from BATON_ADMIN_PASSWORD");
    } catch (dev.baton.platform.BatonException.Conflict raced) {
      // another node created it first
    }
  }

  private void createDefaultTenant() {
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
