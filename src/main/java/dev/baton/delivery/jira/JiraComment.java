package dev.baton.delivery.jira;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Builds the comment Baton adds to an issue, in Atlassian Document Format: who holds it now, why
 * (the decision sentence or the reason given), which rule and policy version decided, and a link to
 * the item in Baton. The comment carries the entity property {@value #PROPERTY} with the delivery
 * id, so a retry can tell that an earlier attempt landed. ADF text is literal (no wiki markup);
 * control characters and line breaks become spaces and long texts are cut.
 */
final class JiraComment {

  static final String PROPERTY = "baton.delivery";
  static final int MAX_TEXT = 1000;

  private JiraComment() {}

  /**
   * @param ownerName how to name the new holder, e.g. {@code Alice Smith} or {@code queue triage};
   *     null when nobody holds it
   * @param link where the item is in Baton
   */
  record Facts(AssignmentChange change, @Nullable String ownerName, String link, UUID deliveryId) {}

  /** The request body of {@code POST /rest/api/3/issue/{key}/comment}. */
  static Map<String, Object> body(Facts facts) {
    List<Object> content = new ArrayList<>();
    content.add(paragraph(headline(facts.change().type(), facts.ownerName())));
    AssignmentChange c = facts.change();
    if (c.why() != null) {
      content.add(paragraph(List.of(strong("Why: "), text(c.why()))));
    }
    String decidedBy = decidedBy(c);
    if (decidedBy != null) {
      content.add(paragraph(List.of(strong("Decided by: "), text(decidedBy))));
    }
    if (c.actor() != null) {
      content.add(paragraph(List.of(strong("By: "), text(c.actor()))));
    }
    content.add(paragraph(List.of(link("Open in Baton", facts.link()))));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", "doc");
    doc.put("version", 1);
    doc.put("content", content);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("body", doc);
    body.put(
        "properties",
        List.of(
            Map.of("key", PROPERTY, "value", Map.of("deliveryId", facts.deliveryId().toString()))));
    return body;
  }

  /** ADF text: no control characters, no line breaks, at most {@value #MAX_TEXT} characters. */
  static String clean(String text) {
    StringBuilder out = new StringBuilder();
    int count = 0;
    for (int i = 0; i < text.length(); ) {
      if (count == MAX_TEXT) {
        out.append('\u2026');
        break;
      }
      int cp = text.codePointAt(i);
      out.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp);
      count++;
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  private static List<Object> headline(String type, @Nullable String owner) {
    String who = owner == null ? "nobody" : owner;
    return switch (type) {
      case "assignment.routed" -> sentence("Baton routed this issue to ", who, ".");
      case "assignment.queued" -> sentence("Baton put this issue in ", who, ".");
      case "assignment.reassigned" -> sentence("Reassigned in Baton to ", who, ".");
      case "assignment.overridden" -> sentence("Assigned in Baton by override to ", who, ".");
      case "assignment.accepted" -> sentence("", who, " accepted this issue in Baton.");
      case "assignment.escalated" -> sentence("Baton escalated this issue to ", who, ".");
      case "assignment.closed" -> List.of(text("Closed in Baton."));
      default -> List.of(text("Baton: " + type));
    };
  }

  private static @Nullable String decidedBy(AssignmentChange c) {
    if (c.rule() == null && c.policy() == null) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    s.append("rule ").append(c.rule() == null ? "(fallback)" : c.rule());
    if (c.policy() != null) {
      s.append(" of policy ").append(c.policy());
    }
    if (c.policyVersion() != null) {
      s.append(" version ").append(c.policyVersion());
    }
    return s.toString();
  }

  private static List<Object> sentence(String before, String who, String after) {
    List<Object> parts = new ArrayList<>();
    if (!before.isEmpty()) {
      parts.add(text(before));
    }
    parts.add(strong(who));
    parts.add(text(after));
    return parts;
  }

  private static Map<String, Object> paragraph(List<Object> content) {
    return Map.of("type", "paragraph", "content", content);
  }

  private static Map<String, Object> text(String text) {
    return Map.of("type", "text", "text", clean(text));
  }

  private static Map<String, Object> strong(String text) {
    return Map.of("type", "text", "text", clean(text), "marks", List.of(Map.of("type", "strong")));
  }

  private static Map<String, Object> link(String text, String href) {
    return Map.of(
        "type",
        "text",
        "text",
        clean(text),
        "marks",
        List.of(Map.of("type", "link", "attrs", Map.of("href", href))));
  }
}
