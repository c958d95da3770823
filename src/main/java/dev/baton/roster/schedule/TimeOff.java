package dev.baton.roster.schedule;

import dev.baton.platform.Validation;
import java.time.Instant;

/** A person is away for {@code [from, to)}; their rotations find cover for that time. */
public record TimeOff(String person, Instant from, Instant to) {

  boolean covers(Instant t) {
    return !t.isBefore(from) && t.isBefore(to);
  }

  @SuppressWarnings("ConstantConditions") // values may come from a binder that ignores @NullMarked
  void check(Validation v, String path) {
    v.require(person, path + "person").require(from, path + "from").require(to, path + "to");
    if (from != null && to != null) {
      v.when(!to.isAfter(from), path + "to", "must be after from");
    }
  }
}
