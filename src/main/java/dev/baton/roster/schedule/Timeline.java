package dev.baton.roster.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One calculation over one schedule and one set of time off: builds each layer's pieces for a
 * window, then lets the highest layer with someone on call win each stretch. Counts every piece it
 * makes and stops at the limit, so no request loops without end.
 */
final class Timeline {

  private final Schedule schedule;
  private final List<HandOffs> handOffs = new ArrayList<>();
  private final TimeOffs timeOffs;
  private final int limit;
  private final String limitField;
  private int spent;

  Timeline(Schedule schedule, List<TimeOff> timeOff, int limit, String limitField) {
    this.schedule = schedule;
    this.timeOffs = new TimeOffs(timeOff);
    this.limit = limit;
    this.limitField = limitField;
    for (Rotation r : schedule.rotations()) {
      handOffs.add(new HandOffs(r, schedule.zone()));
    }
  }

  /**
   * Who is on call in [from, to), by precedence, clipped to the window; layers below min ignored.
   */
  List<Piece> pieces(Instant from, Instant to, int minLayer) {
    List<List<Piece>> layers = new ArrayList<>();
    TreeSet<Instant> cuts = new TreeSet<>(List.of(from, to));
    for (int i = minLayer; i < layerCount(); i++) {
      List<Piece> layer = layer(i, from, to);
      if (!layer.isEmpty()) {
        layers.add(layer);
        layer.forEach(p -> cuts.addAll(List.of(p.start(), p.end())));
      }
    }
    int[] cursor = new int[layers.size()];
    List<Piece> out = new ArrayList<>();
    Instant x = from;
    for (Instant y : cuts.tailSet(from, false)) {
      spend();
      Piece winner = winnerAt(x, layers, cursor);
      if (winner != null) {
        Piece last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && last.end().equals(x) && last.sameShiftAs(winner)) {
          out.set(out.size() - 1, last.from(last.start(), y));
        } else {
          out.add(winner.from(x, y));
        }
      }
      x = y;
    }
    return out;
  }

  /** The whole shift in progress at t, not clipped to any window. */
  Optional<Piece> pieceAt(Instant t) {
    List<Piece> here = pieces(t, t.plusNanos(1), 0);
    if (here.isEmpty()) {
      return Optional.empty();
    }
    Piece p = here.get(0);
    // a shift never outlasts its origin (one turn, one override), and only layers at or above its
    // own can cut it short
    Instant from;
    Instant to;
    if (p.layer() >= handOffs.size()) {
      ScheduleOverride o = schedule.overrides().get(p.layer() - handOffs.size());
      from = o.from();
      to = o.to();
    } else {
      HandOffs h = handOffs.get(p.layer());
      from = h.instant(p.turn());
      to = h.instant(p.turn() + 1);
    }
    return pieces(from, to, p.layer()).stream().filter(q -> q.contains(t)).findFirst();
  }

  Shift shift(Piece p) {
    String layer =
        p.layer() < handOffs.size() ? schedule.rotations().get(p.layer()).name() : Shift.OVERRIDE;
    return new Shift(p.person(), p.start(), p.end(), layer, p.reason());
  }

  /** The latest instant after which every rotation always has someone: nobody waits for a turn. */
  Instant quietAfter(Instant from) {
    Instant latest = timeOffs.latestEnd(from);
    for (HandOffs h : handOffs) {
      Instant first = h.instant(0);
      latest = first.isAfter(latest) ? first : latest;
    }
    return latest;
  }

  private int layerCount() {
    return handOffs.size() + schedule.overrides().size();
  }

  private List<Piece> layer(int i, Instant from, Instant to) {
    int rotations = handOffs.size();
    if (i < rotations) {
      return new Turns(i, handOffs.get(i), timeOffs, this::spend).between(from, to);
    }
    ScheduleOverride o = schedule.overrides().get(i - rotations);
    if (!o.from().isBefore(to) || !o.to().isAfter(from)) {
      return List.of();
    }
    Instant start = o.from().isAfter(from) ? o.from() : from;
    Instant end = o.to().isBefore(to) ? o.to() : to;
    return List.of(new Piece(start, end, o.person(), Shift.OVERRIDE, i, 0));
  }

  private static @Nullable Piece winnerAt(Instant x, List<List<Piece>> layers, int[] cursor) {
    for (int l = layers.size() - 1; l >= 0; l--) {
      List<Piece> layer = layers.get(l);
      while (cursor[l] < layer.size() && !layer.get(cursor[l]).end().isAfter(x)) {
        cursor[l]++;
      }
      if (cursor[l] < layer.size() && !layer.get(cursor[l]).start().isAfter(x)) {
        return layer.get(cursor[l]);
      }
    }
    return null;
  }

  private void spend() {
    if (++spent > limit) {
      throw new TooManyShifts(limitField, limit);
    }
  }
}
