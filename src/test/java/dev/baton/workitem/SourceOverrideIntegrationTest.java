package dev.baton.workitem;

import static dev.baton.workitem.SourceFixtures.github;
import static dev.baton.workitem.SourceFixtures.jira;
import static dev.baton.workitem.SourceFixtures.parse;
import static dev.baton.workitem.SourceFixtures.vendor;
import static dev.baton.workitem.SourceFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ingest.Integration;
import dev.baton.ingest.Provider;
import dev.baton.ingest.SourceEvent;
import dev.baton.ingest.SourceEventHandler;
import dev.baton.ingest.SourceEventHandler.Outcome;
import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Assignee changes made in the source (DESIGN.md section 6, override by "a human edit in Jira"): a
 * known person takes the work as an override with the human actor recorded, an unknown one is
 * recorded and not guessed, and Baton's own write echoed back changes nothing.
 */
class SourceOverrideIntegrationTest extends IntegrationTest {

  static final String JIRA_ACCOUNT = "5c5f880629be9642ba529340";

  @Autowired SourceEventHandler handler;

  Integration jira;

  @BeforeEach
  void rosterPolicyAndIntegration() {
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send("POST", "/api/v1/config/apply", SourceFixtures.ROSTER_AND_POLICY);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    jira = SourceFixtures.registered(acme, "acme", Provider.JIRA);
  }

  Outcome apply(Integration integration, SourceEvent event) {
    return handler.apply(integration, event, UUID.randomUUID());
  }

  JsonNode item(Integration integration, String externalId) {
    UUID id =
        jdbc.sql(
                "select work_item_id from source_items where integration_id = :integration and"
                    + " external_id = :externalId")
            .param("integration", integration.id())
            .param("externalId", externalId)
            .query(UUID.class)
            .single();
    return acme.get("/api/v1/work-items/" + id).json();
  }

  JsonNode lastAudit(JsonNode item) {
    JsonNode entries =
        acme.get("/api/v1/work-items/" + item.get("id").asString() + "/audit").json().get("items");
    return entries.get(entries.size() - 1);
  }

  @Test
  void aJiraAssigneeChangeByAPersonIsAnOverrideToTheKnownPerson() {
    apply(jira, jira("jira/jira_issue_created.json"));
    assertThat(item(jira, "10040").get("assignment").get("owner").asString())
        .isEqualTo("queue:triage");

    Outcome outcome = apply(jira, jira("jira/jira_issue_updated.assignee.json"));

    assertThat(outcome).isEqualTo(Outcome.OVERRIDDEN);
    JsonNode item = item(jira, "10040");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("ACCEPTED");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("person:alice");
    JsonNode override = lastAudit(item);
    assertThat(override.get("action").asString()).isEqualTo("assignment.overridden");
    assertThat(override.get("actor").get("type").asString()).isEqualTo("jira");
    assertThat(override.get("actor").get("id").asString()).isEqualTo(JIRA_ACCOUNT);
    assertThat(override.get("actor").get("via").asString()).isEqualTo("integration:" + jira.id());
    assertThat(override.get("source").asString()).isEqualTo("jira");
    assertThat(override.get("reason").asString()).contains("in jira by " + JIRA_ACCOUNT);
    assertThat(override.get("before").get("owner").asString()).isEqualTo("queue:triage");
  }

  @Test
  void aReclaimRuleTakesWorkBackFromAJiraEdit() {
    Api.Response applied =
        acme.withHeader("Content-Type", "application/yaml")
            .send(
                "POST",
                "/api/v1/config/apply",
                """
                apiVersion: baton.dev/v1
                kind: RoutingPolicy
                metadata: { name: intake }
                spec:
                  rules:
                    - name: jira-stays-in-triage
                      when: item.source.system == "jira"
                      assign: { queue: triage }
                      reclaim: true
                  fallback: { queue: triage }
                """);
    assertThat(applied.status()).as("%s", applied).isEqualTo(200);
    apply(jira, jira("jira/jira_issue_created.json"));

    Outcome outcome = apply(jira, jira("jira/jira_issue_updated.assignee.json"));

    assertThat(outcome).isEqualTo(Outcome.OVERRIDDEN);
    JsonNode item = item(jira, "10040");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("QUEUED");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("queue:triage");
    JsonNode entries =
        acme.get("/api/v1/work-items/" + item.get("id").asString() + "/audit").json().get("items");
    JsonNode override = entries.get(entries.size() - 2);
    JsonNode reclaim = entries.get(entries.size() - 1);
    assertThat(override.get("action").asString()).isEqualTo("assignment.overridden");
    assertThat(override.get("actor").get("type").asString()).isEqualTo("jira");
    assertThat(override.get("after").get("owner").asString()).isEqualTo("person:alice");
    assertThat(reclaim.get("action").asString()).isEqualTo("assignment.reassigned");
    assertThat(reclaim.get("actor").get("id").asString()).isEqualTo("router");
    assertThat(reclaim.get("reason").asString())
        .startsWith("reclaimed by rule jira-stays-in-triage of policy intake version 2");
  }

