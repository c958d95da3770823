package dev.baton.workitem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ingest.SourceEvent;
import dev.baton.ingest.SourceEvent.Kind;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When an event is stale for the source item it is about. */
class SourceItemTest {

  static final SourceItems.SourceItem KNOWN =
      new SourceItems.SourceItem(UUID.randomUUID(), 100, List.of("seen"), "issues/opened", "open");

  static SourceEvent at(long version, Kind kind) {
    return SourceEvent.about("github", "issues", "edited")
        .kind(kind)
        .externalId("I_1")
        .sourceVersion(version)
        .build();
  }

  @Test
  void anOlderVersionIsStale() {
    assertThat(KNOWN.isStale(at(99, Kind.ITEM_UPSERT), "other")).isTrue();
  }

  @Test
  void theSameEventAtTheSameVersionIsStaleAnotherOneIsNot() {
    assertThat(KNOWN.isStale(at(100, Kind.ITEM_UPSERT), "seen")).isTrue();
    assertThat(KNOWN.isStale(at(100, Kind.ITEM_UPSERT), "other")).isFalse();
  }

  @Test
  void aNewerVersionApplies() {
    assertThat(KNOWN.isStale(at(101, Kind.ITEM_UPSERT), "seen")).isFalse();
  }

  @Test
  void aDeleteAppliesWhateverItsVersionAndNothingAfterIt() {
    SourceItems.SourceItem deleted =
        new SourceItems.SourceItem(UUID.randomUUID(), 100, List.of("d"), "x", "deleted");

    assertThat(KNOWN.isStale(at(5, Kind.ITEM_DELETED), "d")).isFalse();
    assertThat(deleted.isStale(at(500, Kind.ITEM_UPSERT), "u")).isTrue();
    assertThat(deleted.isStale(at(500, Kind.ITEM_DELETED), "d2")).isTrue();
  }

  @Test
  void anItemNeverSeenHasNothingStale() {
    SourceItems.SourceItem fresh = new SourceItems.SourceItem(null, 100, List.of(), "x", "new");

    assertThat(fresh.isStale(at(1, Kind.ITEM_UPSERT), "seen")).isFalse();
  }
}
