package dev.baton.tenant;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An API token as listed: never its value, only the prefix that helps recognise it.
 *
 * @param id the token's id
 * @param name what it is for
 * @param prefix the first characters of its value
 * @param scopes the scopes granted
 * @param person the person it is bound to, if any
 */
public record ApiToken(
    String id,
    String name,
    String prefix,
    List<String> scopes,
    @Nullable String person,
    Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Instant revokedAt,
    @Nullable Instant lastUsedAt) {

  /** A token just created: the only time its value is shown. */
  public record Created(ApiToken token, String value) {}
}
