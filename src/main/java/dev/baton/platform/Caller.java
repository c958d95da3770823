package dev.baton.platform;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller of the API: the tenant its token belongs to, the token's scopes and the
 * person it acts as (a token bound to a person, or a service token naming a person in the {@code
 * Baton-Acting-For} header).
 *
 * @param tenantId the tenant every query of this request is scoped to
 * @param tokenId the API token's id
 * @param scopes the token's scopes, with {@code admin} expanded
 * @param personId the person the caller acts as, if any
 * @param actingFor true when a service token names the person in the header
 */
public record Caller(
    String tenantId,
    String tokenId,
    Set<String> scopes,
    @Nullable String personId,
    boolean actingFor) {

  public boolean has(String scope) {
    return scopes.contains(scope);
  }

  /** The actor to record for what this caller does. */
  public Actor actor() {
    return personId == null ? Actor.token(tokenId) : Actor.person(personId, "token:" + tokenId);
  }
}
