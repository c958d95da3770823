package dev.baton.workitem.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ingest.Parsers;
import dev.baton.ingest.Provider;
import dev.baton.ingest.SourceEvent;
import dev.baton.ingest.VendorFixtures;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The mapping function on real vendor payloads: each provider's defaults, then custom tables. */
class MapSourceEventTest {

  static SourceEvent parse(String provider, @Nullable String header, JsonNode payload) {
    return Parsers.forProvider(provider).parse(header, payload);
  }

  static SourceEvent fixture(String provider, @Nullable String header, String path) {
    return parse(provider, header, VendorFixtures.json(path));
  }

  static MappedItem byDefaults(SourceEvent event) {
    return MapSourceEvent.map(event, MappingTable.EMPTY, defaults(event));
  }

  static MappedItem by(String table, SourceEvent event) {
    return MapSourceEvent.map(event, MappingParser.parse(table), defaults(event));
  }

  static MappingTable defaults(SourceEvent event) {
    return ProviderDefaults.of(Provider.parse(event.provider()));
  }

  /** GitHub's issues.opened with these label names instead of its own. */
  static SourceEvent githubIssueLabelled(String... labels) {
    ObjectNode payload = (ObjectNode) VendorFixtures.json("github/issues.opened.json");
    var array = ((ObjectNode) payload.get("issue")).putArray("labels");
    for (String label : labels) {
      array.addObject().put("name", label);
    }
    return parse("github", "issues", payload);
  }

  @Nested
  class ProviderDefaultsMap {

    @Test
    void aGitHubIssueLabelledBugIsABugAtTheDefaultPriority() {
      MappedItem item = byDefaults(fixture("github", "issues", "github/issues.opened.json"));

      assertThat(item.type()).isEqualTo("bug");
      assertThat(item.priority()).isEqualTo("P3");
      assertThat(item.labels()).containsExactly("bug");
      assertThat(item.title()).isEqualTo("Spelling error in the README file");
      assertThat(item.attributes())
          .containsEntry("project", "Codertocat/Hello-World")
          .containsEntry("author", "Codertocat");
      assertThat(item.reporter()).isEqualTo("Codertocat");
      assertThat(item.rules()).containsExactly("github-bug-label");
    }

    @Test
    void gitHubPriorityLabelsGiveP1ToP5() {
      assertThat(byDefaults(githubIssueLabelled("P1")).priority()).isEqualTo("P1");
      assertThat(byDefaults(githubIssueLabelled("priority:high")).priority()).isEqualTo("P2");
      assertThat(byDefaults(githubIssueLabelled("Priority:Medium")).priority()).isEqualTo("P3");
      assertThat(byDefaults(githubIssueLabelled("priority:low")).priority()).isEqualTo("P4");
      assertThat(byDefaults(githubIssueLabelled("P5")).priority()).isEqualTo("P5");
      assertThat(byDefaults(githubIssueLabelled("question")).type()).isEqualTo("task");
    }

    @Test
    void gitHubWorkflowFailuresAreBuildFailures() {
      MappedItem job =
          byDefaults(
              fixture("github", "workflow_job", "github/workflow_job.completed.failure.json"));
      MappedItem run =
          byDefaults(
              parse(
                  "github",
                  "workflow_run",
                  VendorFixtures.own("github/workflow_run.completed.failure.json")));

      assertThat(job.type()).isEqualTo("build_failure");
      assertThat(job.title()).startsWith("linters failed");
      assertThat(run.type()).isEqualTo("build_failure");
    }

    @Test
    void gitHubPullRequestsAreReviews() {
      assertThat(
              byDefaults(fixture("github", "pull_request", "github/pull_request.opened.json"))
                  .type())
          .isEqualTo("review");
    }

    @Test
    void jiraPriorityNamesGiveP1ToP5() {
      MappedItem created = byDefaults(fixture("jira", null, "jira/jira_issue_created.json"));
      MappedItem lowered =
          byDefaults(fixture("jira", null, "jira/jira_issue_updated.priority_lowered.json"));

      assertThat(created.priority()).isEqualTo("P2");
      assertThat(created.component()).isEqualTo("COMP-1");
      assertThat(created.type()).isEqualTo("task");
      assertThat(lowered.priority()).isEqualTo("P4");
      for (String[] pair :
          new String[][] {
            {"Highest", "P1"}, {"High", "P2"}, {"Medium", "P3"}, {"Low", "P4"}, {"Lowest", "P5"}
          }) {
        assertThat(byDefaults(jira(pair[0], "Task")).priority()).as(pair[0]).isEqualTo(pair[1]);
      }
    }

