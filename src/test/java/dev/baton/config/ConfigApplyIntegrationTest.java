package dev.baton.config;

import static dev.baton.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import dev.baton.testsupport.IntegrationTest;
import dev.baton.testsupport.RowCounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Configuration as code: DESIGN.md's documents accepted as written, idempotent, all or nothing. */
class ConfigApplyIntegrationTest extends IntegrationTest {

  /** The Person, Team and Queue documents of DESIGN.md section 8, plus the people they name. */
  static final String ROSTER =
      """
      apiVersion: baton.dev/v1
      kind: Team
      metadata: { name: backend }
      spec: { members: [alice, bob], leads: [carol] }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: alice }
      spec:
        displayName: Alice Example
        email: alice@example.com
        timeZone: Europe/Berlin
        identities: { slack: U0ALICE01, jira: "5b10a2844c20165700ede21g", github: alice-gh }
        skills: [backend, payments]
        capacity: { maxOpen: 5 }
        workingHours: { days: [MON, TUE, WED, THU, FRI], from: "09:00", to: "17:00" }
      ---
      apiVersion: baton.dev/v1
      kind: Queue
      metadata: { name: triage }
      spec: { team: backend }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: bob }
      spec: { displayName: Bob, timeZone: America/New_York }
      ---
      apiVersion: baton.dev/v1
      kind: Person
      metadata: { name: carol }
      spec: { displayName: Carol }
      """;

  private Api.Response apply(Api api, String yaml, boolean dryRun) {
    return api.withHeader("Content-Type", "application/yaml")
        .send("POST", "/api/v1/config/apply?dryRun=" + dryRun, yaml);
  }

  private static List<String> outcomes(Api.Response answer) {
    List<String> outcomes = new ArrayList<>();
    answer.json().get("results").forEach(r -> outcomes.add(r.get("outcome").asString()));
    return outcomes;
  }

  @Test
  void designDocumentsAreAcceptedAsWrittenInDependencyOrder() {
    Api.Response answer = apply(acme, ROSTER, false);
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    assertThat(outcomes(answer)).containsOnly("created").hasSize(5);
    JsonNode alice = acme.get("/api/v1/people/alice").json();
    assertThat(alice.get("name").asString()).isEqualTo("Alice Example");
    assertThat(alice.get("identities").get("jira").asString())
        .isEqualTo("5b10a2844c20165700ede21g");
    assertThat(alice.get("skills").get("payments").asInt()).isEqualTo(1);
    JsonNode team = acme.get("/api/v1/teams/backend").json();
    assertThat(team.get("leads").get(0).asString()).isEqualTo("carol");
    assertThat(acme.get("/api/v1/queues/triage").json().get("team").asString())
        .isEqualTo("backend");
  }

  @Test
  void applyingTheSameFileAgainChangesNothing() {
    apply(acme, ROSTER, false);
    long auditBefore = RowCounts.of(jdbc, "audit_entries");
    Api.Response again = apply(acme, ROSTER, false);
    assertThat(outcomes(again)).containsOnly("unchanged");
    assertThat(RowCounts.of(jdbc, "audit_entries")).isEqualTo(auditBefore);
    assertThat(acme.get("/api/v1/people/alice").json().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void aChangedDocumentIsUpdated() {
    apply(acme, ROSTER, false);
    Api.Response changed = apply(acme, ROSTER.replace("Bob, timeZone", "Robert, timeZone"), false);
    assertThat(outcomes(changed))
        .containsExactly("unchanged", "unchanged", "unchanged", "updated", "unchanged");
    assertThat(acme.get("/api/v1/people/bob").json().get("name").asString()).isEqualTo("Robert");
  }

  @Test
  void oneBadDocumentAppliesNothingAndNamesTheDocumentAndField() {
    String bad = ROSTER.replace("timeZone: America/New_York", "timeZone: Mars/Olympus");
    var before = RowCounts.of(jdbc);
    JsonNode problem = assertProblem(apply(acme, bad, false), 422);
    assertThat(problem.get("errors").get(0).get("field").asString())
        .isEqualTo("documents[3].spec.timeZone");
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void unknownKindsFieldsAndBrokenYamlAreRefused() {
    assertProblem(
        apply(
            acme, "apiVersion: baton.dev/v1\nkind: Robot\nmetadata: {name: r2}\nspec: {}\n", false),
        422);
    JsonNode unknownField =
        assertProblem(
            apply(
                acme,
                "apiVersion: baton.dev/v1\nkind: Person\nmetadata: {name: x}\nspec: {colour: red}\n",
                false),
            422);
    assertThat(unknownField.get("errors").get(0).get("field").asString())
        .isEqualTo("documents[0].spec.colour");
    assertProblem(apply(acme, "kind: [unclosed", false), 400);
    assertProblem(
        apply(acme, "apiVersion: v0\nkind: Person\nmetadata: {name: x}\nspec: {}\n", false), 422);
  }

  @Test
  void aDryRunReportsAndWritesNothing() {
    var before = RowCounts.of(jdbc);
    Api.Response answer = apply(acme, ROSTER, true);
    assertThat(answer.json().get("dryRun").asBoolean()).isTrue();
    assertThat(outcomes(answer)).containsOnly("created");
    assertThat(RowCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void applyingRosterNeedsTheRosterWriteScope() {
    assertProblem(apply(acmeWith("work-items:write"), ROSTER, false), 403);
    assertThat(acme.get("/api/v1/people/alice").status()).isEqualTo(404);
  }

  @Test
  void anExportAppliesBackUnchangedIntoAnEmptyTenantAndUnchangedOverItself() {
    apply(acme, ROSTER, false);
    Api.Response exported = acme.get("/api/v1/config/export");
    assertThat(exported.status()).isEqualTo(200);
    assertThat(exported.body()).contains("kind: \"Person\"").contains("alice");
    assertThat(outcomes(apply(acme, exported.body(), false))).containsOnly("unchanged");
    Api.Response intoGlobex = apply(globex, exported.body(), false);
    assertThat(intoGlobex.status()).as("%s", intoGlobex).isEqualTo(200);
    assertThat(outcomes(intoGlobex)).containsOnly("created");
    assertThat(globex.get("/api/v1/people/alice").json().get("skills"))
        .isEqualTo(acme.get("/api/v1/people/alice").json().get("skills"));
  }
}
