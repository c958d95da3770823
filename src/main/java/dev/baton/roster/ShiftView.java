package dev.baton.roster;

import java.time.Instant;

/**
 * A person on call for a schedule during {@code [start, end)}.
 *
 * @param layer the rotation's name, or {@code override}
 * @param reason {@code rotation}, {@code override} or {@code covering <person> (time off)}
 */
public record ShiftView(String person, Instant start, Instant end, String layer, String reason) {}
