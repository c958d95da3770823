package dev.baton.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.testsupport.Given;
import dev.baton.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.JsonNode;

class AuditTamperIntegrationTest extends IntegrationTest {

  /** An entry of acme's chain with a reason and an after value, to tamper with. */
  record Entry(long seq, String id) {}

  private Entry blocked;

  @BeforeEach
  void historyWithReasons() {
    Given.person(acme, "alice");
    String id = Given.itemOfferedTo(acme, "alice");
    Given.action(acme, id, "{\"action\":\"accept\"}");
    Given.action(acme, id, "{\"action\":\"start\"}");
    Given.action(acme, id, "{\"action\":\"block\",\"reason\":\"waiting for vendor\"}");
    Given.action(acme, id, "{\"action\":\"unblock\"}");
    blocked =
        jdbc.sql(
                "select seq, id::text as id from audit_entries where tenant_id = 'acme'"
                    + " and action = 'assignment.blocked'")
            .query(Entry.class)
            .single();
    assertThat(verify("acme").get("intact").asBoolean()).isTrue();
  }

  private JsonNode verify(String tenant) {
    var answer = (tenant.equals("acme") ? acme : globex).get("/api/v1/audit/verify");
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    return answer.json();
  }

  /** Runs {@code tampering} with the append-only trigger switched off, as an intruder would. */
  private void withoutAppendOnlyTrigger(Runnable tampering) {
    jdbc.sql("alter table audit_entries disable trigger audit_entries_append_only").update();
    try {
      tampering.run();
    } finally {
      jdbc.sql("alter table audit_entries enable trigger audit_entries_append_only").update();
    }
  }

  private void changeBlockedEntry(String assignment) {
    withoutAppendOnlyTrigger(
        () ->
            jdbc.sql(
                    "update audit_entries set "
                        + assignment
                        + " where tenant_id = 'acme' and seq = :seq")
                .param("seq", blocked.seq())
                .update());
  }

  private long lastSeq(String tenant) {
    return jdbc.sql("select max(seq) from audit_entries where tenant_id = :t")
        .param("t", tenant)
        .query(Long.class)
        .single();
  }

  private long allEntries() {
    return jdbc.sql("select count(*) from audit_entries").query(Long.class).single();
  }

  @Test
  void theDatabaseRefusesToUpdateAnEntry() {
    assertThatThrownBy(
            () ->
                jdbc.sql("update audit_entries set reason = 'nothing to see' where seq = :seq")
                    .param("seq", blocked.seq())
                    .update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");

    assertThat(
            jdbc.sql("select reason from audit_entries where tenant_id = 'acme' and seq = :seq")
                .param("seq", blocked.seq())
                .query(String.class)
                .single())
        .isEqualTo("waiting for vendor");
    assertThat(verify("acme").get("intact").asBoolean()).isTrue();
  }

  @Test
  void theDatabaseRefusesToDeleteAnEntry() {
    long before = allEntries();

    assertThatThrownBy(
            () -> jdbc.sql("delete from audit_entries where tenant_id = 'acme'").update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");

    assertThat(allEntries()).isEqualTo(before);
    assertThat(verify("acme").get("intact").asBoolean()).isTrue();
  }

  @Test
  void aChangedReasonIsCaughtAtThatEntry() {
    changeBlockedEntry("reason = 'nothing to see'");

    JsonNode verification = verify("acme");

    assertThat(verification.get("intact").asBoolean()).isFalse();
    assertThat(verification.get("firstBadSeq").asLong()).isEqualTo(blocked.seq());
    assertThat(verification.get("firstBadId").asString()).isEqualTo(blocked.id());
    assertThat(verification.get("entries").asLong()).isEqualTo(blocked.seq() - 1);
    assertThat(verification.get("problem").asString()).isNotBlank();
  }

  @Test
  void aChangedAfterValueIsCaughtAtThatEntry() {
    changeBlockedEntry("after = replace(after, 'BLOCKED', 'CLOSED')");
    assertThat(
            jdbc.sql("select after from audit_entries where tenant_id = 'acme' and seq = :seq")
                .param("seq", blocked.seq())
                .query(String.class)
                .single())
        .contains("CLOSED");

    JsonNode verification = verify("acme");

    assertThat(verification.get("intact").asBoolean()).isFalse();
    assertThat(verification.get("firstBadSeq").asLong()).isEqualTo(blocked.seq());
    assertThat(verification.get("firstBadId").asString()).isEqualTo(blocked.id());
  }

  @Test
  void deletingTheLastEntryIsCaught() {
    long last = lastSeq("acme");
    withoutAppendOnlyTrigger(
        () ->
            jdbc.sql("delete from audit_entries where tenant_id = 'acme' and seq = :seq")
                .param("seq", last)
                .update());

    JsonNode verification = verify("acme");

    assertThat(verification.get("intact").asBoolean()).isFalse();
    assertThat(verification.get("firstBadSeq").asLong()).isEqualTo(last);
    assertThat(verification.get("entries").asLong()).isEqualTo(last - 1);
  }

  @Test
  void deletingAnEntryInTheMiddleIsCaughtWhereTheGapIs() {
    withoutAppendOnlyTrigger(
        () ->
            jdbc.sql("delete from audit_entries where tenant_id = 'acme' and seq = :seq")
                .param("seq", blocked.seq())
                .update());

    JsonNode verification = verify("acme");

    assertThat(verification.get("intact").asBoolean()).isFalse();
    assertThat(verification.get("firstBadSeq").asLong()).isEqualTo(blocked.seq());
    assertThat(verification.get("entries").asLong()).isEqualTo(blocked.seq() - 1);
  }

  @Test
  void anotherTenantsChainStaysIntact() {
    Given.workItem(globex, "Globex work");
    changeBlockedEntry("reason = 'nothing to see'");

    assertThat(verify("acme").get("intact").asBoolean()).isFalse();
    JsonNode globexVerification = verify("globex");
    assertThat(globexVerification.get("intact").asBoolean()).isTrue();
    assertThat(globexVerification.get("entries").asLong()).isEqualTo(lastSeq("globex"));
    assertThat(globexVerification.get("firstBadSeq").isNull()).isTrue();
  }
}
