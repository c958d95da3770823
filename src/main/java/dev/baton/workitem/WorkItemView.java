package dev.baton.workitem;

import dev.baton.assignment.Assignment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A work item as the API answers it: its fields and its assignment. */
record WorkItemView(
    UUID id,
    String type,
    String title,
    String priority,
    @Nullable String severity,
    List<String> labels,
    List<String> skills,
    @Nullable String component,
    WorkItem.@Nullable Customer customer,
    @Nullable String reporter,
    WorkItem.Source source,
    String status,
    Map<String, Object> attributes,
    Instant createdAt,
    Instant updatedAt,
    AssignmentView assignment) {

  /** The assignment part: state, owner ({@code person:<id>} or {@code queue:<id>}), version. */
  record AssignmentView(String state, @Nullable String owner, int version, Instant updatedAt) {
    static AssignmentView of(Assignment a) {
      return new AssignmentView(
          a.state().name(),
          a.owner() == null ? null : a.owner().toString(),
          a.version(),
          a.updatedAt());
    }
  }

  static WorkItemView of(WorkItems.WithAssignment w) {
    WorkItem i = w.item();
    return new WorkItemView(
        i.id(),
        i.type(),
        i.title(),
        i.priority(),
        i.severity(),
        i.labels(),
        i.skills(),
        i.component(),
        i.customer(),
        i.reporter(),
        i.source(),
        i.status(),
        i.attributes(),
        i.createdAt(),
        i.updatedAt(),
        AssignmentView.of(w.assignment()));
  }
}
