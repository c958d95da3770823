package dev.baton.assignment;

import dev.baton.audit.AuditEntry;
import dev.baton.audit.AuditLog;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** What the assignment trail says over a period: who received how much work. */
@Service
public class AssignmentHistory {

  /** The most audit entries one report reads. */
  public static final int MAX_ENTRIES = 200_000;

  private final AuditLog audit;

  AssignmentHistory(AuditLog audit) {
    this.audit = audit;
  }

  /**
   * Per person, how many times work became theirs in {@code [from, to)}: every assignment change
   * (routed, offered, reassigned, escalated, overridden, ...) whose owner after is that person and
   * was not before.
   */
  public Map<String, Long> receivedByPerson(String tenantId, Instant from, Instant to) {
    Map<String, Long> received = new TreeMap<>();
    for (AuditEntry e : audit.entriesBetween(tenantId, "assignment.", from, to, MAX_ENTRIES)) {
      String after = owner(e.after());
      if (after != null && after.startsWith("person:") && !after.equals(owner(e.before()))) {
        received.merge(after.substring("person:".length()), 1L, Long::sum);
      }
    }
    return received;
  }

  private static @Nullable String owner(@Nullable JsonNode view) {
    JsonNode owner = view == null ? null : view.get("owner");
    return owner != null && owner.isString() ? Objects.requireNonNull(owner.asString()) : null;
  }
}
