package dev.baton.roster.schedule;

import dev.baton.platform.Validation;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Someone on call in place of every layer for {@code [from, to)}. Named {@code ScheduleOverride}
 * rather than {@code Override} so that it does not hide {@code java.lang.Override} wherever it is
 * imported.
 */
public record ScheduleOverride(String person, Instant from, Instant to, @Nullable String reason) {

  @SuppressWarnings("ConstantConditions") // values may come from a binder that ignores @NullMarked
  void check(Validation v, String path) {
    v.require(person, path + "person").require(from, path + "from").require(to, path + "to");
    if (from != null && to != null) {
      v.when(!to.isAfter(from), path + "to", "must be after from");
    }
    v.maxLength(reason, path + "reason", 500);
  }
}
