package dev.baton.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Turns the demo on only when {@code baton.demo.enabled=true} came as a command-line argument,
 * which is what {@code baton serve --demo} passes: from the environment, a file or a system
 * property it refuses to start, so a deployment cannot switch the sandbox on by a stray setting.
 * With the demo on it points Baton's Slack Web API and Jira connection at the sandbox on Baton's
 * own port, allows plain http to loopback for the Jira connection (only then), listens on loopback
 * unless an address was given, and turns scheduled Jira reconciliation off (the sandbox has no
 * issue search).
 */
public final class DemoEnvironment implements EnvironmentPostProcessor {

  /** The property {@code --demo} sets. */
  public static final String ENABLED = "baton.demo.enabled";

  static final String SOURCE = "batonDemo";
  static final String SLACK_PATH = "/sandbox/slack/api";
  static final String JIRA_PATH = "/sandbox/jira";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    if (!environment.getProperty(ENABLED, Boolean.class, false)) {
      return;
    }
    PropertySource<?> args = environment.getPropertySources().get("commandLineArgs");
    if (args == null || !"true".equals(String.valueOf(args.getProperty(ENABLED)))) {
      throw new IllegalStateException(
          ENABLED
              + " is set only by 'baton serve --demo' (a command-line argument); remove it from"
              + " the environment or configuration files");
    }
    int port = environment.getProperty("server.port", Integer.class, 8080);
    if (port <= 0) {
      throw new IllegalStateException(
          "the demo needs a fixed server.port: its sandbox is reached at Baton's own port");
    }
    Map<String, Object> demo = new LinkedHashMap<>();
    String address = environment.getProperty("server.address");
    String host = "127.0.0.1";
    if (address == null || address.isBlank()) {
      demo.put("server.address", host);
    } else if (!address.equals("0.0.0.0") && !address.equals("::")) {
      host = address.contains(":") ? "[" + address + "]" : address;
    }
    String base = "http://" + host + ":" + port;
    demo.put("baton.slack.api-url", base + SLACK_PATH);
    demo.put("baton.demo.base-url", base);
    demo.put("baton.jira.allow-loopback-http", "true");
    demo.put("baton.reconcile.enabled", "false");
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, demo));
  }
}
