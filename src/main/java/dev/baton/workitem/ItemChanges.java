package dev.baton.workitem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an update changes in an item: each field whose new value differs, before and after, by the
 * names {@code work-item.updated} audit entries and events use.
 */
record ItemChanges(Map<String, @Nullable Object> before, Map<String, @Nullable Object> after) {

  static ItemChanges between(
      WorkItem current, NewWorkItem fields, String status, Map<String, Object> attributes) {
    Map<String, @Nullable Object> was = comparable(current);
    Map<String, @Nullable Object> next = comparable(fields, status, attributes);
    Map<String, @Nullable Object> before = new LinkedHashMap<>();
    Map<String, @Nullable Object> after = new LinkedHashMap<>();
    was.forEach(
        (field, value) -> {
          if (!Objects.equals(value, next.get(field))) {
            before.put(field, value);
            after.put(field, next.get(field));
          }
        });
    return new ItemChanges(before, after);
  }

  boolean none() {
    return after.isEmpty();
  }

  List<String> fields() {
    return List.copyOf(after.keySet());
  }

  private static Map<String, @Nullable Object> comparable(WorkItem item) {
    Map<String, @Nullable Object> fields = new LinkedHashMap<>();
    fields.put("title", item.title());
    fields.put("type", item.type());
    fields.put("priority", item.priority());
    fields.put("severity", item.severity());
    fields.put("labels", item.labels());
    fields.put("skills", item.skills());
    fields.put("component", item.component());
    fields.put("customer", item.customer());
    fields.put("reporter", item.reporter());
    fields.put("externalKey", item.source().externalKey());
    fields.put("url", item.source().url());
    fields.put("attributes", item.attributes());
    fields.put("status", item.status());
    return fields;
  }

  private static Map<String, @Nullable Object> comparable(
      NewWorkItem item, String status, Map<String, Object> attributes) {
    WorkItem.Customer customer = item.customer();
    NewWorkItem.SourceRef source = item.source();
    Map<String, @Nullable Object> fields = new LinkedHashMap<>();
    fields.put("title", item.title());
    fields.put("type", item.type());
    fields.put("priority", item.priority());
    fields.put("severity", item.severity());
    fields.put("labels", item.labels() == null ? List.of() : item.labels());
    fields.put("skills", item.skills() == null ? List.of() : item.skills());
    fields.put("component", item.component());
    fields.put(
        "customer",
        customer == null || (customer.id() == null && customer.tier() == null) ? null : customer);
    fields.put("reporter", item.reporter());
    fields.put("externalKey", source == null ? null : source.externalKey());
    fields.put("url", source == null ? null : source.url());
    fields.put("attributes", attributes);
    fields.put("status", status);
    return fields;
  }
}
