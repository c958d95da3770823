package dev.baton.assignment;

import java.util.EnumSet;
import java.util.Set;

/** Where an assignment stands (DESIGN.md section 6). */
public enum AssignmentState {
  UNASSIGNED,
  QUEUED,
  OFFERED,
  ACCEPTED,
  IN_PROGRESS,
  BLOCKED,
  CLOSED;

  /** Every state but {@link #CLOSED}. */
  public static final Set<AssignmentState> OPEN = EnumSet.complementOf(EnumSet.of(CLOSED));
}
