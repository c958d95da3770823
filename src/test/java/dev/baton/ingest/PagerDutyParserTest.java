package dev.baton.ingest;

import static dev.baton.ingest.VendorFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ingest.SourceEvent.Kind;
import org.junit.jupiter.api.Test;

class PagerDutyParserTest {

  private final PayloadParser parser = Parsers.forProvider("pagerduty");

  private SourceEvent parse(String file) {
    return parser.parse(null, VendorFixtures.json("pagerduty/" + file));
  }

  private SourceEvent own(String file) {
    return parser.parse(null, VendorFixtures.own("pagerduty/" + file));
  }

  @Test
  void everyRealPayloadIsCoveredHere() {
    assertThat(VendorFixtures.names("pagerduty"))
        .containsExactlyInAnyOrder(
            "incident.triggered.json",
            "incident.acknowledged.json",
            "incident.priority_updated.doc_example.json",
            "service.updated.doc_example.json");
  }

  @Test
  void aTriggeredIncidentIsAnOpenItemAssignedToItsResponder() {
    SourceEvent event = parse("incident.triggered.json");

    assertThat(event.eventType()).isEqualTo("incident.triggered");
    assertThat(event.action()).isEqualTo("triggered");
    assertThat(event.kind()).isEqualTo(Kind.ITEM_UPSERT);
    assertThat(event.externalId()).isEqualTo("PFQZPSY");
    assertThat(event.externalKey()).isEqualTo("9");
    assertThat(event.url()).isEqualTo("https://pig208.pagerduty.com/incidents/PFQZPSY");
    assertThat(event.title()).isEqualTo("Test Incident 3");
    assertThat(event.status()).isEqualTo("open");
    assertThat(event.priorityHint()).isEqualTo("high");
    assertThat(event.components()).containsExactly("pig208");
    assertThat(event.project()).isEqualTo("PA2P440");
    assertThat(event.assignee()).isEqualTo("PJ0LVEB");
    assertThat(event.actor()).isEqualTo("PJ0LVEB");
    assertThat(event.sourceVersion()).isEqualTo(millis("2021-06-04T13:35:29.781Z"));
    assertThat(event.attributes())
        .containsEntry("urgency", "high")
        .containsEntry("incidentStatus", "triggered")
        .containsEntry("escalationPolicy", "Default");
  }

  @Test
  void anAcknowledgedIncidentStaysOpen() {
    SourceEvent event = parse("incident.acknowledged.json");

    assertThat(event.kind()).isEqualTo(Kind.ITEM_UPSERT);
    assertThat(event.externalId()).isEqualTo("PQ1K5C8");
    assertThat(event.externalKey()).isEqualTo("10");
    assertThat(event.status()).isEqualTo("open");
    assertThat(event.attributes()).containsEntry("incidentStatus", "acknowledged");
  }

  @Test
  void aPriorityPrefersThePriorityToTheUrgency() {
    SourceEvent event = parse("incident.priority_updated.doc_example.json");

    assertThat(event.kind()).isEqualTo(Kind.ITEM_UPSERT);
    assertThat(event.externalId()).isEqualTo("PGR0VU2");
    assertThat(event.priorityHint()).isEqualTo("P1");
    assertThat(event.assignee()).isEqualTo("PTUXL6G");
    assertThat(event.attributes()).containsEntry("teams", "Engineering");
  }

  @Test
  void eventsAboutServicesAreIgnored() {
    SourceEvent event = parse("service.updated.doc_example.json");

    assertThat(event.kind()).isEqualTo(Kind.IGNORED);
    assertThat(event.ignoredReason()).isEqualTo("service.updated is not used");
  }

  @Test
  void resolvingClosesAndReassigningNamesTheNewResponder() {
    SourceEvent resolved = own("incident.resolved.json");
    SourceEvent reassigned = own("incident.reassigned.json");
    SourceEvent acknowledged = parse("incident.acknowledged.json");

    assertThat(resolved.kind()).isEqualTo(Kind.ITEM_CLOSED);
    assertThat(resolved.status()).isEqualTo("closed");
    assertThat(resolved.assignee()).isNull();
    assertThat(reassigned.kind()).isEqualTo(Kind.ASSIGNEE_CHANGED);
    assertThat(reassigned.assignee()).isEqualTo("PXPGF42");
    assertThat(acknowledged.sourceVersion())
        .isLessThan(reassigned.sourceVersion())
        .isLessThan(resolved.sourceVersion());
  }
}
