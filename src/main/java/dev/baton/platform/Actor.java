package dev.baton.platform;

import org.jspecify.annotations.Nullable;

/**
 * Who did something: a person (possibly through a token), a token of its own, or Baton itself.
 *
 * @param type {@code person}, {@code token} or {@code system}
 * @param id the person's id, the token's id, or the name of the system part
 * @param via how a person acted, e.g. {@code token:<id>}; null when they acted directly
 */
public record Actor(String type, String id, @Nullable String via) {

  public static Actor system(String part) {
    return new Actor("system", part, null);
  }

  public static Actor token(String tokenId) {
    return new Actor("token", tokenId, null);
  }

  public static Actor person(String personId, @Nullable String via) {
    return new Actor("person", personId, via);
  }

  /** The person behind this actor, if there is one. */
  public @Nullable String personId() {
    return "person".equals(type) ? id : null;
  }

  @Override
  public String toString() {
    return type + ":" + id + (via == null ? "" : " via " + via);
  }
}
