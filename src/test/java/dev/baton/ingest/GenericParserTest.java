package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.ingest.SourceEvent.Kind;
import dev.baton.platform.BatonException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericParserTest {

  private static final GenericMapping MAPPING =
      new GenericMapping(
          Map.of(
              "externalId", "/id",
              "externalKey", "/ref",
              "title", "/summary",
              "labels", "/tags",
              "priority", "/meta/priority",
              "status", "/state",
              "sourceVersion", "/changed_at",
              "assignee", "/owner/email",
              "attributes.customer", "/account/name"));

  private final PayloadParser parser = Parsers.generic(MAPPING);

  @Test
  void readsEachFieldWhereTheMappingPoints() {
    SourceEvent event =
        parser.parse(
            null,
            VendorFixtures.parse(
                """
                {"id": 4711, "ref": "SUP-9", "summary": "Cannot log in", "tags": ["sso", "premium"],
                 "meta": {"priority": "urgent"}, "state": "new", "changed_at": "2024-03-01T10:00:00Z",
                 "owner": {"email": "ana@example.com"}, "account": {"name": "Acme"},
                 "body": "a long text Baton never keeps"}
                """));

    assertThat(event.provider()).isEqualTo("generic");
    assertThat(event.eventType()).isEqualTo("generic");
    assertThat(event.kind()).isEqualTo(Kind.ITEM_UPSERT);
    assertThat(event.externalId()).isEqualTo("4711");
    assertThat(event.externalKey()).isEqualTo("SUP-9");
    assertThat(event.title()).isEqualTo("Cannot log in");
    assertThat(event.labels()).containsExactly("sso", "premium");
    assertThat(event.priorityHint()).isEqualTo("urgent");
    assertThat(event.status()).isEqualTo("open");
    assertThat(event.sourceVersion()).isEqualTo(VendorFixtures.millis("2024-03-01T10:00:00Z"));
    assertThat(event.assignee()).isEqualTo("ana@example.com");
    assertThat(event.attributes()).isEqualTo(Map.of("customer", "Acme"));
  }

  @Test
  void aClosingStatusWordClosesTheItemAndASingleLabelIsAList() {
    SourceEvent event =
        parser.parse(
            null,
            VendorFixtures.parse(
                """
                {"id": "a-1", "summary": "x", "tags": "sso", "state": "Resolved", "changed_at": 42}
                """));

    assertThat(event.kind()).isEqualTo(Kind.ITEM_CLOSED);
    assertThat(event.status()).isEqualTo("closed");
    assertThat(event.labels()).containsExactly("sso");
    assertThat(event.sourceVersion()).isEqualTo(42);
  }

  @Test
  void theDefaultMappingReadsFieldsNamedLikeBatons() {
    SourceEvent event =
        Parsers.forProvider("generic")
            .parse(
                null, VendorFixtures.parse("{\"externalId\": \"x-1\", \"title\": \"Disk full\"}"));

    assertThat(event.externalId()).isEqualTo("x-1");
    assertThat(event.title()).isEqualTo("Disk full");
    assertThat(event.sourceVersion()).isZero();
  }

  @Test
  void aPayloadWithoutTheIdIsRefusedNamingThePointer() {
    assertThatThrownBy(() -> parser.parse(null, VendorFixtures.parse("{\"summary\": \"x\"}")))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessage("generic payload: /id (externalId) is missing");
  }

  @Test
  void anObjectWhereTextBelongsIsRefused() {
    assertThatThrownBy(
            () -> parser.parse(null, VendorFixtures.parse("{\"id\": 1, \"summary\": {\"a\": 1}}")))
        .isInstanceOf(BatonException.BadRequest.class)
        .hasMessage("generic payload: /summary must be a string, number or boolean, was object");
  }

  @Test
  void aMappingNeedsAnIdKnownFieldsAndPointers() {
    assertThatThrownBy(() -> new GenericMapping(Map.of("titel", "summary")))
        .isInstanceOf(BatonException.InvalidInput.class)
        .hasMessageContaining("pointers.externalId: is required")
        .hasMessageContaining("pointers.titel: unknown field")
        .hasMessageContaining("pointers.titel: must be a JSON Pointer such as /id");
  }
}
