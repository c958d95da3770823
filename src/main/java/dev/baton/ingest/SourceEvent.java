package dev.baton.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One vendor webhook, read into provider-neutral terms. Mapping tables later turn it into Baton's
 * canonical work item; this record only says what the vendor said, in the vendor's own words (a
 * Jira priority name, a GitHub login), never Baton's.
 *
 * <p>Every kind but {@link Kind#IGNORED} names the item ({@code externalId}), its {@code status}
 * and a {@code sourceVersion}: a number that grows with each change of the source item, so the
 * consumer can drop an event older than what it already stored. An ignored event carries only
 * provider, event type, action and the {@code ignoredReason}.
 *
 * @param provider github, gitlab, jira, pagerduty, alertmanager or generic
 * @param eventType the vendor's event name ({@code issues}, {@code Issue Hook}, {@code
 *     jira:issue_updated}, {@code incident.triggered}, {@code firing})
 * @param action the vendor's sub-action ({@code opened}, {@code close}), when it has one
 * @param labels label names as the vendor spells them
 * @param priorityHint the vendor's priority text (Jira priority name, PagerDuty priority or
 *     urgency, Alertmanager {@code severity} label), mapped to P1–P5 later
 * @param status {@link #OPEN} or {@link #CLOSED}
 * @param assignee the vendor identity now assigned (login, username, accountId, user id); null when
 *     unassigned or unknown
 * @param previousAssignee the identity assigned before, when the event says
 * @param actor who caused the event, in the vendor's identity
 * @param project repository, project, Jira project key, PagerDuty service or Alertmanager receiver
 * @param attributes a few further fields that matter for mapping; never a description or body
 */
public record SourceEvent(
    String provider,
    String eventType,
    @Nullable String action,
    Kind kind,
    @Nullable String ignoredReason,
    @Nullable String externalId,
    @Nullable String externalKey,
    @Nullable String url,
    @Nullable String title,
    List<String> labels,
    List<String> components,
    @Nullable String priorityHint,
    @Nullable String severity,
    @Nullable String status,
    long sourceVersion,
    @Nullable String assignee,
    @Nullable String previousAssignee,
    @Nullable String actor,
    @Nullable String project,
    Map<String, String> attributes) {

  public static final String OPEN = "open";
  public static final String CLOSED = "closed";

  /** What the event means for Baton's copy of the item. */
  public enum Kind {
    /** Created or changed: title, labels, priority and so on may differ. */
    ITEM_UPSERT,
    ITEM_CLOSED,
    ITEM_REOPENED,
    ITEM_DELETED,
    /** The source's assignee changed (a human edit there, or Baton's own write echoed back). */
    ASSIGNEE_CHANGED,
    /** A CI run, job or pipeline failed; each failure is a new item. */
    BUILD_FAILED,
    /** Someone commented on the item; the comment text is not kept. */
    COMMENT,
    /** Nothing for Baton to do; {@link SourceEvent#ignoredReason()} says why. */
    IGNORED
  }

  public SourceEvent {
    labels = List.copyOf(labels);
    components = List.copyOf(components);
    attributes = Map.copyOf(attributes);
    if (kind == Kind.IGNORED) {
      Objects.requireNonNull(ignoredReason, "an ignored event says why");
    } else {
      Objects.requireNonNull(externalId, "an event Baton acts on names the item");
      Objects.requireNonNull(status, "an event Baton acts on says whether the item is open");
    }
  }

  /** An event Baton does not act on. */
  public static SourceEvent ignored(
      String provider, String eventType, @Nullable String action, String reason) {
    return new SourceEvent(
        provider,
        eventType,
        action,
        Kind.IGNORED,
        reason,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null,
        null,
        0,
        null,
        null,
        null,
        null,
        Map.of());
  }

  /** Starts an event about one item; the parsers fill it field by field. */
  public static Builder about(String provider, String eventType, @Nullable String action) {
    return new Builder(provider, eventType, action);
  }

  /** Names the twenty components so parsers do not pass them by position. */
  public static final class Builder {
    private final String provider;
    private final String eventType;
    private final @Nullable String action;
    private Kind kind = Kind.ITEM_UPSERT;
    private @Nullable String externalId;
    private @Nullable String externalKey;
    private @Nullable String url;
    private @Nullable String title;
    private List<String> labels = List.of();
    private List<String> components = List.of();
    private @Nullable String priorityHint;
    private @Nullable String severity;
    private String status = OPEN;
    private long sourceVersion;
    private @Nullable String assignee;
    private @Nullable String previousAssignee;
    private @Nullable String actor;
    private @Nullable String project;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder(String provider, String eventType, @Nullable String action) {
      this.provider = provider;
      this.eventType = eventType;
      this.action = action;
    }

    public Builder kind(Kind kind) {
      this.kind = kind;
      return this;
    }

    public Builder externalId(String externalId) {
      this.externalId = externalId;
      return this;
    }

    public Builder externalKey(@Nullable String externalKey) {
      this.externalKey = externalKey;
      return this;
    }

    public Builder url(@Nullable String url) {
      this.url = url;
      return this;
    }

    public Builder title(@Nullable String title) {
      this.title = title;
      return this;
    }

    public Builder labels(List<String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder components(List<String> components) {
      this.components = components;
      return this;
    }

    public Builder priorityHint(@Nullable String priorityHint) {
      this.priorityHint = priorityHint;
      return this;
    }

    public Builder severity(@Nullable String severity) {
      this.severity = severity;
      return this;
    }

    public Builder closed(boolean closed) {
      this.status = closed ? CLOSED : OPEN;
      return this;
    }

    public Builder sourceVersion(long sourceVersion) {
      this.sourceVersion = sourceVersion;
      return this;
    }

    public Builder assignee(@Nullable String assignee) {
      this.assignee = assignee;
      return this;
    }

    public Builder previousAssignee(@Nullable String previousAssignee) {
      this.previousAssignee = previousAssignee;
      return this;
    }

    public Builder actor(@Nullable String actor) {
      this.actor = actor;
      return this;
    }

    public Builder project(@Nullable String project) {
      this.project = project;
      return this;
    }

    /** Adds an attribute; a null value is left out rather than stored. */
    public Builder attribute(String name, @Nullable Object value) {
      if (value != null) {
        attributes.put(name, value.toString());
      }
      return this;
    }

    public SourceEvent build() {
      return new SourceEvent(
          provider,
          eventType,
          action,
          kind,
          null,
          externalId,
          externalKey,
          url,
          title,
          labels,
          components,
          priorityHint,
          severity,
          status,
          sourceVersion,
          assignee,
          previousAssignee,
          actor,
          project,
          attributes);
    }
  }
}
