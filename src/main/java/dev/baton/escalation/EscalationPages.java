package dev.baton.escalation;

import dev.baton.audit.AuditEntry;
import dev.baton.audit.AuditLog;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Who escalation paged over a period, from the {@code escalation.notified} audit entries. */
@Service
public class EscalationPages {

  /** The most audit entries one report reads. */
  public static final int MAX_ENTRIES = 200_000;

  private final AuditLog audit;

  EscalationPages(AuditLog audit) {
    this.audit = audit;
  }

  /** Per person, how many escalation notifications named them in {@code [from, to)}. */
  public Map<String, Long> pagesByPerson(String tenantId, Instant from, Instant to) {
    Map<String, Long> pages = new TreeMap<>();
    for (AuditEntry e :
        audit.entriesBetween(tenantId, "escalation.notified", from, to, MAX_ENTRIES)) {
      JsonNode targets = e.after() == null ? null : e.after().get("targets");
      if (targets == null || !targets.isArray()) {
        continue;
      }
      for (JsonNode target : targets) {
        String t = target.isString() ? target.asString() : "";
        if (t.startsWith("person:")) {
          pages.merge(t.substring("person:".length()), 1L, Long::sum);
        }
      }
    }
    return pages;
  }
}
