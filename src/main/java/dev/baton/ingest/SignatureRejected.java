package dev.baton.ingest;

import dev.baton.platform.BatonException;
import org.jspecify.annotations.NullMarked;

/**
 * The request is well-formed but does not prove it came from the integration's sender: no active
 * secret produces its signature or token. Web code answers 401. Messages never contain a secret or
 * a signature, received or computed.
 */
@NullMarked
public class SignatureRejected extends BatonException {

  public SignatureRejected(String message) {
    super(message);
  }
}
