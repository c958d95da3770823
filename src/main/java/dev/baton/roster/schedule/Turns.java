package dev.baton.roster.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One rotation's turns in a window, with time off covered: a participant who is away is replaced,
 * for the overlap only, by the next participant in rotation order (wrapping) who is not. If nobody
 * in the rotation is free, the rotation has nobody then and a lower layer decides.
 */
final class Turns {

  private final int layer;
  private final HandOffs handOffs;
  private final TimeOffs timeOffs;
  private final Runnable spend;

  Turns(int layer, HandOffs handOffs, TimeOffs timeOffs, Runnable spend) {
    this.layer = layer;
    this.handOffs = handOffs;
    this.timeOffs = timeOffs;
    this.spend = spend;
  }

  List<Piece> between(Instant from, Instant to) {
    List<Piece> out = new ArrayList<>();
    long turn = Math.max(handOffs.turnAt(from), 0);
    Instant start = handOffs.instant(turn);
    while (start.isBefore(to)) {
      spend.run();
      Instant end = handOffs.instant(turn + 1);
      Instant a = start.isAfter(from) ? start : from;
      Instant b = end.isBefore(to) ? end : to;
      // a turn can be empty when two hand-offs fall into one spring-forward gap
      if (a.isBefore(b)) {
        cover(turn, a, b, out);
      }
      turn++;
      start = end;
    }
    return out;
  }

  private void cover(long turn, Instant a, Instant b, List<Piece> out) {
    List<String> people = handOffs.rotation().participants();
    TreeSet<Instant> cuts = new TreeSet<>(List.of(a, b));
    timeOffs.addBoundaries(people, a, b, cuts);
    Instant x = a;
    for (Instant y : cuts.tailSet(a, false)) {
      spend.run();
      String due = handOffs.participant(turn);
      if (!timeOffs.isOff(due, x)) {
        out.add(new Piece(x, y, due, Shift.ROTATION, layer, turn));
      } else {
        for (int step = 1; step < people.size(); step++) {
          String next = handOffs.participant(turn + step);
          if (!timeOffs.isOff(next, x)) {
            out.add(new Piece(x, y, next, Shift.covering(due), layer, turn));
            break;
          }
        }
      }
      x = y;
    }
  }
}
