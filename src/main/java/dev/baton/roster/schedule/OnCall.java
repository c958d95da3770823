package dev.baton.roster.schedule;

import dev.baton.platform.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is on call under a schedule, as pure functions of the instants passed in.
 *
 * <p>Precedence, highest first: the latest override covering the instant; then the last rotation
 * (layer) that has someone, where a participant on time off is covered by the next free participant
 * of the same rotation. A shift is the stretch one person holds from one origin (one rotation turn,
 * one override) for one reason: shifts are never merged across hand-offs or overrides, even when
 * the same person continues, and are split wherever precedence or time-off cover changes who holds
 * it or why.
 *
 * <p>Each call computes at most {@value #MAX_PIECES} pieces (turns, time-off splits, precedence
 * cuts) and throws {@link TooManyShifts} beyond that. Instants must lie between the years 1 and
 * 9999. Invalid time off throws {@code BatonException.InvalidInput} naming {@code timeOff[i]}.
 *
 * <pre>{@code
 * Optional<Shift> now = new OnCall().at(schedule, clock.instant(), timeOff);
 * }</pre>
 */
public final class OnCall {

  public static final int MAX_PIECES = 100_000;
  public static final int MAX_NEXT = 1_000;

  private static final Instant EARLIEST = Instant.parse("0001-01-02T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-30T00:00:00Z");
  private static final Duration FIRST_LOOK_AHEAD = Duration.ofDays(8);

  private final int limit;

  public OnCall() {
    this(MAX_PIECES);
  }

  OnCall(int limit) {
    this.limit = limit;
  }

  /** The whole shift (not clipped) in progress at {@code at}, or empty if nobody is on call. */
  public Optional<Shift> at(Schedule schedule, Instant at, List<TimeOff> timeOff) {
    check(timeOff, v -> inRange(v, at, "at"));
    Timeline timeline = new Timeline(schedule, timeOff, limit, "at");
    return timeline.pieceAt(at).map(timeline::shift);
  }

  /**
   * The shifts in {@code [from, to)}, sorted, contiguous where someone is on call and never
   * overlapping, clipped to the range.
   */
  public List<Shift> between(Schedule schedule, Instant from, Instant to, List<TimeOff> timeOff) {
    check(
        timeOff,
        v -> {
          inRange(v, from, "from");
          inRange(v, to, "to");
          v.when(!to.isAfter(from), "to", "must be after from");
        });
    Timeline timeline = new Timeline(schedule, timeOff, limit, "to");
    return timeline.pieces(from, to, 0).stream().map(timeline::shift).toList();
  }

  /**
   * The next {@code n} shifts, whole (not clipped): the one in progress at {@code from} if any,
   * then the ones after it. Fewer only if the range of supported instants ends first.
   */
  public List<Shift> next(Schedule schedule, Instant from, int n, List<TimeOff> timeOff) {
    check(
        timeOff,
        v -> {
          inRange(v, from, "from");
          v.when(n < 0 || n > MAX_NEXT, "n", "must be between 0 and " + MAX_NEXT);
        });
    if (n == 0) {
      return List.of();
    }
    Timeline timeline = new Timeline(schedule, timeOff, limit, "n");
    List<Piece> found = new ArrayList<>();
    timeline.pieceAt(from).ifPresent(found::add);
    Instant t = found.isEmpty() ? from : found.get(0).end();
    Instant quiet = timeline.quietAfter(from);
    Duration ahead = FIRST_LOOK_AHEAD;
    while (found.size() < n && t.isBefore(LATEST)) {
      Instant end = t.plus(ahead).isBefore(LATEST) ? t.plus(ahead) : LATEST;
      List<Piece> window = timeline.pieces(t, end, 0);
      if (window.isEmpty() && end.isAfter(quiet)) {
        break; // cannot happen while a rotation exists; kept so the loop ends regardless
      }
      // only the last piece can be cut by the window; the others are whole
      for (int i = 0; i < window.size() && found.size() < n; i++) {
        Piece p = window.get(i);
        found.add(p.end().equals(end) ? timeline.pieceAt(p.start()).orElse(p) : p);
      }
      ahead = window.isEmpty() ? ahead.multipliedBy(2) : FIRST_LOOK_AHEAD;
      t = window.isEmpty() ? end : found.get(found.size() - 1).end();
    }
    return found.stream().map(timeline::shift).toList();
  }

  private static void inRange(Validation v, Instant t, String field) {
    v.when(t.isBefore(EARLIEST) || t.isAfter(LATEST), field, "must be between years 1 and 9999");
  }

  private static void check(List<TimeOff> timeOff, java.util.function.Consumer<Validation> more) {
    Validation v = new Validation();
    more.accept(v);
    for (int i = 0; i < timeOff.size(); i++) {
      timeOff.get(i).check(v, "timeOff[" + i + "].");
    }
    v.check();
  }
}
