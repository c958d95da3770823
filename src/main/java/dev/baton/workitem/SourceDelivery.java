package dev.baton.workitem;

import dev.baton.ingest.Integration;
import dev.baton.ingest.SourceEvent;
import dev.baton.platform.Actor;
import dev.baton.workitem.mapping.Mapping;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One source event being applied, with what each step of applying it needs. */
record SourceDelivery(Integration integration, SourceEvent event, UUID inboxId, Mapping mapping) {

  String tenantId() {
    return integration.tenantId();
  }

  String externalId() {
    return Objects.requireNonNull(event.externalId(), "an event about an item names it");
  }

  /** The source system, as audit entries name where a change came from. */
  String source() {
    return event.provider();
  }

  /**
   * Who caused the event: the person as the source knows them ({@code jira:<accountId>}, {@code
   * github:<login>}) through this integration, or the integration itself when the event names
   * nobody.
   */
  Actor actor() {
    String via = "integration:" + integration.id();
    String actor = event.actor();
    return actor == null
        ? new Actor("system", "ingest", via)
        : Actor.external(event.provider(), actor, via);
  }

  /** Whether Baton's own account in the source made the change (its write echoed back). */
  boolean byBaton() {
    return mapping.isSelf(event.actor());
  }

  /** The event as audit entries describe it. */
  Map<String, @Nullable Object> describe() {
    Map<String, @Nullable Object> described = new LinkedHashMap<>();
    described.put("integrationId", integration.id().toString());
    described.put("event", SourceItems.eventName(event));
    described.put("kind", event.kind().name());
    described.put("externalId", event.externalId());
    described.put("externalKey", event.externalKey());
    described.put("sourceVersion", event.sourceVersion());
    described.put("inboxId", inboxId.toString());
    return described;
  }
}
