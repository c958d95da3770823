package dev.baton.roster;

/**
 * Tells whether other modules still hold a person or queue (as the owner of open work), so that
 * deleting it can be refused instead of leaving work with a missing owner. Implemented by the
 * module that owns assignments.
 */
public interface RosterReferences {

  /** How many open assignments name this owner ({@code person} or {@code queue}). */
  long openAssignments(String tenantId, String ownerType, String ownerId);

  /** Asks every implementation lazily (they depend on the roster, so they come later). */
  static long count(
      org.springframework.beans.factory.ObjectProvider<RosterReferences> all,
      String tenantId,
      String ownerType,
      String ownerId) {
    return all.stream().mapToLong(r -> r.openAssignments(tenantId, ownerType, ownerId)).sum();
  }
}
