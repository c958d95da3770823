package dev.baton.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

class DemoEnvironmentTest {

  private final DemoEnvironment demo = new DemoEnvironment();

  @Test
  void withoutTheFlagNothingChanges() {
    StandardEnvironment env = new StandardEnvironment();
    demo.postProcessEnvironment(env, new SpringApplication());
    assertThat(env.getPropertySources().contains(DemoEnvironment.SOURCE)).isFalse();
    assertThat(env.getProperty("baton.slack.api-url")).isNull();
  }

  @Test
  void theDemoIsRefusedWhenItsPropertyComesFromAnywhereButTheCommandLine() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(new MapPropertySource("env", Map.of(DemoEnvironment.ENABLED, "true")));
    assertThatThrownBy(() -> demo.postProcessEnvironment(env, new SpringApplication()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("baton serve --demo");
  }

  @Test
  void theFlagPointsSlackAndJiraAtTheSandboxOnBatonsOwnPortOnLoopback() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(
            new SimpleCommandLinePropertySource("--baton.demo.enabled=true", "--server.port=9090"));
    demo.postProcessEnvironment(env, new SpringApplication());
    assertThat(env.getProperty("baton.slack.api-url"))
        .isEqualTo("http://127.0.0.1:9090/sandbox/slack/api");
    assertThat(env.getProperty("baton.demo.base-url")).isEqualTo("http://127.0.0.1:9090");
    assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
    assertThat(env.getProperty("baton.jira.allow-loopback-http")).isEqualTo("true");
    assertThat(env.getProperty("baton.reconcile.enabled")).isEqualTo("false");
  }

  @Test
  void aRandomPortIsRefusedBecauseTheSandboxIsReachedThroughIt() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(
            new SimpleCommandLinePropertySource("--baton.demo.enabled=true", "--server.port=0"));
    assertThatThrownBy(() -> demo.postProcessEnvironment(env, new SpringApplication()))
        .hasMessageContaining("fixed server.port");
  }
}
