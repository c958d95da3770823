package dev.baton.roster.schedule;

import java.time.Instant;

/**
 * A stretch of on-call time and where it comes from: {@code layer} is the rotation's index, or the
 * number of rotations plus the override's index; {@code turn} is the rotation's turn (0 for
 * overrides). Higher layers win. Pieces with the same origin, person and reason that touch are one
 * shift.
 */
record Piece(Instant start, Instant end, String person, String reason, int layer, long turn) {

  boolean sameShiftAs(Piece other) {
    return layer == other.layer
        && turn == other.turn
        && person.equals(other.person)
        && reason.equals(other.reason);
  }

  boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  Piece from(Instant newStart, Instant newEnd) {
    return new Piece(newStart, newEnd, person, reason, layer, turn);
  }
}