    @Test
    void jiraIssueTypesGiveTheType() {
      assertThat(byDefaults(jira("Medium", "Bug")).type()).isEqualTo("bug");
      assertThat(byDefaults(jira("Medium", "Incident")).type()).isEqualTo("incident");
      assertThat(byDefaults(jira("Medium", "Story")).type()).isEqualTo("task");
    }

    @Test
    void pagerDutyHighUrgencyIsAP1Incident() {
      MappedItem item = byDefaults(fixture("pagerduty", null, "pagerduty/incident.triggered.json"));

      assertThat(item.type()).isEqualTo("incident");
      assertThat(item.priority()).isEqualTo("P1");
      assertThat(item.component()).isEqualTo("pig208");
    }

    @Test
    void alertmanagerSeverityGivesThePriority() {
      MappedItem warning =
          byDefaults(fixture("alertmanager", null, "alertmanager/webhook.firing.demo.json"));
      MappedItem critical =
          byDefaults(fixture("alertmanager", null, "alertmanager/webhook.firing.two_alerts.json"));

      assertThat(warning.type()).isEqualTo("alert");
      assertThat(warning.priority()).isEqualTo("P3");
      assertThat(warning.severity()).isEqualTo("warning");
      assertThat(warning.component()).isEqualTo("prometheus_bot");
      assertThat(critical.priority()).isEqualTo("P1");
      assertThat(critical.severity()).isEqualTo("critical");
    }

    @Test
    void gitLabFailedPipelinesAreBuildFailuresAndIssueSeverityGivesThePriority() {
      MappedItem pipeline =
          byDefaults(
              parse(
                  "gitlab",
                  "Pipeline Hook",
                  VendorFixtures.own("gitlab/pipeline_hook.failed.json")));
      MappedItem issue = byDefaults(fixture("gitlab", "Issue Hook", "gitlab/issue_hook.json"));

      assertThat(pipeline.type()).isEqualTo("build_failure");
      assertThat(issue.type()).isEqualTo("task");
      assertThat(issue.priority()).isEqualTo("P2");
      assertThat(issue.labels()).containsExactly("API");
    }

    @Test
    void genericSendersPriorityWordsGiveP1ToP5() {
      SourceEvent event =
          parse(
              "generic",
              null,
              VendorFixtures.parse(
                  "{\"externalId\": \"a-1\", \"title\": \"Disk full\", \"priority\": \"high\"}"));

      MappedItem item = byDefaults(event);

      assertThat(item.priority()).isEqualTo("P2");
      assertThat(item.type()).isEqualTo("task");
    }

    @Test
    void everyProvidersDefaultsParse() {
      for (Provider provider : Provider.values()) {
        assertThat(ProviderDefaults.of(provider)).isNotNull();
      }
      assertThat(ProviderDefaults.of(Provider.JIRA).rules()).isNotEmpty();
      assertThat(ProviderDefaults.of(Provider.SLACK)).isEqualTo(MappingTable.EMPTY);
    }
  }

  @Nested
  class CustomTables {

    @Test
    void theTablesOwnRulesComeBeforeTheProviderDefaults() {
      String table =
          """
          rules:
            - name: bugs-are-urgent
              when: { label: bug }
              set: { priority: P1, skills: [backend], team: payments }
          """;

      MappedItem item = by(table, fixture("github", "issues", "github/issues.opened.json"));

      assertThat(item.priority()).isEqualTo("P1");
      assertThat(item.type()).isEqualTo("bug");
      assertThat(item.skills()).containsExactly("backend");
      assertThat(item.team()).isEqualTo("payments");
      assertThat(item.attributes()).containsEntry("team", "payments");
      assertThat(item.rules()).containsExactly("bugs-are-urgent", "github-bug-label");
    }

