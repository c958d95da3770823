package dev.baton.ingest;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.NullMarked;

/**
 * The signature is valid but its signed timestamp is too far from now, so it may be a replay (or
 * either clock is wrong). Raised only after the signature matched, so the message can say which.
 */
@NullMarked
public class StaleTimestamp extends SignatureRejected {

  public StaleTimestamp(String header, Instant signedAt, Instant now, Duration tolerance) {
    super(
        header
            + " "
            + signedAt
            + " is "
            + Duration.between(signedAt, now).abs().toSeconds()
            + "s "
            + (signedAt.isBefore(now) ? "in the past" : "in the future")
            + "; at most "
            + tolerance.toSeconds()
            + "s either way is accepted");
  }
}
