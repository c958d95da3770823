package dev.baton.ingest;

import static dev.baton.ingest.VendorFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ingest.SourceEvent.Kind;
import org.junit.jupiter.api.Test;

class AlertmanagerParserTest {

  private final PayloadParser parser = Parsers.forProvider("alertmanager");

  private SourceEvent parse(String file) {
    return parser.parse(null, VendorFixtures.json("alertmanager/" + file));
  }

  @Test
  void everyRealPayloadIsCoveredHere() {
    assertThat(VendorFixtures.names("alertmanager"))
        .containsExactlyInAnyOrder(
            "webhook.firing.two_alerts.json",
            "webhook.firing.single_alert.json",
            "webhook.firing.demo.json");
  }

  @Test
  void aFiringGroupIsOneOpenItemNamedByItsGroupKey() {
    SourceEvent event = parse("webhook.firing.two_alerts.json");

    assertThat(event.eventType()).isEqualTo("firing");
    assertThat(event.kind()).isEqualTo(Kind.ITEM_UPSERT);
    assertThat(event.externalId()).isEqualTo("{}/{}:{}");
    assertThat(event.externalKey()).isEqualTo("High CPU Temperature");
    assertThat(event.title()).isEqualTo("High CPU core temperature");
    assertThat(event.labels())
        .containsExactly("alertname=High CPU Temperature", "severity=critical");
    assertThat(event.priorityHint()).isEqualTo("critical");
    assertThat(event.severity()).isEqualTo("critical");
    assertThat(event.status()).isEqualTo("open");
    assertThat(event.url()).isEqualTo("http://ops1:9093");
    assertThat(event.project()).isEqualTo("ops-zulip");
    assertThat(event.sourceVersion()).isEqualTo(millis("2020-02-06T00:17:58.432Z"));
    assertThat(event.attributes())
        .containsEntry("alerts", "2")
        .containsEntry("fingerprints", "a1bc48475b20e73d,c2ea85182f28cbd9")
        .doesNotContainKey("description");
  }

  @Test
  void aSingleAlertWithAnOffsetTimeAndNoFingerprint() {
    SourceEvent event = parse("webhook.firing.single_alert.json");

    assertThat(event.externalId()).isEqualTo("{}:{alertname=\"high_memory_load\"}");
    assertThat(event.title()).isEqualTo("Prometheus Test");
    assertThat(event.priorityHint()).isEqualTo("warning");
    assertThat(event.sourceVersion()).isEqualTo(millis("2018-03-07T11:33:21.873Z"));
    assertThat(event.attributes()).doesNotContainKey("fingerprints");
  }

  @Test
  void anOlderPayloadWithoutGroupKeyIsNamedByReceiverAndGroupLabels() {
    SourceEvent event = parse("webhook.firing.demo.json");

    assertThat(event.externalId())
        .isEqualTo("admins:{alertname=\"something_happened\",instance=\"server01.int:9100\"}");
    assertThat(event.components()).containsExactly("prometheus_bot");
    assertThat(event.title())
        .isEqualTo("runit service prometheus_bot restarted, server01.int:9100");
    assertThat(event.sourceVersion()).isEqualTo(millis("2016-04-27T20:49:37.903Z"));
  }

  @Test
  void aResolvedGroupClosesTheSameItemLater() {
    SourceEvent firing = parse("webhook.firing.two_alerts.json");
    SourceEvent resolved =
        parser.parse(null, VendorFixtures.own("alertmanager/webhook.resolved.json"));

    assertThat(resolved.kind()).isEqualTo(Kind.ITEM_CLOSED);
    assertThat(resolved.status()).isEqualTo("closed");
    assertThat(resolved.externalId()).isEqualTo(firing.externalId());
    assertThat(resolved.sourceVersion()).isEqualTo(millis("2020-02-06T00:42:13Z"));
    assertThat(resolved.sourceVersion()).isGreaterThan(firing.sourceVersion());
  }
}