  @Test
  void aGitHubAssignmentByAPersonOverridesItsLoginIgnoringCase() {
    Integration github = SourceFixtures.integration("acme", Provider.GITHUB);
    apply(github, github("issues", "github/issues.opened.json"));

    Outcome outcome = apply(github, github("issues", "github/issues.assigned.json"));

    assertThat(outcome).isEqualTo(Outcome.OVERRIDDEN);
    JsonNode item = item(github, "MDU6SXNzdWU0NDQ1MDAwNDE=");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("person:alice");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("ACCEPTED");
    assertThat(lastAudit(item).get("actor").get("id").asString()).isEqualTo("Codertocat");
  }

  @Test
  void anAssigneeNoPersonHoldsIsRecordedAndTheOwnerStays() {
    apply(jira, jira("jira/jira_issue_created.json"));
    ObjectNode changed = vendor("jira/jira_issue_updated.assignee.json");
    with(changed, "/issue/fields/assignee/accountId", "557058:f00d-unknown");

    Outcome outcome = apply(jira, parse("jira", null, changed));

    assertThat(outcome).isEqualTo(Outcome.OVERRIDDEN);
    JsonNode item = item(jira, "10040");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("queue:triage");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("QUEUED");
    JsonNode recorded = lastAudit(item);
    assertThat(recorded.get("action").asString()).isEqualTo("source-event.override-not-applied");
    assertThat(recorded.get("after").get("assignee").asString())
        .isEqualTo("jira:557058:f00d-unknown");
    assertThat(recorded.get("reason").asString()).contains("is no person's jira identity");
    assertThat(recorded.get("actor").get("id").asString()).isEqualTo(JIRA_ACCOUNT);
  }

  @Test
  void batonsOwnAssigneeChangeEchoedBackIsIgnored() {
    Api.Response saved =
        acme.withHeader("Content-Type", "application/yaml")
            .send(
                "PUT",
                "/api/v1/integrations/" + jira.id() + "/mapping",
                "selfIdentities: [\"" + JIRA_ACCOUNT + "\"]");
    assertThat(saved.status()).as("%s", saved).isEqualTo(200);
    apply(jira, jira("jira/jira_issue_created.json"));
    JsonNode before = item(jira, "10040");

    Outcome outcome = apply(jira, jira("jira/jira_issue_updated.assignee.json"));

    assertThat(outcome).isEqualTo(Outcome.IGNORED);
    JsonNode after = item(jira, "10040");
    assertThat(after.get("assignment")).isEqualTo(before.get("assignment"));
    assertThat(lastAudit(after).get("action").asString())
        .isEqualTo(lastAudit(before).get("action").asString());
  }

  @Test
  void anItemFirstSeenAssignedByAPersonIsTheirsWithoutRouting() {
    Outcome outcome = apply(jira, jira("jira/jira_issue_updated.assignee.json"));

    assertThat(outcome).isEqualTo(Outcome.CREATED);
    JsonNode item = item(jira, "10040");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("person:alice");
    assertThat(item.get("assignment").get("state").asString()).isEqualTo("ACCEPTED");
    assertThat(jdbc.sql("select count(*) from routing_decisions").query(Long.class).single())
        .isZero();
  }

  @Test
  void pagerDutyAssigneesAreNeverGuessed() {
    Integration pagerduty = SourceFixtures.integration("acme", Provider.PAGERDUTY);
    apply(pagerduty, parse("pagerduty", null, vendor("pagerduty/incident.acknowledged.json")));

    Outcome outcome =
        apply(
            pagerduty,
            parse("pagerduty", null, SourceFixtures.own("pagerduty/incident.reassigned.json")));

    assertThat(outcome).isEqualTo(Outcome.OVERRIDDEN);
    JsonNode item = item(pagerduty, "PQ1K5C8");
    assertThat(item.get("assignment").get("owner").asString()).isEqualTo("queue:triage");
    assertThat(lastAudit(item).get("action").asString())
        .isEqualTo("source-event.override-not-applied");
  }
}
