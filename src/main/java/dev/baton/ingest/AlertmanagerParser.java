package dev.baton.ingest;

import dev.baton.ingest.SourceEvent.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Alertmanager webhooks. One notification is one alert group, and one group is one work item:
 * Alertmanager already decided which alerts belong together.
 */
final class AlertmanagerParser implements PayloadParser {

  static final String PROVIDER = "alertmanager";

  /** Alertmanager's "not set" time, sent as {@code endsAt} of alerts still firing. */
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public SourceEvent parse(@Nullable String eventHeader, JsonNode payload) {
    PayloadReader in = new PayloadReader(PROVIDER, payload);
    String status = in.text("/status");
    Kind kind =
        switch (status) {
          case "firing" -> Kind.ITEM_UPSERT;
          case "resolved" -> Kind.ITEM_CLOSED;
          default -> throw in.bad("/status must be firing or resolved, was '" + status + "'");
        };
    int alerts = in.array("/alerts").size();
    if (alerts == 0) {
      throw in.bad("/alerts is empty");
    }
    Map<String, String> common = labels(in, "/commonLabels");
    String receiver = in.optionalText("/receiver");
    String summary = in.optionalText("/commonAnnotations/summary");
    String alertname = common.get("alertname");
    List<String> fingerprints = new ArrayList<>();
    for (int i = 0; i < alerts; i++) {
      String fingerprint = in.optionalText("/alerts/" + i + "/fingerprint");
      if (fingerprint != null) {
        fingerprints.add(fingerprint);
      }
    }
    return SourceEvent.about(PROVIDER, status, status)
        .kind(kind)
        .externalId(groupKey(in, receiver))
        .externalKey(alertname)
        .url(in.optionalText("/externalURL"))
        .title(summary != null ? summary : alertname != null ? alertname : "alert group")
        .labels(common.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
        .components(common.containsKey("service") ? List.of(common.get("service")) : List.of())
        .priorityHint(common.get("severity"))
        .severity(common.get("severity"))
        .closed(kind == Kind.ITEM_CLOSED)
        .sourceVersion(latestChange(in, status, alerts))
        .project(receiver)
        .attribute("alerts", alerts)
        .attribute("fingerprints", fingerprints.isEmpty() ? null : String.join(",", fingerprints))
        .build();
  }

  /**
   * Alertmanager's {@code groupKey} names the group for as long as it lives. Payloads older than
   * version 4 lack it; receiver plus group labels is what Alertmanager builds it from.
   */
  private static String groupKey(PayloadReader in, @Nullable String receiver) {
    String key = in.optionalText("/groupKey");
    if (key != null) {
      return key;
    }
    String labels =
        labels(in, "/groupLabels").entrySet().stream()
            .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
            .collect(Collectors.joining(",", "{", "}"));
    return (receiver == null ? "" : receiver) + ":" + labels;
  }

  /**
   * The group changes when an alert starts or ends, so the latest such time orders its
   * notifications; a resolved notification is later than the firing one before it.
   */
  private static long latestChange(PayloadReader in, String groupStatus, int alerts) {
    long latest = Long.MIN_VALUE;
    for (int i = 0; i < alerts; i++) {
      String at = "/alerts/" + i;
      latest = Math.max(latest, in.millis(at + "/startsAt"));
      String status = in.optionalText(at + "/status");
      String ends = in.optionalText(at + "/endsAt");
      boolean resolved = "resolved".equals(status != null ? status : groupStatus);
      if (resolved && ends != null && !ends.equals(ZERO_TIME)) {
        latest = Math.max(latest, in.millis(at + "/endsAt"));
      }
    }
    return latest;
  }

  /** A label set, sorted by name so the same labels always read the same. */
  private static Map<String, String> labels(PayloadReader in, String pointer) {
    Map<String, String> labels = new TreeMap<>();
    if (!in.has(pointer)) {
      return labels;
    }
    for (String name : in.object(pointer).propertyNames()) {
      labels.put(name, in.text(pointer + "/" + name.replace("~", "~0").replace("/", "~1")));
    }
    return labels;
  }
}