    @Test
    void theFirstRuleToSetAFieldDecidesAndSkillsAndLabelsAddUp() {
      String table =
          """
          rules:
            - when: { label: "team-*" }
              set: { priority: P2, skills: [frontend], labels: [triaged] }
            - when: { label: [TEAM-WEB, other] }
              set: { priority: P4, skills: [css] }
          """;

      MappedItem item = by(table, githubIssueLabelled("team-web"));

      assertThat(item.priority()).isEqualTo("P2");
      assertThat(item.skills()).containsExactly("frontend", "css");
      assertThat(item.labels()).containsExactly("team-web", "triaged");
      assertThat(item.rules()).containsExactly("rules[0]", "rules[1]");
    }

    @Test
    void componentsAndAttributesMapToTeamsAndTiers() {
      String table =
          """
          rules:
            - when: { component: Payments }
              set: { team: payments, skills: [payments] }
            - when: { project: PAY, attributes: { issueType: Bug } }
              set: { customerTier: premium, severity: high }
          """;
      SourceEvent event =
          SourceEvent.about("jira", "jira:issue_created", "issue_created")
              .externalId("10001")
              .title("Refund fails")
              .components(List.of("Payments"))
              .project("PAY")
              .attribute("issueType", "Bug")
              .build();

      MappedItem item = by(table, event);

      assertThat(item.team()).isEqualTo("payments");
      assertThat(item.skills()).containsExactly("payments");
      assertThat(item.customerTier()).isEqualTo("premium");
      assertThat(item.severity()).isEqualTo("high");
      assertThat(item.component()).isEqualTo("Payments");
      assertThat(item.type()).isEqualTo("bug");
    }

    @Test
    void theTablesDefaultsComeBeforeTheProviders() {
      MappedItem item =
          by("defaults: { priority: P4, type: request }", githubIssueLabelled("question"));

      assertThat(item.priority()).isEqualTo("P4");
      assertThat(item.type()).isEqualTo("request");
    }

    @Test
    void withoutProviderDefaultsOnlyTheTableAndBatonsFallbacksApply() {
      MappedItem issue =
          by("providerDefaults: false", fixture("github", "issues", "github/issues.opened.json"));
      MappedItem job =
          by(
              "providerDefaults: false",
              fixture("github", "workflow_job", "github/workflow_job.completed.failure.json"));

      assertThat(issue.type()).isEqualTo("task");
      assertThat(issue.priority()).isEqualTo("P3");
      assertThat(issue.rules()).isEmpty();
      assertThat(job.type()).isEqualTo("build_failure");
    }

    @Test
    void sourceLabelsCanBeLeftOut() {
      MappedItem item =
          by(
              """
              keepSourceLabels: false
              rules: [{ when: { label: bug }, set: { labels: [defect] } }]
              """,
              fixture("github", "issues", "github/issues.opened.json"));

      assertThat(item.labels()).containsExactly("defect");
    }

    @Test
    void kindEventAndActionConditions() {
      String table =
          """
          rules:
            - when: { kind: build_failed, event: "workflow_*", action: completed }
              set: { priority: P1, team: ci }
          """;

      assertThat(
              by(
                      table,
                      fixture(
                          "github", "workflow_job", "github/workflow_job.completed.failure.json"))
                  .priority())
          .isEqualTo("P1");
      assertThat(by(table, fixture("github", "issues", "github/issues.opened.json")).team())
          .isNull();
    }

    @Test
    void selfIdentitiesAreComparedWithoutCase() {
      MappingTable table = MappingParser.parse("selfIdentities: [baton-bot, 5b10a2844c]");

      assertThat(table.isSelf("Baton-Bot")).isTrue();
      assertThat(table.isSelf("5b10a2844c")).isTrue();
      assertThat(table.isSelf("codertocat")).isFalse();
      assertThat(table.isSelf(null)).isFalse();
    }

    @Test
    void perDeliveryAttributesAreNotKept() {
      MappedItem item =
          byDefaults(fixture("jira", null, "jira/jira_issue_updated.priority_raised.json"));

      assertThat(item.attributes()).doesNotContainKey("changed").containsKey("issueType");
    }
  }

  static SourceEvent jira(String priority, String issueType) {
    ObjectNode payload = (ObjectNode) VendorFixtures.json("jira/jira_issue_created.json");
    ObjectNode fields = (ObjectNode) payload.get("issue").get("fields");
    ((ObjectNode) fields.get("priority")).put("name", priority);
    ((ObjectNode) fields.get("issuetype")).put("name", issueType);
    return parse("jira", null, payload);
  }
}
