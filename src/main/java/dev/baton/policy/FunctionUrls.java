package dev.baton.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a decision function may live: an absolute https URL without credentials or fragment; plain
 * http only to a loopback host, and only when allowed. The host is not resolved here (no I/O in
 * validation), so {@code localhost} counts as loopback by name.
 */
final class FunctionUrls {

  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private FunctionUrls() {}

  /** What is wrong with {@code url}; null when a function may be called there. */
  static @Nullable String problem(String url, boolean allowLoopbackHttp) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a valid URL: " + e.getReason();
    }
    if (!uri.isAbsolute() || uri.getHost() == null) {
      return "must be an absolute https URL with a host";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not carry credentials (user:password@)";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a fragment (#...)";
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return null;
    }
    if (scheme.equals("http") && allowLoopbackHttp && loopback(uri.getHost())) {
      return null;
    }
    return "must use https (plain http only to a loopback host, and only with"
        + " baton.functions.allow-loopback-http=true)";
  }

  static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || IPV4_LOOPBACK.matcher(h).matches();
  }
}
