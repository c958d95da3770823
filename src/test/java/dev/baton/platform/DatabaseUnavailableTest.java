package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures mean "the database cannot be reached" (503) and which do not (500). */
class DatabaseUnavailableTest {

  @Test
  void connectionFailuresAnywhereInTheCauseChainCount() {
    assertThat(
            DatabaseUnavailable.causedBy(
                new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("baton - Connection is not available"))))
        .isTrue();
    assertThat(
            DatabaseUnavailable.causedBy(
                new CannotCreateTransactionException("Could not open JDBC Connection")))
        .isTrue();
    assertThat(
            DatabaseUnavailable.causedBy(
                new IllegalStateException(
                    "wrapped",
                    new UncategorizedSQLException(
                        "select",
                        "select 1",
                        new SQLException("terminating connection", "57P01")))))
        .isTrue();
    assertThat(
            DatabaseUnavailable.causedBy(
                new UncategorizedSQLException(
                    "select", "select 1", new SQLException("connection refused", "08001"))))
        .isTrue();
  }

  @Test
  void otherFailuresDoNot() {
    assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("a bug"))).isFalse();
    assertThat(
            DatabaseUnavailable.causedBy(
                new DataIntegrityViolationException(
                    "duplicate", new SQLException("duplicate key", "23505"))))
        .isFalse();
    assertThat(DatabaseUnavailable.causedBy(null)).isFalse();
  }
}
