package dev.baton.ingest;

import dev.baton.platform.BatonException;
import dev.baton.platform.BatonException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a generic JSON sender keeps each field: field name to JSON Pointer, e.g. {@code externalId
 * -> /id}, {@code title -> /summary}, {@code attributes.customer -> /account/name}. Only {@code
 * externalId} is required; a field left out stays empty.
 *
 * <p>Fields: {@value #FIELD_LIST}, and {@code attributes.<name>} for any further value.
 */
public record GenericMapping(Map<String, String> pointers) {

  static final String FIELD_LIST =
      "externalId, externalKey, url, title, labels, components, priority, severity, status,"
          + " sourceVersion, assignee, actor, project, eventType, action";

  static final Set<String> FIELDS = Set.of(FIELD_LIST.split(",\\s*"));
  static final String ATTRIBUTE = "attributes.";

  /** A sender whose top-level members are already named like the fields. */
  public static final GenericMapping DEFAULT = defaults();

  public GenericMapping {
    pointers = Map.copyOf(pointers);
    List<FieldProblem> problems = new ArrayList<>();
    if (!pointers.containsKey("externalId")) {
      problems.add(new FieldProblem("pointers.externalId", "is required"));
    }
    pointers.forEach(
        (field, pointer) -> {
          boolean attribute = field.startsWith(ATTRIBUTE) && field.length() > ATTRIBUTE.length();
          if (!FIELDS.contains(field) && !attribute) {
            problems.add(
                new FieldProblem(
                    "pointers." + field, "unknown field; use one of " + FIELD_LIST + "."));
          }
          if (!pointer.startsWith("/")) {
            problems.add(
                new FieldProblem("pointers." + field, "must be a JSON Pointer such as /id"));
          }
        });
    if (!problems.isEmpty()) {
      throw new BatonException.InvalidInput(problems);
    }
  }

  private static GenericMapping defaults() {
    Map<String, String> pointers = new LinkedHashMap<>();
    FIELDS.forEach(field -> pointers.put(field, "/" + field));
    return new GenericMapping(pointers);
  }
}
