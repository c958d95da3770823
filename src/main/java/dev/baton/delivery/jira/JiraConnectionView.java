package dev.baton.delivery.jira;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A connection as the API shows it: never its credentials. */
record JiraConnectionView(
    UUID integrationId,
    String baseUrl,
    AuthView auth,
    List<JiraConnection.OwnedField> fields,
    String mode,
    @Nullable String accountId,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * @param kind {@code basic} or {@code bearer}
   * @param email the account of a Basic credential
   * @param credentialSet always true: a token is stored (its value is write-only)
   */
  record AuthView(String kind, @Nullable String email, boolean credentialSet) {}

  static JiraConnectionView of(JiraConnection c) {
    return new JiraConnectionView(
        c.integrationId(),
        c.baseUrl().toString(),
        new AuthView(c.authKind().wireName(), c.email(), true),
        c.fields(),
        c.mode().wireName(),
        c.accountId(),
        c.version(),
        c.createdAt(),
        c.updatedAt());
  }
}
