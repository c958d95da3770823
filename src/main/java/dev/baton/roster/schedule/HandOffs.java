package dev.baton.roster.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;

/**
 * The hand-offs of one rotation in one zone. Turn {@code k} (0, 1, 2, ...) is held by participant
 * {@code k mod n} from hand-off {@code k} to hand-off {@code k + 1}. Hand-offs are counted in local
 * wall-clock time and only then turned into instants, so they stay at the same local time across
 * offset changes.
 */
final class HandOffs {

  /** Far more than any estimate is ever off by; reaching it means a bug, not a big schedule. */
  private static final int MAX_CORRECTIONS = 10_000;

  private final Rotation rotation;
  private final ZoneId zone;
  private final LocalDateTime first;
  private final long stepDays;
  private final long stepMinutes;

  @SuppressWarnings("JavaPeriodGetDays") // a schedule only admits periods of whole days
  HandOffs(Rotation rotation, ZoneId zone) {
    this.rotation = rotation;
    this.zone = zone;
    LocalDate firstDay =
        rotation.type() == Rotation.Type.WEEKLY
            ? rotation
                .start()
                .with(TemporalAdjusters.nextOrSame(Objects.requireNonNull(rotation.handoffDay())))
            : rotation.start();
    this.first = firstDay.atTime(rotation.handoffTime());
    Integer hours = rotation.lengthHours();
    this.stepMinutes = hours == null ? 0 : hours * 60L;
    this.stepDays =
        switch (rotation.type()) {
          case DAILY -> 1;
          case WEEKLY -> 7;
          case CUSTOM -> hours == null ? Objects.requireNonNull(rotation.length()).getDays() : 0;
        };
  }

  LocalDateTime local(long turn) {
    return stepDays > 0 ? first.plusDays(turn * stepDays) : first.plusMinutes(turn * stepMinutes);
  }

  Instant instant(long turn) {
    return resolve(local(turn), zone);
  }

  Rotation rotation() {
    return rotation;
  }

  String participant(long turn) {
    List<String> people = rotation.participants();
    return people.get((int) Math.floorMod(turn, (long) people.size()));
  }

  /** The turn in progress at {@code t}, or -1 before the first hand-off. */
  long turnAt(Instant t) {
    LocalDateTime there = LocalDateTime.ofInstant(t, zone);
    long k =
        stepDays > 0
            ? Math.floorDiv(
                ChronoUnit.DAYS.between(first.toLocalDate(), there.toLocalDate()), stepDays)
            : Math.floorDiv(ChronoUnit.MINUTES.between(first, there), stepMinutes);
    // the estimate ignores offsets, so it can be a turn or two off near a hand-off
    k = Math.max(k, 0);
    for (int i = 0; ; i++) {
      if (i > MAX_CORRECTIONS) {
        throw new IllegalStateException("hand-off search did not settle for " + rotation.name());
      }
      if (instant(k).isAfter(t)) {
        if (k == 0) {
          return -1;
        }
        k--;
      } else if (!instant(k + 1).isAfter(t)) {
        k++;
      } else {
        return k;
      }
    }
  }

  /**
   * The instant a local hand-off time happens: in a gap (clocks jump forward) at the first instant
   * after it, the moment of the jump; in an overlap (clocks go back) at the earlier offset, the
   * first time that wall-clock time is shown.
   */
  static Instant resolve(LocalDateTime local, ZoneId zone) {
    var rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    // in an overlap the offsets are listed before-then-after, and before is the larger one
    return local.toInstant(offsets.get(0));
  }
}
