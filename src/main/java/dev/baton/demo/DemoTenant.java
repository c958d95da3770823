package dev.baton.demo;

import dev.baton.config.ConfigApplier;
import dev.baton.delivery.jira.JiraSiteConnections;
import dev.baton.platform.Actor;
import dev.baton.platform.Caller;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.tenant.Scopes;
import dev.baton.tenant.Tenants;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@code default} tenant for the demo, idempotently: the people, teams, schedules,
 * policies and integrations of {@code demo/tenant.yaml} through configuration as code (unchanged
 * documents write nothing), the Jira integration's connection to the sandbox, and, while the tenant
 * has no console user, the console user {@code admin} with a drawn password, logged once.
 */
final class DemoTenant {

  private static final Logger log = LoggerFactory.getLogger(DemoTenant.class);

  /** The scopes applying the demo's configuration needs; the caller is the demo, not a token. */
  private static final Set<String> SCOPES =
      Set.of(
          Scopes.ROSTER_READ,
          Scopes.ROSTER_WRITE,
          Scopes.POLICIES_READ,
          Scopes.POLICIES_WRITE,
          Scopes.INTEGRATIONS_READ,
          Scopes.INTEGRATIONS_WRITE);

  private final ConfigApplier applier;
  private final JiraSiteConnections jira;
  private final ConsoleUsers users;
  private final Tenants tenants;
  private final DemoPeople people;
  private final DemoHooks hooks;
  private final String baseUrl;

  DemoTenant(
      ConfigApplier applier,
      JiraSiteConnections jira,
      ConsoleUsers users,
      Tenants tenants,
      DemoPeople people,
      DemoHooks hooks,
      String baseUrl) {
    this.applier = applier;
    this.jira = jira;
    this.users = users;
    this.tenants = tenants;
    this.people = people;
    this.hooks = hooks;
    this.baseUrl = baseUrl;
  }

  void fill() {
    if (!tenants.exists(Tenants.DEFAULT)) {
      throw new IllegalStateException(
          "the demo fills the 'default' tenant, which this database does not have: start the demo"
              + " with a fresh --data-dir");
    }
    Caller demo = new Caller(Tenants.DEFAULT, "demo", SCOPES, null, false);
    ConfigApplier.Applied applied = applier.apply(demo, people.yaml(), false);
    long changed = applied.results().stream().filter(r -> !r.outcome().equals("unchanged")).count();
    jira.connect(
        Tenants.DEFAULT,
        hooks.integration(DemoHooks.JIRA).toString(),
        baseUrl + DemoEnvironment.JIRA_PATH,
        JiraSandbox.EMAIL,
        JiraSandbox.API_TOKEN,
        JiraSandbox.ACCOUNT_ID,
        Actor.system("demo"),
        "demo");
    log.info(
        "Demo: the 'default' tenant holds the demo's configuration ({} documents, {} changed)",
        applied.results().size(),
        changed);
    if (!users.any(Tenants.DEFAULT)) {
      ConsoleUsers.Created admin =
          users.create(Tenants.DEFAULT, "admin", "admin", null, null, Actor.system("demo"), "demo");
      log.warn(
          """

          ============================================================================
           Baton demo: sign in at {}/ as 'admin' with the password (shown once):

             {}

           The sandbox (what Baton sent to Slack and Jira): {}/sandbox
          ============================================================================""",
          baseUrl,
          admin.password(),
          baseUrl);
    } else {
      log.info(
          "Demo: open {}/ and sign in; the sandbox of Slack and Jira is {}/sandbox",
          baseUrl,
          baseUrl);
    }
  }
}
