package dev.baton.workitem.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.ingest.SourceEvent;
import dev.baton.platform.BatonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mapping table documents: what is accepted, and every problem named by its JSON pointer. */
class MappingParserTest {

  static List<String> problems(String document) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(() -> MappingParser.parse(document));
    assertThat(thrown).isInstanceOf(BatonException.InvalidInput.class);
    return ((BatonException.InvalidInput) thrown)
        .errors().stream().map(e -> e.field() + " " + e.message()).toList();
  }

  @Test
  void aFullDocumentBinds() {
    MappingTable table =
        MappingParser.parse(
            """
            selfIdentities: ["5b10a2844c20165700ede21g", baton-bot]
            providerDefaults: false
            keepSourceLabels: false
            rules:
              - name: payments
                when:
                  kind: [item_upsert, assignee_changed]
                  component: Payments
                  label: ["pay-*", refunds]
                  attributes: { issueType: Bug }
                set: { team: payments, skills: [payments], priority: P2, type: bug }
            defaults: { priority: P4, customerTier: standard }
            """);

    assertThat(table.selfIdentities()).containsExactly("5b10a2844c20165700ede21g", "baton-bot");
    assertThat(table.providerDefaults()).isFalse();
    assertThat(table.keepSourceLabels()).isFalse();
    MappingTable.Rule rule = table.rules().get(0);
    assertThat(rule.name()).isEqualTo("payments");
    assertThat(rule.when().kinds())
        .containsExactlyInAnyOrder(SourceEvent.Kind.ITEM_UPSERT, SourceEvent.Kind.ASSIGNEE_CHANGED);
    assertThat(rule.when().labels())
        .extracting(TextPattern::toString)
        .containsExactly("pay-*", "refunds");
    assertThat(rule.when().attributes()).containsOnlyKeys("issueType");
    assertThat(rule.set().skills()).containsExactly("payments");
    assertThat(table.defaults().priority()).isEqualTo("P4");
    assertThat(table.defaults().customerTier()).isEqualTo("standard");
  }

  @Test
  void jsonIsAcceptedToo() {
    MappingTable table =
        MappingParser.parse(
            "{\"rules\": [{\"when\": {\"label\": \"sev1\"}, \"set\": {\"priority\": \"P1\"}}]}");

    assertThat(table.rules()).hasSize(1);
    assertThat(table.providerDefaults()).isTrue();
  }

  @Test
  void everyProblemIsNamedByItsPointer() {
    List<String> problems =
        problems(
            """
            colour: blue
            selfIdentities: [""]
            rules:
              - when: { label: bug }
                set: { priority: P9 }
              - when: { kind: exploded, labels: x }
                set: { type: "Not A Type" }
              - when: { label: bug }
            defaults: { team: "Payments Team" }
            """);

    assertThat(problems)
        .anyMatch(p -> p.startsWith("/colour "))
        .anyMatch(p -> p.startsWith("/selfIdentities/0 "))
        .anyMatch(p -> p.startsWith("/rules/0/set/priority "))
        .anyMatch(p -> p.startsWith("/rules/1/when/kind"))
        .anyMatch(p -> p.startsWith("/rules/1/when/labels "))
        .anyMatch(p -> p.startsWith("/rules/1/set/type "))
        .anyMatch(p -> p.startsWith("/rules/2/set "))
        .anyMatch(p -> p.startsWith("/defaults/team "));
  }

  @Test
  void aSetWithNothingInItIsRefused() {
    assertThat(problems("rules: [{ when: { label: bug }, set: {} }]"))
        .anyMatch(p -> p.startsWith("/rules/0/set "));
  }

  @Test
  void textThatIsNotADocumentIsRefusedAtTheRoot() {
    assertThat(problems("rules: [unclosed")).singleElement().asString().startsWith("/ ");
    assertThat(problems("")).singleElement().asString().contains("empty");
    assertThat(problems("- just\n- a list")).singleElement().asString().contains("object");
  }

  @Test
  void anOverlongDocumentIsRefused() {
    String big = "rules: []\n#" + "x".repeat(MappingParser.MAX_DOCUMENT_LENGTH);

    assertThatThrownBy(() -> MappingParser.parse(big))
        .isInstanceOf(BatonException.InvalidInput.class)
        .hasMessageContaining("at most");
  }

  @Test
  void docsCopyEqualsTheServedSchema() throws IOException {
    assertThat(Files.readString(Path.of("docs/schemas/mapping-table.schema.json")))
        .isEqualTo(MappingParser.schema());
  }

  @Test
  void wildcardsMatchAnyRunAndCaseIsIgnored() {
    assertThat(new TextPattern("priority:*").matches("Priority:High")).isTrue();
    assertThat(new TextPattern("*-bug").matches("ui-bug")).isTrue();
    assertThat(new TextPattern("a*c").matches("abd")).isFalse();
    assertThat(new TextPattern("a.c").matches("abc")).isFalse();
    assertThat(new TextPattern("bug").matches("BUG")).isTrue();
    assertThat(new TextPattern("bug").matches(null)).isFalse();
  }
}
