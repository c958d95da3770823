package dev.baton.workitem;

import dev.baton.ingest.SourceEvent;
import dev.baton.workitem.mapping.MappedItem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The work item fields of a source event: its mapped fields and where it comes from. */
final class SourceFields {

  /** At most this many matched rule names are kept on the item. */
  static final int MAX_RULES_KEPT = 20;

  private SourceFields() {}

  static NewWorkItem of(SourceDelivery delivery) {
    SourceEvent event = delivery.event();
    MappedItem mapped = delivery.mapping().map(event);
    Map<String, Object> attributes = new LinkedHashMap<>(mapped.attributes());
    Map<String, Object> mapping = new LinkedHashMap<>();
    mapping.put("version", delivery.mapping().version());
    mapping.put("rules", mapped.rules().stream().limit(MAX_RULES_KEPT).toList());
    attributes.put("mapping", mapping);
    return new NewWorkItem(
        mapped.title(),
        mapped.type(),
        mapped.priority(),
        mapped.severity(),
        mapped.labels(),
        mapped.skills(),
        mapped.component(),
        mapped.customerTier() == null ? null : new WorkItem.Customer(null, mapped.customerTier()),
        mapped.reporter(),
        new NewWorkItem.SourceRef(
            event.provider(),
            delivery.externalId(),
            clip(event.externalKey(), 200),
            httpUrl(event.url())),
        attributes);
  }

  private static @Nullable String clip(@Nullable String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  /** The source's link when it is an absolute http(s) URL a work item can hold, else none. */
  private static @Nullable String httpUrl(@Nullable String url) {
    if (url == null || url.length() > 2000) {
      return null;
    }
    try {
      URI uri = new URI(url);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      return uri.isAbsolute() && web && uri.getHost() != null ? url : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
