package dev.baton.audit;

import dev.baton.platform.Actor;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** An entry as stored, with its place in the tenant's hash chain. */
public record AuditEntry(
    long seq,
    UUID id,
    Instant at,
    Actor actor,
    String source,
    String correlationId,
    Subject subject,
    String action,
    @Nullable String reason,
    @Nullable JsonNode before,
    @Nullable JsonNode after,
    String prevHash,
    String hash) {

  /** The object an entry is about. */
  public record Subject(String type, String id) {}
}
