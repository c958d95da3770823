package dev.baton.roster.schedule;

import dev.baton.platform.BatonException;

/**
 * A calculation would have produced more pieces than one call may (see {@link OnCall}); the range
 * asked for is too long for the schedule's turn length. Ask for a shorter range.
 */
public final class TooManyShifts extends BatonException.InvalidInput {

  TooManyShifts(String field, int limit) {
    super(
        field,
        "the range asked for needs more than "
            + limit
            + " shifts or hand-offs to compute; ask for a shorter one");
  }
}
