package dev.baton.workitem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which fields an update changes, as work-item.updated reports them. */
class ItemChangesTest {

  static final WorkItem STORED =
      new WorkItem(
          UUID.randomUUID(),
          "bug",
          "Checkout fails",
          "P3",
          null,
          List.of("payments"),
          List.of(),
          "checkout",
          null,
          "dana",
          new WorkItem.Source(
              "jira", "i-1", "10042", "PAY-42", "https://x.atlassian.net/browse/PAY-42"),
          "open",
          Map.of("issueType", "Bug"),
          Instant.EPOCH,
          Instant.EPOCH);

  static NewWorkItem sameAsStored(String priority, List<String> skills) {
    return new NewWorkItem(
        "Checkout fails",
        "bug",
        priority,
        null,
        List.of("payments"),
        skills,
        "checkout",
        new WorkItem.Customer(null, null),
        "dana",
        new NewWorkItem.SourceRef(
            "jira", "10042", "PAY-42", "https://x.atlassian.net/browse/PAY-42"),
        Map.of("issueType", "Bug"));
  }

  @Test
  void theSameFieldsAreNoChange() {
    ItemChanges changes =
        ItemChanges.between(
            STORED, sameAsStored("P3", List.of()), "open", Map.of("issueType", "Bug"));

    assertThat(changes.none()).isTrue();
  }

  @Test
  void eachChangedFieldIsReportedBeforeAndAfter() {
    ItemChanges changes =
        ItemChanges.between(
            STORED, sameAsStored("P1", List.of("payments")), "closed", Map.of("issueType", "Bug"));

    assertThat(changes.fields()).containsExactly("priority", "skills", "status");
    assertThat(changes.before()).containsEntry("priority", "P3").containsEntry("status", "open");
    assertThat(changes.after())
        .containsEntry("priority", "P1")
        .containsEntry("skills", List.of("payments"))
        .containsEntry("status", "closed");
  }
}
