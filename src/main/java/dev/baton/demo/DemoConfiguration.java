package dev.baton.demo;

import dev.baton.config.ConfigApplier;
import dev.baton.delivery.jira.JiraSiteConnections;
import dev.baton.ingest.Integrations;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.tenant.Tenants;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's beans, only with {@code baton.demo.enabled=true} (which only {@code baton serve
 * --demo} sets, see {@link DemoEnvironment}). Once Baton is ready (its port open) it fills the
 * tenant and starts the traffic.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = DemoEnvironment.ENABLED, havingValue = "true")
@ConditionalOnWebApplication
@EnableConfigurationProperties(DemoProperties.class)
class DemoConfiguration {

  @Bean
  DemoPeople demoPeople() {
    return DemoPeople.load();
  }

  @Bean
  SlackSandbox slackSandbox(JsonMapper json, Clock clock) {
    return new SlackSandbox(json, clock);
  }

  @Bean
  JiraSandbox jiraSandbox(JsonMapper json, Clock clock) {
    return new JiraSandbox(json, clock);
  }

  @Bean
  DemoHooks demoHooks(Integrations integrations, DemoProperties properties, Clock clock) {
    return new DemoHooks(integrations, properties.base(), clock);
  }

  @Bean
  Sandbox sandbox(
      SlackSandbox slack,
      JiraSandbox jira,
      DemoPeople people,
      DemoHooks hooks,
      JsonMapper json,
      Clock clock) {
    return new Sandbox(slack, jira, people, hooks, json, clock);
  }

  @Bean
  DemoTenant demoTenant(
      ConfigApplier applier,
      JiraSiteConnections jira,
      ConsoleUsers users,
      Tenants tenants,
      DemoPeople people,
      DemoHooks hooks,
      DemoProperties properties) {
    return new DemoTenant(applier, jira, users, tenants, people, hooks, properties.base());
  }

  @Bean(destroyMethod = "stop")
  DemoTraffic demoTraffic(
      DemoHooks hooks, Sandbox sandbox, JsonMapper json, Clock clock, DemoProperties properties) {
    return new DemoTraffic(hooks, sandbox, json, clock, properties.acceptDelay());
  }

  @Bean
  DemoStart demoStart(DemoTenant tenant, DemoTraffic traffic, DemoProperties properties) {
    return new DemoStart(tenant, traffic, properties);
  }

  /** Fills the tenant and starts the traffic once the server answers on its port. */
  static final class DemoStart {
    private final DemoTenant tenant;
    private final DemoTraffic traffic;
    private final DemoProperties properties;

    DemoStart(DemoTenant tenant, DemoTraffic traffic, DemoProperties properties) {
      this.tenant = tenant;
      this.traffic = traffic;
      this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
      tenant.fill();
      traffic.start(properties.every());
    }
  }
}
