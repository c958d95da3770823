package dev.baton.tenant;

/**
 * Tells whether a person exists in a tenant. Implemented by the roster, which owns people; used
 * here to check a token's bound person and the {@code Baton-Acting-For} header.
 */
public interface KnownPeople {

  boolean exists(String tenantId, String personId);
}
