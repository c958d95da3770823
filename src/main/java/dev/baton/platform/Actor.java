package dev.baton.platform;

import org.jspecify.annotations.Nullable;

/**
 * Who did something: a person (possibly through a token), a token of its own, Baton itself, or
 * someone known only by their identity in another tool (a human edit in Jira or GitHub).
 *
 * @param type {@code person}, {@code token}, {@code system}, or the other tool ({@code jira},
 *     {@code github}, ...)
 * @param id the person's id, the token's id, the name of the system part, or the identity in the
 *     other tool (a Jira accountId, a GitHub login)
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

  /**
   * Someone as another tool knows them, e.g. {@code jira:5b10a2844c20165700ede21g}; {@code via}
   * names the integration the change came through.
   */
  public static Actor external(String tool, String identity, @Nullable String via) {
    return new Actor(tool, identity, via);
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
