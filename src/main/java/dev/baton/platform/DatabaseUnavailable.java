package dev.baton.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure caused by the database being unreachable (down, restarting, the pool unable to
 * hand out a connection within {@code baton.database.connection-timeout}) from any other: such a
 * request's transaction never began or was rolled back, and it may be sent again (a repeated
 * webhook is recognised by its delivery id), so it answers 503 with {@code Retry-After} rather than
 * 500.
 */
final class DatabaseUnavailable {

  /** The wait a 503 suggests; about a connection timeout, the time a restart usually takes. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  static final String DETAIL =
      "the database is not reachable right now; send the request again later";

  private DatabaseUnavailable() {}

  /** Whether {@code failure} or one of its causes says the database could not be reached. */
  static boolean causedBy(@Nullable Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessResourceException
          || t instanceof CannotCreateTransactionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && connectionState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server shutting down, crashed or
   * not yet accepting connections).
   */
  private static boolean connectionState(@Nullable String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"));
  }
}
