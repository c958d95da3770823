package dev.baton.config;

import dev.baton.platform.Caller;

/**
 * How one {@code kind} of configuration document is applied. Implementations turn the spec into the
 * owning module's request and save it with create-or-replace semantics.
 */
interface ConfigKind {

  /** The {@code kind} this handles, e.g. {@code Person}. */
  String kind();

  /** Lower orders are applied first (what others refer to comes first). */
  int order();

  /** The scope a caller needs to apply documents of this kind. */
  String scope();

  /** The scope a caller needs to see documents of this kind in an export. */
  String readScope();

  /**
   * Applies one document inside the caller's transaction.
   *
   * @return {@code created}, {@code updated} or {@code unchanged}
   * @throws dev.baton.platform.BatonException.InvalidInput naming spec fields relative to spec
   */
  String apply(Caller caller, ConfigDocument document);

  /**
   * The tenant's current objects of this kind as documents (envelope included), in a form that
   * {@link #apply} accepts back unchanged.
   */
  java.util.List<java.util.Map<String, Object>> export(String tenantId);

  /** A document envelope around {@code spec}. */
  static java.util.Map<String, Object> document(
      String kind, String name, java.util.Map<String, Object> spec) {
    java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("apiVersion", ConfigParser.API_VERSION);
    doc.put("kind", kind);
    doc.put("metadata", java.util.Map.of("name", name));
    doc.put("spec", spec);
    return doc;
  }

  static String outcome(boolean created, boolean changed) {
    return created ? "created" : changed ? "updated" : "unchanged";
  }
}
