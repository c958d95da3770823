package dev.baton.platform;

import jakarta.servlet.http.HttpServletRequest;

/** The exact bytes of the current request's body, as read by the body-size filter. */
public final class RawBody {

  private RawBody() {}

  public static byte[] of(HttpServletRequest request) {
    Object body = request.getAttribute(RequestBodyLimit.BODY_ATTRIBUTE);
    return body instanceof byte[] bytes ? bytes : new byte[0];
  }
}
