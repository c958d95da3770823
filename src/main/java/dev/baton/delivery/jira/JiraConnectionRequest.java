package dev.baton.delivery.jira;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A connection as a caller writes it with {@code PUT /api/v1/integrations/{id}/jira-connection}.
 * {@code auth} is required to create and may be left out to keep the stored credentials.
 */
record JiraConnectionRequest(
    @Nullable String baseUrl,
    @Nullable Auth auth,
    @Nullable List<Field> fields,
    @Nullable String mode,
    @Nullable String accountId) {

  /** Either {@code email} + {@code apiToken} (Basic) or {@code bearer} (OAuth 2.0). */
  record Auth(@Nullable String email, @Nullable String apiToken, @Nullable String bearer) {}

  /** An owned custom field; {@code type} defaults to {@code text}. */
  record Field(@Nullable String id, @Nullable String value, @Nullable String type) {}
}
