package dev.baton.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Makes a tenant ready for the load, through the API: a roster of people with Slack and Jira
 * identities in one team, a live policy that routes GitHub and Jira items to the team, GitHub, Jira
 * and Slack integrations (the Jira one connected to the receiver's Jira site, the Slack one with a
 * bot token, so Baton DMs whoever it offers work to) and a subscription of the receiver to every
 * event.
 */
final class LoadSetup {

  static final int PEOPLE = 20;
  static final String WEBHOOK_SECRET = "whsec_" + "TG9hZEJlbmNoV2ViaG9va1NlY3JldDIwMjY=";

  /** What the load goes to. */
  record Target(
      UUID github,
      String githubSecret,
      UUID jira,
      String jiraSecret,
      UUID slack,
      String slackSecret,
      UUID subscription,
      Instant startedAt) {}

  private LoadSetup() {}

  static Target apply(BatonClient baton, LoadReceiver receiver) throws Exception {
    Instant startedAt = BenchClock.now();
    baton.send("POST", "/api/v1/config/apply", rosterAndPolicy(), "application/yaml", 200);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String githubSecret = "load-github-" + UUID.randomUUID();
    String jiraSecret = "load-jira-" + UUID.randomUUID();
    String slackSecret = UUID.randomUUID().toString().replace("-", "");
    UUID github =
        integration(
            baton,
            "{\"provider\":\"github\",\"name\":\"load-github-"
                + tag
                + "\",\"secrets\":[\""
                + githubSecret
                + "\"]}");
    UUID jira =
        integration(
            baton,
            "{\"provider\":\"jira\",\"name\":\"load-jira-"
                + tag
                + "\",\"secrets\":[\""
                + jiraSecret
                + "\"]}");
    baton.send(
        "PUT",
        "/api/v1/integrations/" + jira + "/jira-connection",
        "{\"baseUrl\":\""
            + receiver.jiraUrl()
            + "\",\"auth\":{\"email\":\"load-bench@bench.example\",\"apiToken\":\"load-bench\"}}",
        "application/json",
        200,
        201);
    UUID slack =
        integration(
            baton,
            "{\"provider\":\"slack\",\"name\":\"load-slack-"
                + tag
                + "\",\"secrets\":[\""
                + slackSecret
                + "\"],\"botToken\":\"xoxb-0000-1111-loadbench\"}");
    JsonNode subscription =
        baton.post(
            "/api/v1/subscriptions",
            "{\"url\":\""
                + receiver.webhookUrl()
                + "\",\"events\":[\"*\"],\"secret\":\""
                + WEBHOOK_SECRET
                + "\"}");
    return new Target(
        github,
        githubSecret,
        jira,
        jiraSecret,
        slack,
        slackSecret,
        UUID.fromString(subscription.get("id").asString()),
        startedAt);
  }

  private static UUID integration(BatonClient baton, String body) throws Exception {
    return UUID.fromString(baton.post("/api/v1/integrations", body).get("id").asString());
  }

  static String slackUser(int i) {
    return "U0LOAD%04d".formatted(i);
  }

  static String rosterAndPolicy() {
    StringBuilder yaml = new StringBuilder();
    List<String> members = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      yaml.append("apiVersion: baton.dev/v1\nkind: Person\nmetadata: { name: load-bench-")
          .append(i)
          .append(" }\nspec:\n  displayName: Load bench ")
          .append(i)
          .append(
              "\n  identities: { jira: 5b10ac8d82e05b22cc7d%04d, slack: %s }\n---\n"
                  .formatted(i, slackUser(i)));
      members.add("load-bench-" + i);
    }
    yaml.append("apiVersion: baton.dev/v1\nkind: Team\nmetadata: { name: load-bench }\n")
        .append("spec: { members: [")
        .append(String.join(", ", members))
        .append("] }\n---\n")
        .append("apiVersion: baton.dev/v1\nkind: RoutingPolicy\nmetadata: { name: load-bench }\n")
        .append("spec:\n  rules:\n")
        .append("    - name: load-github\n      when: item.source.system == \"github\"\n")
        .append("      assign: { team: load-bench, strategy: least-loaded }\n")
        .append("    - name: load-jira\n      when: item.source.system == \"jira\"\n")
        .append("      assign: { team: load-bench, strategy: least-loaded }\n");
    return yaml.toString();
  }
}
