package dev.baton.workitem;

import dev.baton.platform.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A work item as a caller submits it to {@code POST /api/v1/work-items}. */
public record NewWorkItem(
    @Nullable String title,
    @Nullable String type,
    @Nullable String priority,
    @Nullable String severity,
    @Nullable List<String> labels,
    @Nullable List<String> skills,
    @Nullable String component,
    WorkItem.@Nullable Customer customer,
    @Nullable String reporter,
    @Nullable SourceRef source,
    @Nullable Map<String, Object> attributes) {

  /** Where the item comes from. */
  public record SourceRef(
      @Nullable String system,
      @Nullable String externalId,
      @Nullable String externalKey,
      @Nullable String url) {}

  static final Set<String> SYSTEMS =
      Set.of("jira", "github", "gitlab", "slack", "pagerduty", "alertmanager", "generic", "api");
  static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
  static final int MAX_LABELS = 50;
  static final int MAX_ATTRIBUTES = 50;
  static final int MAX_ATTRIBUTES_JSON = 16 * 1024;

  /** Checks every field and throws with all problems found; {@code prefix} names a bulk entry. */
  void validate(String prefix, int attributesJsonLength) {
    Validation v = new Validation();
    v.require(title, prefix + "title").maxLength(title, prefix + "title", 500);
    v.require(type, prefix + "type")
        .when(
            type != null && !TYPE.matcher(type).matches(),
            prefix + "type",
            "must be lowercase letters, digits or '_' (e.g. bug, incident, build_failure)");
    v.require(priority, prefix + "priority")
        .when(
            priority != null && !PRIORITIES.contains(priority),
            prefix + "priority",
            "must be one of P1, P2, P3, P4, P5");
    v.maxLength(severity, prefix + "severity", 50);
    v.maxLength(component, prefix + "component", 200);
    v.maxLength(reporter, prefix + "reporter", 200);
    words(v, labels, prefix + "labels");
    words(v, skills, prefix + "skills");
    if (customer != null) {
      v.maxLength(customer.id(), prefix + "customer.id", 200);
      v.maxLength(customer.tier(), prefix + "customer.tier", 50);
    }
    if (source != null) {
      v.when(
          source.system() != null && !SYSTEMS.contains(source.system()),
          prefix + "source.system",
          "must be one of " + SYSTEMS.stream().sorted().toList());
      v.maxLength(source.externalId(), prefix + "source.externalId", 200);
      v.maxLength(source.externalKey(), prefix + "source.externalKey", 200);
      v.maxLength(source.url(), prefix + "source.url", 2000);
      v.when(
          source.url() != null && !isHttpUrl(source.url()),
          prefix + "source.url",
          "must be an absolute http(s) URL");
    }
    if (attributes != null) {
      v.when(
          attributes.size() > MAX_ATTRIBUTES,
          prefix + "attributes",
          "at most " + MAX_ATTRIBUTES + " attributes");
      v.when(
          attributesJsonLength > MAX_ATTRIBUTES_JSON,
          prefix + "attributes",
          "at most " + MAX_ATTRIBUTES_JSON + " bytes of JSON");
    }
    v.check();
  }

  /** Labels and skills: at most {@value #MAX_LABELS}, each 1-100 characters. */
  private static void words(Validation v, @Nullable List<String> words, String field) {
    if (words == null) {
      return;
    }
    v.when(words.size() > MAX_LABELS, field, "at most " + MAX_LABELS + " entries");
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      v.when(
          word == null || word.isBlank() || word.length() > 100,
          field + "[" + i + "]",
          "must be 1-100 characters");
    }
  }

  String system() {
    return source == null || source.system() == null ? "api" : source.system();
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return uri.isAbsolute()
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
