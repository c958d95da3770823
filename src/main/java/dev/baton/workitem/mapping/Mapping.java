package dev.baton.workitem.mapping;

import dev.baton.ingest.SourceEvent;
import org.jspecify.annotations.Nullable;

/**
 * The mapping in force for one integration: its latest table (version 0 when none was saved) and
 * its provider's defaults.
 */
public record Mapping(int version, MappingTable table, MappingTable providerDefaults) {

  /** The canonical fields of an event's item. */
  public MappedItem map(SourceEvent event) {
    return MapSourceEvent.map(event, table, providerDefaults);
  }

  /** Whether an actor in the source is Baton itself (see {@link MappingTable#selfIdentities}). */
  public boolean isSelf(@Nullable String actor) {
    return table.isSelf(actor);
  }
}
