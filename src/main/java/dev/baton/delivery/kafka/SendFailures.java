package dev.baton.delivery.kafka;

import dev.baton.delivery.Connector.Outcome;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * What a failed send means for the delivery. Retriable errors and timeouts (including a topic that
 * does not exist yet, which the producer reports as metadata it waited for in vain) are transient
 * and may have landed; a record the broker will never take (too large, an invalid or forbidden
 * topic, failed authentication or authorization, a policy that refuses it) is permanent. Anything
 * else (a producer closed or in a fatal state) is transient and also means the producer is replaced
 * before the next attempt.
 */
final class SendFailures {

  /** An outcome, and whether the producer must be closed and made anew. */
  record Failure(Outcome outcome, boolean replaceProducer) {}

  private SendFailures() {}

  static Failure of(Throwable thrown) {
    Throwable e = unwrap(thrown);
    String error = describe(e);
    if (e instanceof TimeoutException) {
      return new Failure(
          new Outcome.Transient(null, error + " (the record may have landed)", true, null, ""),
          false);
    }
    if (e instanceof RetriableException) {
      return new Failure(new Outcome.Transient(null, error, true, null, ""), false);
    }
    if (e instanceof RecordTooLargeException
        || e instanceof RecordBatchTooLargeException
        || e instanceof InvalidTopicException
        || e instanceof InvalidRecordException
        || e instanceof AuthorizationException
        || e instanceof AuthenticationException
        || e instanceof PolicyViolationException
        || e instanceof SerializationException) {
      return new Failure(new Outcome.Permanent(null, error, ""), false);
    }
    return new Failure(
        new Outcome.Transient(
            null,
            error + " (the producer is replaced; the record may have landed)",
            true,
            null,
            ""),
        true);
  }

  private static Throwable unwrap(Throwable thrown) {
    Throwable e = thrown;
    while ((e instanceof ExecutionException || e instanceof CompletionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
